package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An expected 409 is one debug line and a prompt second look, never an error with a stack trace. */
class ConflictsTest {

  private static PipelineRun run() {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("r").withNamespace("ns").build());
    return run;
  }

  private static KubernetesClientException conflict() {
    return new KubernetesClientException(new StatusBuilder().withCode(409).withReason("Conflict")
        .withMessage("Operation cannot be fulfilled on customruns.tekton.dev \"r-c\": the object has been"
            + " modified\nplease apply your changes to the latest version").build());
  }

  @Test
  void aConflictIsOneDebugLineAndAReschedule() {
    List<String> lines = new ArrayList<>();
    var control = Conflicts.handle(new IllegalStateException("wrapped", conflict()), run(), lines::add);

    assertThat(control.getScheduleDelay()).contains(Conflicts.RETRY_AFTER.toMillis());
    assertThat(lines).singleElement().asString()
        .startsWith("conflict on PipelineRun ns/r, deciding again on fresh state: ")
        .contains("the object has been modified").doesNotContain("\n");
  }

  @Test
  void anyOtherErrorIsRethrownAsItIs() {
    List<String> lines = new ArrayList<>();
    KubernetesClientException serverError = new KubernetesClientException("boom", 500, null);
    assertThatThrownBy(() -> Conflicts.handle(serverError, run(), lines::add)).isSameAs(serverError);
    assertThat(lines).isEmpty();
  }
}
