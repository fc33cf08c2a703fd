package dev.customtasks.crds.api.pipeline;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Tekton's {@code tekton.dev/v1 Pipeline}: a graph of tasks. It has no status. */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@Kind(Pipeline.KIND)
@Plural("pipelines")
@Singular("pipeline")
public class Pipeline extends CustomResource<PipelineSpec, Void> implements Namespaced {

  public static final String GROUP = "tekton.dev";
  public static final String VERSION = "v1";
  public static final String KIND = "Pipeline";
  public static final String API_VERSION = GROUP + "/" + VERSION;
}
