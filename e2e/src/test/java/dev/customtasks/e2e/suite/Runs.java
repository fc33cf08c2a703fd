package dev.customtasks.e2e.suite;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Creates pipelines and reads their runs' timestamps on a target, for the e2e tests. */
public final class Runs {

  private final ClusterTarget target;
  private final String namespace;

  /** Runs in the target's namespace. */
  public Runs(ClusterTarget target) {
    this(target, target.namespace());
  }

  /** Runs in {@code namespace} of the target, for tests across namespaces. */
  public Runs(ClusterTarget target, String namespace) {
    this.target = target;
    this.namespace = namespace;
  }

  /** Creates a PipelineRun from YAML without apiVersion/kind/namespace (they are added). */
  public PipelineRun start(String yaml) {
    PipelineRun run = Serialization.unmarshal("apiVersion: tekton.dev/v1\nkind: PipelineRun\n" + yaml,
        PipelineRun.class);
    run.getMetadata().setNamespace(namespace);
    return target.client().resource(run).create();
  }

  public PipelineRun awaitDone(String name) {
    return awaitDone(name, RunAwaits.DEFAULT_BOUND);
  }

  public PipelineRun awaitDone(String name, Duration bound) {
    return RunAwaits.awaitObject(target.client(), PipelineRun.class, namespace, name, PipelineRun::isDone,
        bound);
  }

  public PipelineRun pipelineRun(String name) {
    return target.client().resources(PipelineRun.class).inNamespace(namespace).withName(name).get();
  }

  public CustomRun customRun(String name) {
    return target.client().resources(CustomRun.class).inNamespace(namespace).withName(name).get();
  }

  public TaskRun taskRun(String name) {
    return target.client().resources(TaskRun.class).inNamespace(namespace).withName(name).get();
  }

  /** The child of {@code pipelineRun} for {@code task}, whichever kind it is. */
  public HasMetadata child(String pipelineRun, String task) {
    return children(pipelineRun).stream()
        .filter(c -> task.equals(c.getMetadata().getLabels().get(TektonLabels.PIPELINE_TASK)))
        .findFirst().orElseThrow(() -> new AssertionError("no child for task " + task + " of " + pipelineRun));
  }

  public List<HasMetadata> children(String pipelineRun) {
    var customRuns = target.client().resources(CustomRun.class).inNamespace(namespace)
        .withLabel(TektonLabels.PIPELINE_RUN, pipelineRun).list().getItems();
    var taskRuns = target.client().resources(TaskRun.class).inNamespace(namespace)
        .withLabel(TektonLabels.PIPELINE_RUN, pipelineRun).list().getItems();
    return Stream.concat(customRuns.stream(), taskRuns.stream()).map(HasMetadata.class::cast).toList();
  }

  public void setSpecStatus(String pipelineRun, String status) {
    target.client().resources(PipelineRun.class).inNamespace(namespace).withName(pipelineRun)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"" + status + "\"}}");
  }

  public static Instant started(HasMetadata run) {
    return run instanceof CustomRun c ? c.getStatus().startInstant() : ((TaskRun) run).getStatus().startInstant();
  }

  public static Instant finished(HasMetadata run) {
    return run instanceof CustomRun c ? c.getStatus().completionInstant()
        : ((TaskRun) run).getStatus().completionInstant();
  }
}
