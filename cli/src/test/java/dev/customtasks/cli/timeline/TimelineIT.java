package dev.customtasks.cli.timeline;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.subpipeline.SubPipelineModule;
import dev.customtasks.subpipeline.SubPipelineTask;
import dev.customtasks.wait.WaitModule;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline of runs on the embedded server: {@code ctk describe pipelinerun --timeline} and the end of {@code ctk run}. */
class TimelineIT {

  private static final String NS = "test";
  static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static String kubeconfig;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(WaitModule.CRD, SubPipelineModule.CRD));
    client = server.client();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(50)).registerWith(operator);
      new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new SubPipelineTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: inner}
        spec:
          tasks:
          - {name: pause, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}, params: [{name: duration, value: 1s}]}
          - {name: after-pause, runAfter: [pause], taskSpec: {steps: [{name: s, image: alpine, script: "true"}]}}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: timed}
        spec:
          pipelineSpec:
            tasks:
            - {name: hold, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}, params: [{name: duration, value: 2s}]}
            - {name: sub, runAfter: [hold], taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: inner}}
            finally:
            - {name: tidy, taskSpec: {steps: [{name: s, image: alpine, script: "true"}]}}
        """);
    RunAwaits.awaitObject(client, PipelineRun.class, NS, "timed", PipelineRun::isDone);
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void describeTimelineShowsEveryTaskNestedOnesIndentedAndTheWaitAsWaiting() {
    Result describe = ctk("describe", "pipelinerun", "timed", "--timeline", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    List<String> rows = describe.out().lines().filter(l -> l.contains("|")).map(l -> l.replaceAll(
        "\\s+[0-9.]+m?s\\s+\\|.*$", "").replaceAll("\\s+", " ")).toList();
    assertThat(rows).containsSubsequence(" hold Wait Succeeded", " sub Pipeline Succeeded",
        " inner PipelineRun Succeeded", " pause Wait Succeeded", " after-pause TaskRun Succeeded",
        " tidy TaskRun Succeeded");
    assertThat(describe.out()).contains("Timeline: timed  Succeeded", "  finally:", "<- longest")
        .doesNotContain("\u001B");
    assertThat(bar(describe.out(), "hold")).as(describe.out()).contains("~~~~~").doesNotContain("=");
  }

  @Test
  void describeTimelineWritesAnSvgWithOneBarPerTaskAndGivesTheSpansAsJson() throws Exception {
    Path file = dir.resolve("timed.svg");
    Result svg = ctk("describe", "pr", "timed", "--timeline=svg", file.toString(), "--kubeconfig", kubeconfig,
        "-n", NS);

    assertThat(svg.exitCode()).as(svg.toString()).isZero();
    assertThat(svg.out()).contains("wrote the timeline of PipelineRun timed to " + file);
    var document = TimelineSvgTest.parse(java.nio.file.Files.readString(file));
    var rects = document.getElementsByTagName("rect");
    List<String> bars = new java.util.ArrayList<>();
    for (int i = 0; i < rects.getLength(); i++) {
      var rect = (org.w3c.dom.Element) rects.item(i);
      if (rect.getAttribute("class").startsWith("bar ")) {
        bars.add(((org.w3c.dom.Element) rect.getParentNode()).getAttribute("data-task"));
      }
    }
    assertThat(bars).containsExactly("hold", "sub", "sub/inner", "sub/inner/pause", "sub/inner/after-pause", "tidy");

    Result json = ctk("describe", "pr", "timed", "--timeline", "-o", "json", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(json.exitCode()).as(json.toString()).isZero();
    var spans = Serialization.jsonMapper().readTree(json.out()).get("spans");
    assertThat(spans.findValuesAsText("task")).containsExactly("hold", "sub", "sub/inner", "sub/inner/pause",
        "sub/inner/after-pause", "tidy");
    assertThat(spans.get(0).get("waitedMs").asLong()).isBetween(1500L, 2500L);

    Result missing = ctk("describe", "pr", "timed", "--timeline=svg", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("error: --timeline=svg needs a FILE");
  }

  @Test
  void timelineBeforeTheNameShowsTheTimelineOfThatRun() {
    Result describe = ctk("describe", "pr", "--timeline", "timed", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.out()).contains("Timeline: timed  Succeeded");
  }

  @Test
  void runPrintsTheTimelineWithTheFixedWaitAsWaiting() {
    Result run = ctk("run", EXAMPLES.resolve("fan-in-cool-down.yaml").toString(), "--embedded",
        "-p", "cool-down=2s");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String timeline = run.out().substring(run.out().indexOf("Timeline: fan-in-cool-down"));
    String coolDown = bar(timeline, "cool-down");
    // 2s of a run of about 6s: well over a column, and the controller fires within a few
    assertThat(coolDown).as(timeline).contains("~~~~~").doesNotContain("=");
    assertThat(count(coolDown, '~')).as(timeline).isGreaterThan(count(coolDown, '#'));
    assertThat(bar(timeline, "publish")).contains("=").doesNotContain("~");
  }

  @Test
  void releaseExampleSucceedsThroughItsDeploymentWindowAndDrawsTheWindowAsWaiting() {
    Result run = ctk("run", EXAMPLES.resolve("release.yaml").toString(), "--embedded");

    // The README's first command, run once for its outcome and for its timeline.
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("EMBEDDED API server", "executor stand-in")
        .containsPattern("build\\s+TaskRun\\s+Succeeded")
        .containsPattern("wait-for-window\\s+Wait\\s+Succeeded")
        .containsPattern("deploy\\s+TaskRun\\s+Succeeded")
        .containsPattern("smoke-test\\s+TaskRun\\s+Succeeded")
        .contains("PipelineRun release-run Succeeded", "result image = registry.example/app:1.0.0");
    // How long the window keeps deploy waiting depends on the wall clock (it opens every 15 s, so
    // sometimes within one poll): the countdown line is asserted on the fan-in example's fixed Wait.
    String timeline = run.out().substring(run.out().indexOf("Timeline: release-run"));
    String row = timeline.lines().filter(l -> l.matches("\\s+wait-for-window\\s+Wait\\s+Succeeded.*"))
        .findFirst().orElseThrow(() -> new AssertionError(timeline));
    String bar = bar(timeline, "wait-for-window");
    assertThat(bar).as(timeline).doesNotContain("=");
    // The window opens every 15s by the clock, so the wait is anything from nothing to 15s: when it
    // took more than two columns, nearly all of it was the scheduled time, drawn as waiting.
    Duration took = duration(row.replaceAll("^.*Succeeded\\s+(\\S+)\\s+\\|.*$", "$1"));
    Matcher column = Pattern.compile("one column = (\\S+)").matcher(timeline);
    assertThat(column.find()).isTrue();
    if (took.compareTo(duration(column.group(1)).multipliedBy(2)) > 0) {
      assertThat(bar).as(timeline).contains("~");
    }
    assertThat(timeline).contains("~ waiting (Wait, Approval, Lock, Loop interval)");
  }

  @Test
  void runOfTheLoopExampleSucceedsAndDrawsItsIntervalsAsWaitingAndItsIterationsAsWork() {
    Result run = ctk("run", EXAMPLES.resolve("loop-until-ready.yaml").toString(), "--embedded");

    // One run of the example (13 s or so) for both: the loop polls until its condition holds...
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("deploy\\s+TaskRun\\s+Succeeded")
        .containsPattern("wait-until-ready\\s+Loop\\s+Succeeded")
        .containsPattern("announce\\s+TaskRun\\s+Succeeded")
        .contains("PipelineRun deploy-and-wait-run Succeeded");
    // ... and its timeline draws the waits between the checks as waiting.
    String timeline = run.out().substring(run.out().indexOf("Timeline: deploy-and-wait-run"));
    // three checks of 1s with 5s between them: the loop waits about 10s of its 13s or so
    String loop = bar(timeline, "wait-until-ready");
    assertThat(loop).as(timeline).contains("~~~~~", "#");
    assertThat(count(loop, '~')).as(timeline).isGreaterThan(count(loop, '#'));
    assertThat(bar(timeline, "#1")).as(timeline).doesNotContain("~");
  }

  /** The bar of the row of {@code task}, between its two {@code |}. */
  static String bar(String text, String task) {
    String row = text.lines().filter(l -> l.matches("\\s+" + Pattern.quote(task) + "\\s.*\\|.*\\|")).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + task + " in\n" + text));
    return row.substring(row.indexOf('|') + 1, row.lastIndexOf('|'));
  }

  private static long count(String text, char c) {
    return text.chars().filter(x -> x == c).count();
  }

  /** {@code 350ms} or {@code 1.2s}, as the timeline writes durations under a minute. */
  private static Duration duration(String text) {
    return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
        : Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
  }

  private static void apply(String yaml) {
    for (String document : yaml.split("(?m)^---$")) {
      HasMetadata object = Serialization.unmarshal(document);
      object.getMetadata().setNamespace(NS);
      client.resource(object).create();
    }
  }
}
