package dev.customtasks.cli.describe;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What ctk says of a CustomRun that no controller has answered, in process and against a cluster. */
class AnswerersTest {

  private static final Instant CREATED = Instant.parse("2026-06-01T10:00:00Z");
  private static final TaskKind EXAMPLE = new TaskKind("example.dev/v0", "Example");
  private static final TaskKind WAIT = new TaskKind("customtasks.dev/v1alpha1", "Wait");
  private static final TaskKind TEST_WAIT = new TaskKind("wait.testing.tekton.dev/v1beta1", "Wait");
  private static final Map<TaskKind, String> KNOWN = new LinkedHashMap<>(Map.of(WAIT, "wait"));

  static {
    KNOWN.put(TEST_WAIT, "wait");
  }

  private static CustomRun created(TaskKind kind) {
    CustomRun run = customRun("c").ref(kind).build();
    run.getMetadata().setCreationTimestamp(Timestamps.format(CREATED));
    return run;
  }

  @Test
  void inProcessAKindNobodyAnswersIsSaidAfterTheGrace() {
    Answerers here = new Answerers(KNOWN, true);

    assertThat(here.unanswered(created(EXAMPLE), CREATED.plusSeconds(4))).isEmpty();
    assertThat(here.unanswered(created(EXAMPLE), CREATED.plus(Answerers.GRACE))).contains(
        "no controller here answers example.dev/v0 Example, and under --embedded none other can start "
            + "(answered here: customtasks.dev/v1alpha1 Wait, wait.testing.tekton.dev/v1beta1 Wait)");
    assertThat(here.neverAnsweredHere(created(EXAMPLE), CREATED.plus(Answerers.GRACE)))
        .isEqualTo(here.unanswered(created(EXAMPLE), CREATED.plus(Answerers.GRACE)));
  }

  @Test
  void inProcessAMisspeltKindOrApiVersionNamesWhatWasMeant() {
    Answerers here = new Answerers(KNOWN, true);

    assertThat(here.unanswered(created(new TaskKind("customtask.dev/v1", "wait")), CREATED.plusSeconds(6)))
        .hasValueSatisfying(m -> assertThat(m).endsWith("none other can start (did you mean customtasks.dev/v1alpha1 "
            + "Wait or wait.testing.tekton.dev/v1beta1 Wait?)"));
    assertThat(here.unanswered(created(new TaskKind("customtasks.dev/v1alpha1", "Wiat")), CREATED.plusSeconds(6)))
        .hasValueSatisfying(m -> assertThat(m).endsWith("(did you mean customtasks.dev/v1alpha1 Wait?)"));
    assertThat(here.unanswered(created(new TaskKind("customtasks.dev/v1alpha1", "Deploy")), CREATED.plusSeconds(6)))
        .as("nothing close: every kind answered here").hasValueSatisfying(m -> assertThat(m)
            .endsWith("(answered here: customtasks.dev/v1alpha1 Wait, wait.testing.tekton.dev/v1beta1 Wait)"));
  }

  @Test
  void againstAClusterNothingIsSaidNeverToBeAnswered() {
    assertThat(new Answerers(KNOWN, false).neverAnsweredHere(created(EXAMPLE), CREATED.plusSeconds(60))).isEmpty();
  }

  @Test
  void inProcessAnAnsweredKindOrARunWithAConditionIsNotSaid() {
    Answerers here = new Answerers(KNOWN, true);
    CustomRun started = created(EXAMPLE);
    started.setStatus(new CustomRunStatus());
    started.getStatus().markRunning("Running", "", CREATED.plusSeconds(1));

    assertThat(here.unanswered(created(WAIT), CREATED.plusSeconds(60))).isEmpty();
    assertThat(here.unanswered(started, CREATED.plusSeconds(60))).isEmpty();
  }

  @Test
  void againstAClusterCtkSaysWhatItKnowsAndThatItCannotTell() {
    Answerers cluster = new Answerers(KNOWN, false);

    assertThat(cluster.unanswered(created(EXAMPLE), CREATED.plusSeconds(6))).contains(
        "no controller ctk knows answers example.dev/v0 Example, and ctk cannot tell which controllers run against "
            + "this API server; the run waits until one does or until its timeout (ctk's controllers answer: "
            + "customtasks.dev/v1alpha1 Wait, wait.testing.tekton.dev/v1beta1 Wait)");
    assertThat(cluster.unanswered(created(WAIT), CREATED.plusSeconds(6))).contains(
        "no controller has answered customtasks.dev/v1alpha1 Wait yet; ctk's wait controller answers it, but ctk "
            + "cannot tell whether one runs against this API server; the run waits until one does or until its timeout");
  }

  @Test
  void theModulesOnTheClassPathGiveTheKinds() {
    Answerers here = Answerers.inProcess(name -> name.equals("wait"));

    assertThat(here.unanswered(created(TEST_WAIT), CREATED.plusSeconds(6))).isEmpty();
    assertThat(here.unanswered(created(EXAMPLE), CREATED.plusSeconds(6))).hasValueSatisfying(m -> assertThat(m)
        .endsWith("(answered here: customtasks.dev/v1alpha1 Wait, wait.testing.tekton.dev/v1beta1 Wait, "
            + "wait.testing.tekton.dev/v1alpha1 Wait)"));
    assertThat(Answerers.silent().unanswered(created(EXAMPLE), CREATED.plusSeconds(60))).isEmpty();
  }

  @Test
  void describeSaysWhyARunWaits() {
    StringWriter text = new StringWriter();
    CustomRunDescription.print(created(EXAMPLE), new PrintWriter(text), dev.customtasks.cli.output.Terminal.plain(),
        CREATED.plusSeconds(10), new Answerers(KNOWN, true));

    assertThat(text.toString()).contains("Waiting:   no controller here answers example.dev/v0 Example, and under "
        + "--embedded none other can start (answered here: ");
    assertThat(List.of(text.toString().split("\n"))).anyMatch(l -> l.startsWith("State:") && l.contains("Pending"));
  }
}
