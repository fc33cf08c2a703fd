package dev.customtasks.subpipeline.plan;

import dev.customtasks.crds.api.pipeline.PipelineRef;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.child.ChildTarget;
import java.util.Objects;

/** The pipeline a sub-pipeline runs: a Pipeline object by name, or a PipelineSpec embedded in the run. */
public sealed interface PipelineSource {

  /** What stands for an embedded pipeline in the nesting chain; never taken for a cycle. */
  String EMBEDDED = "(embedded)";

  /** A Pipeline in the run's namespace. */
  record Named(String name) implements PipelineSource {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A pipeline embedded in the run (a {@code customSpec} or a SubPipeline's {@code pipelineSpec}). */
  record Embedded(PipelineSpec spec) implements PipelineSource {
    public Embedded {
      Objects.requireNonNull(spec, "spec");
    }
  }

  /** The entry for this pipeline in the nesting chain: its name, or {@link #EMBEDDED}. */
  default String identity() {
    return this instanceof Named named ? named.name() : EMBEDDED;
  }

  /** How the child PipelineRun names its pipeline: {@code pipelineRef} or {@code pipelineSpec}. */
  default ChildTarget target() {
    return this instanceof Named named ? new ChildTarget.PipelineByRef(new PipelineRef(named.name()))
        : new ChildTarget.EmbeddedPipeline(((Embedded) this).spec());
  }

  /** {@code Pipeline "build"} or {@code the embedded pipeline}, for messages. */
  default String describe() {
    return this instanceof Named named ? "Pipeline \"" + named.name() + "\"" : "the embedded pipeline";
  }
}
