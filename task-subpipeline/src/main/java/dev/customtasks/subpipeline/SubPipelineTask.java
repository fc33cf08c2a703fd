package dev.customtasks.subpipeline;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.subpipeline.api.SubPipeline;
import dev.customtasks.subpipeline.api.SubPipelineSpec;
import dev.customtasks.subpipeline.plan.ChildPipelineRun;
import dev.customtasks.subpipeline.plan.Mirror;
import dev.customtasks.subpipeline.plan.Nesting;
import dev.customtasks.subpipeline.plan.ParamCheck;
import dev.customtasks.subpipeline.plan.PipelineSource;
import dev.customtasks.subpipeline.plan.SubPipelinePlan;
import dev.customtasks.subpipeline.plan.SubPipelineState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a whole Pipeline as one task of another: one child PipelineRun per attempt, named like the
 * CustomRun (the CustomRun's name on the first attempt, {@code <name>-r<n>} on retry n), which the
 * run mirrors until it ends. It answers three forms:
 *
 * <ul>
 *   <li>{@code taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: build}} (or
 *       {@code tekton.dev/v1beta1}, the form of Tekton's experimental pipelines-in-pipelines):
 *       the Pipeline {@code build} of the run's namespace;</li>
 *   <li>{@code taskSpec: {apiVersion: tekton.dev/v1, kind: Pipeline, spec: {tasks: ...}}}: the
 *       embedded PipelineSpec ({@code customSpec.spec});</li>
 *   <li>{@code customtasks.dev/v1alpha1 SubPipeline}, named or embedded: {@code pipelineRef} or
 *       {@code pipelineSpec} plus options ({@link SubPipelineSpec}).</li>
 * </ul>
 *
 * <p>The run's params are the child's; an undeclared or missing one fails {@code InvalidParams}
 * before anything is created, a missing Pipeline {@code PipelineNotFound}, a pipeline that
 * includes itself {@code PipelineCycle}, nesting past the limit {@code NestingTooDeep}
 * ({@link Nesting}). Cancel and timeout cancel the child and wait for it to stop.
 */
public final class SubPipelineTask implements CustomTask<SubPipelinePlan, SubPipelineState> {

  public static final TaskKind KIND = new TaskKind(SubPipeline.API_VERSION, SubPipeline.KIND);
  /** {@code taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline}}. */
  public static final TaskKind PIPELINE_V1 = new TaskKind(Pipeline.API_VERSION, Pipeline.KIND);
  /** {@code tekton.dev/v1beta1 Pipeline}: the form Tekton's experimental pipelines-in-pipelines answered. */
  public static final TaskKind PIPELINE_V1BETA1 = new TaskKind(Pipeline.GROUP + "/v1beta1", Pipeline.KIND);

  /** Reason: the named Pipeline does not exist in the run's namespace. */
  public static final String PIPELINE_NOT_FOUND = "PipelineNotFound";
  /** Environment variable (and, as {@link #MAX_DEPTH_PROPERTY}, system property) for the depth limit. */
  public static final String MAX_DEPTH_ENV = "SUBPIPELINE_MAX_DEPTH";
  public static final String MAX_DEPTH_PROPERTY = "subpipeline.maxDepth";

  private static final ResourceDefinitionContext PIPELINES = ResourceDefinitionContext.fromResourceType(Pipeline.class);
  private static final ResourceDefinitionContext SUBPIPELINES =
      ResourceDefinitionContext.fromResourceType(SubPipeline.class);
  private final int maxDepth;

  /** The depth limit from {@value #MAX_DEPTH_PROPERTY} or {@value #MAX_DEPTH_ENV}, else 10. */
  public SubPipelineTask() {
    this(maxDepth(System.getProperty(MAX_DEPTH_PROPERTY), System.getenv(MAX_DEPTH_ENV)));
  }

  public SubPipelineTask(int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("the nesting depth limit must be at least 1, got " + maxDepth);
    }
    this.maxDepth = maxDepth;
  }

  /** The first of the given settings that is set, else {@link Nesting#DEFAULT_MAX_DEPTH}. */
  static int maxDepth(String... settings) {
    return Arrays.stream(settings).filter(s -> s != null && !s.isBlank()).findFirst().map(s -> {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(MAX_DEPTH_ENV + " must be a whole number, got \"" + s + "\"", e);
      }
    }).orElse(Nesting.DEFAULT_MAX_DEPTH);
  }

  public int maxDepth() {
    return maxDepth;
  }

  @Override
  public String name() {
    return "subpipeline";
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND, PIPELINE_V1, PIPELINE_V1BETA1);
  }

  @Override
  public Class<SubPipelineState> stateType() {
    return SubPipelineState.class;
  }

  @Override
  public Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    // A named Pipeline is read only when the child is created (SubPipelinePlan#resolve).
    return KIND.equals(kind) ? Optional.of(SUBPIPELINES) : Optional.empty();
  }

  @Override
  public Set<Class<? extends HasMetadata>> childTypes() {
    return Set.of(PipelineRun.class);
  }

  @Override
  public SubPipelinePlan decode(TaskInput input) {
    Map<String, ParamValue> params = input.params();
    SubPipelineSpec options = SubPipelinePlan.NO_OPTIONS;
    PipelineSource source;
    if (KIND.equals(input.kind())) {
      options = options(input);
      boolean byRef = options.pipelineRef() != null;
      if (byRef == (options.pipelineSpec() != null)) {
        throw new InvalidInputException(Reasons.INVALID_SPEC,
            "exactly one of pipelineRef or pipelineSpec is required, got " + (byRef ? "both" : "neither"));
      }
      if (byRef && (options.pipelineRef().name() == null || options.pipelineRef().name().isBlank())) {
        throw new InvalidInputException(Reasons.INVALID_SPEC, "pipelineRef.name: the Pipeline to run is not named");
      }
      source = byRef ? new PipelineSource.Named(options.pipelineRef().name())
          : new PipelineSource.Embedded(pipelineSpec(asMap(options.pipelineSpec(), "pipelineSpec"), "pipelineSpec"));
    } else if (input.embeddedSpec().isPresent()) {
      source = new PipelineSource.Embedded(pipelineSpec(input.embeddedSpec().get(), "customSpec.spec"));
    } else {
      String name = Optional.ofNullable(input.run().getSpec().getCustomRef()).map(r -> r.getName()).orElse(null);
      if (name == null || name.isBlank()) {
        throw new InvalidInputException(Reasons.INVALID_SPEC,
            "customRef.name: the Pipeline to run is not named (or embed it with customSpec)");
      }
      source = new PipelineSource.Named(name);
    }
    if (source instanceof PipelineSource.Embedded embedded) {
      ParamCheck.check(params, embedded.spec(), source.describe());
    }
    String name = source instanceof PipelineSource.Named named ? named.name() : null;
    return new SubPipelinePlan(source, params, options,
        () -> input.lookup(PIPELINES, name).map(spec -> pipelineSpec(spec, "Pipeline \"" + name + "\" spec")));
  }

  @Override
  public Step<SubPipelineState> progress(SubPipelinePlan plan, Attempt<SubPipelineState> attempt) {
    Children children = attempt.children();
    String name = children.baseName();
    PipelineRun child = children.get(PipelineRun.class, name).orElseGet(() -> create(plan, attempt, name));
    SubPipelineState state = SubPipelineState.of(name, plan.source().identity(), chainOf(child));
    return Mirror.step(ChildRuns.observe(child), name, attempt.run().timeout().isPresent(), state);
  }

  /** Checks what can only be checked now (the named Pipeline, its params, the nesting) and creates the child. */
  private PipelineRun create(SubPipelinePlan plan, Attempt<SubPipelineState> attempt, String name) {
    CustomRun run = attempt.run();
    PipelineSpec pipeline = plan.resolve().orElseThrow(() -> new InvalidInputException(PIPELINE_NOT_FOUND,
        plan.source().describe() + " not found in namespace \"" + run.getMetadata().getNamespace() + "\""));
    ParamCheck.check(plan.params(), pipeline, plan.source().describe());
    Nesting nesting = Nesting.of(run.getMetadata().getLabels(), run.getMetadata().getAnnotations())
        .enter(plan.source().identity(), maxDepth);
    Optional<Duration> remaining = run.timeout()
        .map(t -> Duration.between(attempt.now(), attempt.startTime().plus(t)).truncatedTo(ChronoUnit.MILLIS))
        .map(d -> d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d);
    return attempt.children().create(ChildPipelineRun.build(name, plan, nesting, run, remaining));
  }

  @Override
  public Optional<String> stopping(Attempt<SubPipelineState> attempt) {
    String name = attempt.children().baseName();
    return attempt.children().outcome(PipelineRun.class, name).filter(o -> !o.isDone())
        .map(o -> "PipelineRun \"" + name + "\"");
  }

  private static List<String> chainOf(PipelineRun child) {
    Map<String, String> annotations = child.getMetadata().getAnnotations();
    return Nesting.of(child.getMetadata().getLabels(), annotations == null ? Map.of() : annotations).chain();
  }

  /** The SubPipeline's own fields: the named object's spec under the embedded one (params are the child's). */
  private static SubPipelineSpec options(TaskInput input) {
    return input.decodeSpec(SubPipelineSpec.class);
  }

  private static Map<String, Object> asMap(com.fasterxml.jackson.databind.JsonNode node, String where) {
    if (!node.isObject()) {
      throw new InvalidInputException(Reasons.INVALID_SPEC, where + ": expected an object, got " + node.getNodeType()
          .name().toLowerCase());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = Serialization.jsonMapper().convertValue(node, Map.class);
    return map;
  }

  private static PipelineSpec pipelineSpec(Map<String, Object> spec, String where) {
    try {
      return Serialization.jsonMapper().convertValue(spec, PipelineSpec.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(Reasons.INVALID_SPEC, where + ": not a PipelineSpec: " + problem(e));
    }
  }

  private static String problem(IllegalArgumentException e) {
    if (!(e.getCause() instanceof JsonMappingException jme)) {
      return e.getMessage();
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : jme.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String message = jme.getOriginalMessage().split("\n")[0];
    return path.isEmpty() ? message : path + ": " + message;
  }
}
