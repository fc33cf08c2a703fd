package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.customtasks.crds.api.LenientResource;
import io.fabric8.kubernetes.api.model.Namespaced;
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
@JsonDeserialize(using = Pipeline.Reader.class)
public class Pipeline extends LenientResource<PipelineSpec, Void> implements Namespaced {

  public static final String GROUP = "tekton.dev";
  public static final String VERSION = "v1";
  public static final String KIND = "Pipeline";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Reads {@link Pipeline}s leniently: see {@link LenientResource}. */
  public static final class Reader extends LenientResource.Deserializer<Pipeline, PipelineSpec, Void> {
    public Reader() {
      super(Pipeline.class, Pipeline::new, PipelineSpec.class, Void.class);
    }
  }
}
