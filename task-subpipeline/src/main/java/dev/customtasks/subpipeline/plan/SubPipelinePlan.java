package dev.customtasks.subpipeline.plan;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.subpipeline.api.SubPipelineSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run's input, read: which pipeline to run, with which params and options. A named Pipeline is
 * only read from the API server when the child is about to be created ({@link #resolve()}), so a
 * Pipeline edited or deleted while its child runs changes nothing (the child keeps its own copy).
 *
 * @param source the pipeline
 * @param params the run's params, which become the child's, in the run's order
 * @param options the SubPipeline options; {@link #NO_OPTIONS} for the plain Pipeline forms
 * @param namedPipeline reads a named Pipeline's spec; empty when it does not exist
 */
public record SubPipelinePlan(PipelineSource source, Map<String, ParamValue> params, SubPipelineSpec options,
    Supplier<Optional<PipelineSpec>> namedPipeline) {

  /** The options of a plain {@code taskRef: {kind: Pipeline}}: none. */
  public static final SubPipelineSpec NO_OPTIONS = new SubPipelineSpec(null, null, null, null, null, null, null);

  public SubPipelinePlan {
    Objects.requireNonNull(source, "source");
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    options = options == null ? NO_OPTIONS : options;
    namedPipeline = namedPipeline == null ? Optional::empty : namedPipeline;
  }

  /** The pipeline's spec: embedded, or read now; empty when a named Pipeline does not exist. */
  public Optional<PipelineSpec> resolve() {
    return source instanceof PipelineSource.Embedded embedded ? Optional.of(embedded.spec()) : namedPipeline.get();
  }

  /** The workspace mappings, never null. */
  public List<SubPipelineSpec.WorkspaceMapping> workspaceMappings() {
    return options.workspaces() == null ? List.of() : options.workspaces();
  }
}
