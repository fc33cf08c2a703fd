package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** Where no webhook refuses a started run's spec change, the change is told once, not hidden. */
class SpecChangeIgnoredTest {

  @Test
  void aNewGenerationOfAStartedRunIsToldOnce() {
    PipelineRun run = run(3L, 2L, null);

    assertThat(PipelineRunReconciler.specChangeIgnored(run)).hasValueSatisfying(m -> assertThat(m)
        .startsWith("spec changed (generation 3) after the run started: the change is ignored"));
    run.getStatus().setObservedGeneration(3L);
    assertThat(PipelineRunReconciler.specChangeIgnored(run)).isEmpty();
  }

  @Test
  void aCancelSaysNothing() {
    assertThat(PipelineRunReconciler.specChangeIgnored(run(3L, 2L, "Cancelled"))).isEmpty();
  }

  @Test
  void aSpecStatusTektonDoesNotKnowIsToldAsIgnored() {
    assertThat(PipelineRunReconciler.specChangeIgnored(run(3L, 2L, "Canceled"))).contains("invalid value: Canceled "
        + "should be Cancelled, CancelledRunFinally, StoppedRunFinally or PipelineRunPending: spec.status; the value is "
        + "ignored and the run goes on, as if spec.status were not set");
  }

  @Test
  void aRunNotStartedYetMayChange() {
    PipelineRun run = run(3L, 2L, null);
    run.getStatus().setStartTime(null);
    assertThat(PipelineRunReconciler.specChangeIgnored(run)).isEmpty();
  }

  private static PipelineRun run(Long generation, Long observed, String specStatus) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("edited").withGeneration(generation).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setStatus(specStatus);
    run.setSpec(spec);
    PipelineRunStatus status = new PipelineRunStatus();
    status.setStartTime("2026-03-01T12:00:00Z");
    status.setObservedGeneration(observed);
    run.setStatus(status);
    return run;
  }
}
