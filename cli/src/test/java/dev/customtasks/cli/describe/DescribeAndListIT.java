package dev.customtasks.cli.describe;

import static dev.customtasks.cli.CtkRun.ctk;
import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.crds.testkit.RunAwaits.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRef;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineRunStatus;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import dev.customtasks.crds.api.pipeline.TaskRunStatus;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctk list} and {@code ctk describe}, in process, against an embedded server where the
 * Wait controller runs. The PipelineRun and its children are written by the test: the PipelineRun
 * controller is not what is tested here, only how its work is shown.
 */
class DescribeAndListIT {

  private static final String NS = "test";
  private static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static String kubeconfig;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(WAIT_CRD));
    client = server.client();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    controllers = new ControllerHarness(server::newClient,
        operator -> new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC()).registerWith(operator)).start();
    client.resource(customRun("quick").ref(WaitTask.KIND).param("duration", "10ms").build()).create();
    client.resource(customRun("long").ref(WaitTask.KIND).param("duration", "1h").timeout("2h").build()).create();
    client.resource(customRun("bad").ref(WaitTask.KIND).param("duration", "soon").build()).create();
    awaitDone(client, NS, "quick");
    awaitDone(client, NS, "bad");
    awaitStarted(client, NS, "long");
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void describeSaysWhenNoControllerAnswersARun() {
    client.resource(customRun("typo").ref(new dev.customtasks.crds.api.TaskKind("example.dev/v0", "Example"))
        .build()).create();

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
      Result describe = ctk("describe", "customrun", "typo", "--kubeconfig", kubeconfig, "-n", NS);
      assertThat(describe.exitCode()).isZero();
      assertThat(describe.out()).contains("Waiting:   no controller ctk knows answers example.dev/v0 Example, and "
          + "ctk cannot tell which controllers run against this API server; the run waits until one does or until "
          + "its timeout (ctk's controllers answer: ");
    });
    Result answered = ctk("describe", "customrun", "long", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(answered.out()).doesNotContain("Waiting:");
  }

  @Test
  void listShowsEveryRunWithItsState() {
    Result list = ctk("list", "customruns", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out().lines().findFirst().orElseThrow())
        .matches("NAME\\s+KIND\\s+TASK\\s+STATE\\s+REASON\\s+AGE\\s+DURATION");
    assertThat(list.out()).containsPattern("quick\\s+CustomRun\\s+Wait\\s+Succeeded\\s+DurationElapsed\\s+\\d+s\\s+\\d")
        .containsPattern("long\\s+CustomRun\\s+Wait\\s+Running\\s+Running")
        .containsPattern("bad\\s+CustomRun\\s+Wait\\s+Failed\\s+InvalidDuration")
        .doesNotContain("\u001B[");
  }

  @Test
  void listInAnEmptyNamespaceSaysSoOnStderr() {
    Result list = ctk("list", "--kubeconfig", kubeconfig, "-n", "nothing-here");

    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).isEmpty();
    assertThat(list.err()).isEqualTo("No runs found in namespace nothing-here.\n");
  }

  @Test
  void listAsYamlIsAListOfTheObjects() {
    Result list = ctk("list", "customruns", "--kubeconfig", kubeconfig, "-n", NS, "-o", "yaml");

    KubernetesList parsed = Serialization.unmarshal(list.out(), KubernetesList.class);
    assertThat(parsed.getItems()).extracting(o -> o.getMetadata().getName()).contains("quick", "long", "bad");
    assertThat(list.out()).startsWith("apiVersion: v1\nkind: List\n").containsPattern("resourceVersion: \"\\d+\"")
        .containsPattern("creationTimestamp: \"20");
  }

  @Test
  void describeCustomRunShowsTaskStateTimesParamsAndResults() {
    Result describe = ctk("describe", "customrun", "quick", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.out()).containsPattern("Name:\\s+quick\n").containsPattern("Namespace:\\s+test\n")
        .containsPattern("Task:\\s+Wait \\(customtasks.dev/v1alpha1\\)\n")
        .containsPattern("State:\\s+Succeeded\n").containsPattern("Reason:\\s+DurationElapsed\n")
        .containsPattern("Started:\\s+20\\d\\d-.*Z \\(\\d+s ago\\)\n")
        // A 10 ms wait, however long a loaded machine takes to see it end: 350ms, 1.1s.
        .containsPattern("Duration:\\s+[\\d.]+m?s\n")
        .containsPattern("duration\\s+10ms")
        .containsPattern("startedAt\\s+20").containsPattern("firedAt\\s+20");
  }

  @Test
  void describeOfARunningRunSaysHowLongSoFarAndItsTimeout() {
    Result describe = ctk("describe", "customrun", "long", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.out()).containsPattern("State:\\s+Running\n").containsPattern("Duration:\\s+.* so far\n")
        .containsPattern("Timeout:\\s+2h\n").containsPattern("Completed:\\s+-\n").contains("Results:  <none>");
  }

  @Test
  void describeOfAFailedRunShowsTheMessageNamingTheParam() {
    Result describe = ctk("describe", "customrun", "bad", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.out()).containsPattern("State:\\s+Failed\n").containsPattern("Reason:\\s+InvalidDuration\n")
        .containsPattern("Message:\\s+param \"duration\".*soon");
  }

  @Test
  void describeAsJsonIsTheObject() {
    Result describe = ctk("describe", "customrun", "quick", "--kubeconfig", kubeconfig, "-n", NS, "-o", "json");

    CustomRun parsed = Serialization.unmarshal(describe.out(), CustomRun.class);
    assertThat(parsed.getMetadata().getName()).isEqualTo("quick");
    assertThat(parsed.getStatus().isSuccessful()).isTrue();
    assertThat(describe.out()).startsWith("{\n    \"apiVersion\": \"tekton.dev/v1beta1\",\n");
  }

  @Test
  void anUnknownRunIsOneLineOnStderrAndExitCode1() {
    Result describe = ctk("describe", "customrun", "nope", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).isEqualTo(1);
    assertThat(describe.out()).isEmpty();
    assertThat(describe.err()).matches("error: customrun \"nope\" not found in namespace \"test\" \\(http.*\\)\n");
  }

  @Test
  void aMissingKubeconfigIsOneLineOnStderrAndExitCode1() {
    Result list = ctk("list", "--kubeconfig", dir.resolve("absent").toString());

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).isEqualTo("error: the kubeconfig " + dir.resolve("absent")
        + " given by --kubeconfig does not exist\n");
  }

  @Test
  void anUnreachableServerIsOneLineOnStderrAndExitCode1() throws Exception {
    Path stale;
    try (EmbeddedApiServer gone = EmbeddedApiServer.start()) {
      stale = gone.writeKubeconfig(dir.resolve("stale-kubeconfig"));
    }

    Result list = ctk("list", "--kubeconfig", stale.toString());

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).startsWith("error: cannot reach the API server").hasLineCount(1);
  }

  @Test
  void describePipelineRunShowsEveryChildWithItsTimingAndResults() {
    Instant start = Instant.parse("2025-03-01T10:00:00Z");
    PipelineRun pipelineRun = pipelineRun("release", start);
    taskRun("release-build", pipelineRun, "build", start.plusMillis(100), start.plusMillis(1300));
    childCustomRun("release-cool-down", pipelineRun, "cool-down", start.plusMillis(1400), start.plusMillis(3400));
    childCustomRun("release-old-cool-down", pipelineRunOfAnotherUid(), "cool-down", start, start);

    Result describe = ctk("describe", "pipelinerun", "release", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.out()).containsPattern("Pipeline:\\s+release-pipeline\n")
        .containsPattern("State:\\s+Succeeded\n").containsPattern("Duration:\\s+4.0s\n")
        .containsPattern("TASK\\s+KIND\\s+NAME\\s+STATE\\s+REASON\\s+STARTED\\s+DURATION\\s+RESULTS")
        .containsPattern("build\\s+TaskRun\\s+release-build\\s+Succeeded\\s+Succeeded\\s+\\+100ms\\s+1.2s\\s+digest=sha256:1")
        .containsPattern("cool-down\\s+CustomRun\\s+release-cool-down\\s+Succeeded\\s+Succeeded\\s+\\+1.4s\\s+2.0s\\s+"
            + "firedAt=2025-03-01T10:00:03.400Z")
        .containsPattern("deploy\\s+When Expressions evaluated to false")
        .containsPattern("version\\s+1.2.3")
        .doesNotContain("release-old-cool-down");
    assertThat(describe.out().indexOf("release-build")).isLessThan(describe.out().indexOf("release-cool-down"));

    Result asYaml = ctk("describe", "pr", "release", "--kubeconfig", kubeconfig, "-n", NS, "-o", "yaml");
    assertThat(Serialization.unmarshal(asYaml.out(), KubernetesList.class).getItems())
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly("PipelineRun/release", "TaskRun/release-build", "CustomRun/release-cool-down");
  }

  private static PipelineRun pipelineRun(String name, Instant start) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineRef(new PipelineRef("release-pipeline"));
    run.setSpec(spec);
    PipelineRun created = client.resource(run).create();
    PipelineRunStatus status = new PipelineRunStatus();
    status.setStartTime(Timestamps.format(start));
    status.markSucceeded("Succeeded", "Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 1", start.plusSeconds(4));
    status.setSkippedTasks(List.of(new SkippedTask("deploy", "When Expressions evaluated to false")));
    status.setChildReferences(List.of(new ChildStatusReference(TaskRun.API_VERSION, TaskRun.KIND, "release-build",
        "build")));
    status.setResults(List.of(new dev.customtasks.crds.api.pipeline.PipelineRunResult("version",
        ParamValue.of("1.2.3"))));
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }

  private static PipelineRun pipelineRunOfAnotherUid() {
    PipelineRun earlier = new PipelineRun();
    earlier.setMetadata(new ObjectMetaBuilder().withName("release").withNamespace(NS).withUid("an-earlier-run").build());
    return earlier;
  }

  private static void taskRun(String name, PipelineRun owner, String task, Instant start, Instant end) {
    TaskRun run = new TaskRun();
    run.setMetadata(childMetadata(name, owner, task).build());
    TaskRun created = client.resource(run).create();
    TaskRunStatus status = new TaskRunStatus();
    status.setStartTime(Timestamps.format(start));
    status.markSucceeded("Succeeded", "All Steps have completed executing", end);
    status.setResults(List.of(new TaskRunResult("digest", ParamValue.of("sha256:1"))));
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  private static void childCustomRun(String name, PipelineRun owner, String task, Instant start, Instant end) {
    CustomRun run = customRun(name).ref(WaitTask.KIND).param("until", "2000-01-01T00:00:00Z").build();
    run.getSpec().setParams(List.of(Param.of("until", "2000-01-01T00:00:00Z")));
    // Written as done already, so the Wait controller leaves it alone: a finished run is never touched.
    run.setMetadata(childMetadata(name, owner, task).build());
    CustomRun created = client.resource(run).create();
    CustomRunStatus status = new CustomRunStatus();
    status.setStartTime(Timestamps.format(start));
    status.markSucceeded("Succeeded", "waited", end);
    status.setResults(List.of(new CustomRunResult("firedAt", ParamValue.of(Timestamps.format(end)))));
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  private static ObjectMetaBuilder childMetadata(String name, PipelineRun owner, String task) {
    return new ObjectMetaBuilder().withName(name).withNamespace(NS)
        .withLabels(Map.of(TektonLabels.PIPELINE_RUN, owner.getMetadata().getName(), TektonLabels.PIPELINE_TASK, task))
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(PipelineRun.API_VERSION)
            .withKind(PipelineRun.KIND).withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
            .withController(true).build());
  }
}
