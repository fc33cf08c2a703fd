package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.embedded.testkit.Kubectl.Result;
import dev.customtasks.embedded.testkit.Kubectl;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the embedded server, through the kubeconfig it writes: discovery,
 * get (with the CRDs' printer columns), apply, patch (also of status), label, delete; and the
 * clear refusals where the mock cannot follow.
 * Skipped, saying so, where kubectl is not installed.
 */
class EmbeddedDiscoveryIT {

  private static final String RUN = """
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata:
        name: %s
        namespace: default
      spec:
        customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
        params:
        - {name: duration, value: %s}
      """;

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() {
    Kubectl.assumeInstalled();
    server = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, false);
    kubectl = Kubectl.forKubeconfig(server.writeKubeconfig(dir.resolve("kubeconfig")), dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void discoveryNamesTheTektonKindsWithTheirShortNames() {
    Result resources = kubectl.run("api-resources");

    assertThat(resources.succeeded()).as(resources.toString()).isTrue();
    assertThat(resources.out()).containsPattern("customruns\\s+tekton.dev/v1beta1\\s+true\\s+CustomRun")
        .containsPattern("pipelineruns\\s+pr,prs\\s+tekton.dev/v1\\s+true\\s+PipelineRun")
        .containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease");
    assertThat(kubectl.run("version").out()).contains("Server Version: " + Discovery.KUBERNETES_VERSION);
  }

  @Test
  void getOfAnEmptyListSaysSo() {
    Result get = kubectl.run("get", "customruns", "-n", "empty");

    assertThat(get.succeeded()).as(get.toString()).isTrue();
    assertThat(get.err()).contains("No resources found in empty namespace.");
  }

  @Test
  void applyCreatesThenReplacesListsAsAMergePatchMust() {
    Result created = kubectl.runWithInput(RUN.formatted("applied", "1h"), "apply", "--validate=false", "-f", "-");
    Result changed = kubectl.runWithInput(RUN.formatted("applied", "2h"), "apply", "--validate=false", "-f", "-");

    assertThat(created.out()).as(created.toString()).contains("customrun.tekton.dev/applied created");
    assertThat(changed.out()).as(changed.toString()).contains("customrun.tekton.dev/applied configured");
    CustomRun run = server.client().resources(CustomRun.class).inNamespace("default").withName("applied").get();
    assertThat(run.getSpec().getParams()).singleElement()
        .satisfies(p -> assertThat(p.getValue().asString()).isEqualTo("2h"));
    assertThat(run.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void getByNameAsJsonShowsTheObject() {
    create("as-json");

    Result get = kubectl.run("get", "customrun", "as-json", "-o", "json");

    assertThat(get.succeeded()).as(get.toString()).isTrue();
    assertThat(get.out()).contains("\"kind\": \"CustomRun\"").contains("\"name\": \"as-json\"")
        .contains("\"kind\": \"Wait\"");
  }

  @Test
  void mergeAndJsonPatchesChangeTheSpec() {
    create("patched");

    Result merge = kubectl.run("patch", "customrun", "patched", "--type", "merge", "-p",
        "{\"spec\":{\"status\":\"RunCancelled\"}}");
    Result json = kubectl.run("patch", "customrun", "patched", "--type", "json", "-p",
        "[{\"op\":\"add\",\"path\":\"/spec/retries\",\"value\":2}]");

    assertThat(merge.out()).as(merge.toString()).contains("customrun.tekton.dev/patched patched");
    assertThat(json.out()).as(json.toString()).contains("customrun.tekton.dev/patched patched");
    CustomRun run = server.client().resources(CustomRun.class).inNamespace("default").withName("patched").get();
    assertThat(run.isCancelled()).isTrue();
    assertThat(run.getSpec().getRetries()).isEqualTo(2);
  }

  @Test
  void getPrintsTheCrdsPrinterColumnsAsOnACluster() {
    create("printed");
    Result status = kubectl.run("patch", "customrun", "printed", "--subresource=status", "--type", "merge", "-p",
        "{\"status\":{\"startTime\":\"2025-01-01T00:00:00Z\",\"conditions\":[{\"type\":\"Succeeded\","
            + "\"status\":\"Unknown\",\"reason\":\"Running\"}]}}");

    Result get = kubectl.run("get", "customrun", "printed");
    Result all = kubectl.run("get", "customruns", "-A", "--show-labels");

    assertThat(status.out()).as(status.toString()).contains("customrun.tekton.dev/printed patched");
    assertThat(get.out()).as(get.toString())
        .containsPattern("NAME\\s+SUCCEEDED\\s+REASON\\s+STARTTIME\\s+COMPLETIONTIME\n")
        .containsPattern("printed\\s+Unknown\\s+Running\\s+\\d+d\\s*\n");
    assertThat(all.out()).as(all.toString()).containsPattern("NAMESPACE\\s+NAME\\s+SUCCEEDED.*LABELS")
        .containsPattern("default\\s+printed\\s+Unknown");
    assertThat(kubectl.run("get", "crds").out()).containsPattern("NAME\\s+AGE\n")
        .containsPattern("customruns.tekton.dev\\s+\\d+s");
  }

  @Test
  void statusIsWrittenOnlyThroughTheStatusSubresource() {
    create("status-only");

    Result main = kubectl.run("patch", "customrun", "status-only", "--type", "merge", "-p",
        "{\"spec\":{\"retries\":1},\"status\":{\"startTime\":\"2025-01-01T00:00:00Z\"}}");
    Result status = kubectl.run("patch", "customrun", "status-only", "--subresource=status", "--type", "merge", "-p",
        "{\"spec\":{\"retries\":2},\"status\":{\"startTime\":\"2025-02-02T00:00:00Z\"}}");

    assertThat(main.succeeded() && status.succeeded()).as(main + "\n" + status).isTrue();
    CustomRun run = server.client().resources(CustomRun.class).inNamespace("default").withName("status-only").get();
    assertThat(run.getSpec().getRetries()).isEqualTo(1);
    assertThat(run.getStatus().getStartTime()).isEqualTo("2025-02-02T00:00:00Z");
  }

  @Test
  void strategicMergePatchIsRefusedWithWhatToUseInstead() {
    create("strategic");

    Result patch = kubectl.run("patch", "customrun", "strategic", "-p", "{\"spec\":{\"retries\":1}}");

    assertThat(patch.exitCode()).isEqualTo(1);
    assertThat(patch.err()).contains("does not support strategic merge patch").contains("--type merge");
  }

  @Test
  void labelsAreSetSelectedAndRemoved() {
    create("labelled");

    Result label = kubectl.run("label", "customrun", "labelled", "team=payments");
    Result selected = kubectl.run("get", "customruns", "-l", "team=payments", "-o", "name");
    Result unlabel = kubectl.run("label", "customrun", "labelled", "team-");

    assertThat(label.out()).as(label.toString()).contains("customrun.tekton.dev/labelled labeled");
    assertThat(selected.out()).as(selected.toString()).isEqualTo("customrun.tekton.dev/labelled\n");
    assertThat(unlabel.out()).as(unlabel.toString()).contains("unlabeled");
    assertThat(server.client().resources(CustomRun.class).inNamespace("default").withName("labelled").get()
        .getMetadata().getLabels()).doesNotContainKey("team");
  }

  @Test
  void deleteRemovesTheRunAndAMissingRunIsNamed() {
    create("deleted");

    Result delete = kubectl.run("delete", "customrun", "deleted");
    Result get = kubectl.run("get", "customrun", "deleted");

    assertThat(delete.out()).as(delete.toString()).contains("customrun.tekton.dev \"deleted\" deleted");
    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.err()).contains("customruns.tekton.dev \"deleted\" not found");
  }

  @Test
  void watchIsRefusedWithTheReason() {
    Result watch = kubectl.run("get", "customruns", "-w");

    assertThat(watch.exitCode()).isEqualTo(1);
    assertThat(watch.err()).contains("watches over WebSocket only");
  }

  @Test
  void typedCreateCommandsAreRefusedWithWhatToUseInstead() {
    Result create = kubectl.run("create", "namespace", "typed");

    assertThat(create.exitCode()).isEqualTo(1);
    assertThat(create.err()).contains("reads JSON and YAML only").contains("kubectl apply --validate=false -f");
  }

  @Test
  void applyWithValidationSaysToTurnItOff() {
    Result apply = kubectl.runWithInput(RUN.formatted("validated", "1s"), "apply", "-f", "-");

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).contains("--validate=false");
  }

  @Test
  void kubectlWorksOverHttpsWithTheWrittenKubeconfig() {
    try (EmbeddedApiServer https = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, true)) {
      Kubectl overTls = Kubectl.forKubeconfig(https.writeKubeconfig(dir.resolve("https-kubeconfig")),
          dir.resolve("https"));
      Result created = overTls.runWithInput(RUN.formatted("over-tls", "1s"), "apply", "--validate=false", "-f", "-");
      Result get = overTls.run("get", "customruns", "-o", "name");

      assertThat(created.succeeded()).as(created.toString()).isTrue();
      assertThat(get.out()).as(get.toString()).isEqualTo("customrun.tekton.dev/over-tls\n");
    }
  }

  private static void create(String name) {
    Result created = kubectl.runWithInput(RUN.formatted(name, "1h"), "apply", "--validate=false", "-f", "-");
    assertThat(created.succeeded()).as(created.toString()).isTrue();
  }
}
