package dev.customtasks.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.RequestTally;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Unlock controller reads its key from its own cache, not from the API server: an Unlock costs
 * the key's status patch and the run's own writes, and a GET of the key only after a patch of a
 * stale copy lost (409). Counted by the embedded server per client, the Unlock controller in an
 * operator of its own, as its own process runs it.
 */
class UnlockRequestsIT {

  private static final String NS = "test";
  private static final String UNLOCK_AGENT = "unlock-controller";
  private static final int RUNS = 3;

  @Test
  void anUnlockReadsItsKeyFromTheCacheAndWritesItOnce() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD));
        ControllerHarness others = new ControllerHarness(server::newClient, operator -> {
          new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
          new CustomTaskReconciler<>(new LockTask(), Clock.systemUTC()).registerWith(operator);
        }).start();
        ControllerHarness unlocks = new ControllerHarness(() -> new KubernetesClientBuilder().withConfig(
            new ConfigBuilder(server.client().getConfiguration()).withUserAgent(UNLOCK_AGENT).build()).build(),
            operator -> new CustomTaskReconciler<>(new UnlockTask(), Clock.systemUTC()).registerWith(operator))
            .start()) {
      LockPipelines pipelines = new LockPipelines(server.client(), NS);
      server.requests().reset();
      for (int i = 0; i < RUNS; i++) {
        String name = "unlock-reads-" + i;
        pipelines.create("""
            metadata: {name: %s}
            spec:
              pipelineSpec:
                tasks:
                - {name: take, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}, params: [{name: key, value: reads}]}
                - name: give-back
                  runAfter: [take]
                  taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Unlock}
                  params: [{name: key, value: reads}]
            """.formatted(name));
        PipelineRun done = pipelines.awaitDone(name);
        assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition()).isTrue();
        CustomRun unlock = server.client().resources(CustomRun.class).inNamespace(NS).withName(name + "-give-back")
            .get();
        assertThat(unlock.getStatus().result("released")).map(r -> r.getValue()).contains(ParamValue.of("true"));
      }

      Map<RequestTally.Key, Long> requests = server.requests().snapshot();
      long conflicts = server.requests().conflicts().getOrDefault(
          new RequestTally.Key(UNLOCK_AGENT, "patch", "concurrencykeys/status"), 0L);
      assertThat(requests.getOrDefault(new RequestTally.Key(UNLOCK_AGENT, "patch", "concurrencykeys/status"), 0L))
          .as("one write of the key per Unlock, and one more per write lost to a conflict").isEqualTo(RUNS + conflicts);
      assertThat(requests.getOrDefault(new RequestTally.Key(UNLOCK_AGENT, "get", "concurrencykeys"), 0L))
          .as("a GET of the key only after a conflict: %s", requests).isEqualTo(conflicts);
    }
  }
}
