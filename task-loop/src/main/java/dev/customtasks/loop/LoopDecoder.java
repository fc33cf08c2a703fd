package dev.customtasks.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunSpec;
import dev.customtasks.crds.api.pipeline.EmbeddedTask;
import dev.customtasks.crds.api.pipeline.ParamSpec;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRef;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.cel.CelCondition;
import dev.customtasks.crds.cel.CelEvaluator;
import dev.customtasks.crds.cel.CelExpressionException;
import dev.customtasks.crds.cel.CelVarType;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.duration.GoDuration;
import dev.customtasks.loop.api.LoopRange;
import dev.customtasks.loop.api.LoopSpec;
import dev.customtasks.loop.plan.InvalidLoopException;
import dev.customtasks.loop.plan.LoopItems;
import dev.customtasks.loop.plan.LoopShape;
import dev.customtasks.loop.plan.OnFailure;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a run into a {@link LoopDefinition}: the loop's fields from the named object and
 * {@code customSpec.spec} ({@link TaskInput}), the run's params as the iterations' params, and
 * every check a loop needs before anything is created. Every problem is an
 * {@link InvalidInputException} naming the field: reason {@code InvalidSpec} for the loop's own
 * fields, {@code InvalidParams} for the run's params (the items a param holds, a param a field
 * refers to), as Tekton tells a PipelineRun's invalid spec ({@code PipelineValidationFailed}) from
 * its params ({@code ParameterMissing}) in {@code pkg/reconciler/pipelinerun/pipelinerun.go}.
 */
final class LoopDecoder {

  /** The variables an {@code until} condition may read. */
  static final Map<String, CelVarType> UNTIL_VARIABLES =
      Map.of("results", CelVarType.MAP, "params", CelVarType.MAP, "iteration", CelVarType.INT);

  private static final Pattern PARAM_REFERENCE = Pattern.compile("^\\$\\(params\\.([A-Za-z0-9_.-]+)\\)$");
  private static final ResourceDefinitionContext TASKS = ResourceDefinitionContext.fromResourceType(Task.class);
  private static final ResourceDefinitionContext PIPELINES = ResourceDefinitionContext.fromResourceType(Pipeline.class);
  private static final List<String> BODIES = List.of("taskRef", "taskSpec", "pipelineRef", "pipelineSpec");

  private final CelEvaluator cel;

  LoopDecoder(CelEvaluator cel) {
    this.cel = cel;
  }

  LoopDefinition decode(TaskInput input) {
    LoopSpec spec = loopFields(input).decode(LoopSpec.class);
    Map<String, ParamValue> params = input.params();
    TaskKind kind = input.kind();
    try {
      ChildTarget target = target(spec);
      Set<String> consumed = new HashSet<>();
      String form = form(spec);
      String iterateParam = blankToNull(spec.iterateNumeric() != null ? spec.iterateNumeric() : spec.iterateParam());
      List<String> items = switch (form) {
        case "items" -> items(spec, params, consumed);
        case "range" -> range(spec.range());
        case "iterateNumeric" -> numeric(params, consumed);
        case "until" -> List.of();
        default -> fromIterateParam(spec, iterateParam, params, kind);
      };
      if (iterateParam == null && !form.equals("until")) {
        throw new InvalidLoopException("iterateParam", "is required: it names the child's param that receives each item");
      }
      checkDeclared(target, "iterateParam", iterateParam);
      String numberParam = blankToNull(spec.iterationNumberParam());
      checkDeclared(target, "iterationNumberParam", numberParam);
      CelCondition until = null;
      int total = items.size();
      if (form.equals("until")) {
        until = compile(spec.until());
        if (spec.maxIterations() == null) {
          throw new InvalidLoopException("maxIterations", "is required with \"until\": it bounds a condition that may never hold");
        }
        if (spec.maxIterations() < 1 || spec.maxIterations() > LoopItems.MAX_ITEMS) {
          throw new InvalidLoopException("maxIterations", "must be between 1 and " + LoopItems.MAX_ITEMS + ", got "
              + spec.maxIterations());
        }
        total = spec.maxIterations();
      } else if (spec.maxIterations() != null) {
        throw new InvalidLoopException("maxIterations", "only applies to \"until\"");
      }
      int concurrency = concurrency(spec, kind);
      if (until != null && concurrency != 1) {
        throw new InvalidLoopException("concurrency", "must be 1 with \"until\": each iteration follows the last one's results");
      }
      Duration interval = duration("interval", spec.interval()).orElse(Duration.ZERO);
      if (!interval.isZero() && concurrency != 1) {
        throw new InvalidLoopException("interval", "needs concurrency 1 (the wait is between one iteration and the next)");
      }
      OnFailure onFailure = OnFailure.parse(spec.onFailure());
      Optional<Duration> timeout = duration("timeout", spec.timeout());
      if (spec.retries() != null && spec.retries() < 0) {
        throw new InvalidLoopException("retries", "must not be negative, got " + spec.retries());
      }
      List<Param> childParams = new ArrayList<>();
      params.forEach((name, value) -> {
        if (!consumed.contains(name) && !name.equals(iterateParam) && !name.equals(numberParam)) {
          childParams.add(new Param(name, value));
        }
      });
      CustomRun run = input.run();
      String serviceAccount = spec.serviceAccountName() != null ? spec.serviceAccountName()
          : run.getSpec().getServiceAccountName();
      List<Map<String, Object>> workspaces = spec.workspaces() != null ? workspaces(spec.workspaces())
          : run.getSpec().getWorkspaces();
      String objectName = run.getSpec().getCustomRef() == null ? null : blankToNull(run.getSpec().getCustomRef().getName());
      return new LoopDefinition(kind, objectName, target, items,
          itemsJson(form, items, iterateParam == null ? null : params.get(iterateParam), spec, kind),
          iterateParam, numberParam, childParams,
          new LoopShape(total, concurrency, onFailure, interval, until != null), until, timeout, spec.retries(),
          serviceAccount, workspaces, referencedParams(target, input));
    } catch (InvalidLoopException e) {
      throw invalid(e);
    }
  }

  /** The loop's own fields come from the named object and customSpec: the params go to the iterations. */
  private static TaskInput loopFields(TaskInput input) {
    // A copy of the spec alone: the status, which grows with every iteration, is not read here.
    CustomRun withoutParams = new CustomRun();
    withoutParams.setMetadata(input.run().getMetadata());
    withoutParams.setSpec(Serialization.jsonMapper().convertValue(input.run().getSpec(), CustomRunSpec.class));
    withoutParams.getSpec().setParams(null);
    return new TaskInput(withoutParams, input.kind(), input::namedObjectSpec);
  }

  static InvalidInputException invalid(InvalidLoopException e) {
    return new InvalidInputException(e.isInParams() ? Reasons.INVALID_PARAMS : Reasons.INVALID_SPEC,
        "\"" + e.field() + "\": " + e.problem());
  }

  private static ChildTarget target(LoopSpec spec) {
    List<String> given = new ArrayList<>();
    if (spec.taskRef() != null) {
      given.add("taskRef");
    }
    if (spec.taskSpec() != null) {
      given.add("taskSpec");
    }
    if (spec.pipelineRef() != null) {
      given.add("pipelineRef");
    }
    if (spec.pipelineSpec() != null) {
      given.add("pipelineSpec");
    }
    if (given.isEmpty()) {
      throw new InvalidLoopException("taskRef", "one of " + String.join(", ", BODIES) + " is required");
    }
    if (given.size() > 1) {
      throw new InvalidLoopException(given.get(1), "only one of " + String.join(", ", BODIES) + " may be given, got "
          + String.join(" and ", given));
    }
    return switch (given.get(0)) {
      case "taskRef" -> ChildTarget.of(read("taskRef", spec.taskRef(), TaskRef.class), null);
      case "taskSpec" -> ChildTarget.of(null, read("taskSpec", spec.taskSpec(), EmbeddedTask.class));
      case "pipelineRef" -> ChildTarget.ofPipeline(read("pipelineRef", spec.pipelineRef(), PipelineRef.class), null);
      default -> ChildTarget.ofPipeline(null, read("pipelineSpec", spec.pipelineSpec(), PipelineSpec.class));
    };
  }

  private static <T> T read(String field, JsonNode value, Class<T> type) {
    if (!value.isObject()) {
      throw new InvalidLoopException(field, "must be an object");
    }
    try {
      return Serialization.jsonMapper().convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidLoopException(field, "is not a valid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  private static List<Map<String, Object>> workspaces(JsonNode bindings) {
    if (!bindings.isArray()) {
      throw new InvalidLoopException("workspaces", "must be a list of workspace bindings");
    }
    return Serialization.jsonMapper().convertValue(bindings, new TypeReference<List<Map<String, Object>>>() { });
  }

  private static String form(LoopSpec spec) {
    List<String> forms = new ArrayList<>();
    if (spec.items() != null && !spec.items().isNull()) {
      forms.add("items");
    }
    if (spec.range() != null) {
      forms.add("range");
    }
    if (spec.until() != null) {
      forms.add("until");
    }
    if (blankToNull(spec.iterateNumeric()) != null) {
      forms.add("iterateNumeric");
    }
    if (forms.size() > 1) {
      throw new InvalidLoopException(forms.get(1), "only one of items, range, until or iterateNumeric may be given, got "
          + String.join(" and ", forms));
    }
    return forms.isEmpty() ? "iterateParam" : forms.get(0);
  }

  private static List<String> items(LoopSpec spec, Map<String, ParamValue> params, Set<String> consumed) {
    JsonNode items = spec.items();
    if (items.isArray()) {
      List<String> values = new ArrayList<>(items.size());
      items.forEach(element -> values.add(element.isTextual() ? element.asText() : element.toString()));
      return LoopItems.of("items", values);
    }
    if (items.isTextual()) {
      String text = items.asText();
      Matcher reference = PARAM_REFERENCE.matcher(text.trim());
      if (reference.matches()) {
        String name = reference.group(1);
        ParamValue value = params.get(name);
        if (value == null) {
          throw new InvalidLoopException("items", "refers to param \"" + name + "\", which the run does not have")
              .inParams();
        }
        consumed.add(name);
        try {
          return fromValue("items", value, spec.iterateParamStringSeparator(), false);
        } catch (InvalidLoopException e) {
          throw e.inParams();
        }
      }
      return LoopItems.split("items", text, spec.iterateParamStringSeparator());
    }
    throw new InvalidLoopException("items", "must be a list of strings, a string of lines or \"$(params.NAME)\"");
  }

  private static List<String> fromIterateParam(LoopSpec spec, String iterateParam, Map<String, ParamValue> params,
      TaskKind kind) {
    if (iterateParam == null) {
      throw new InvalidLoopException("items", "one of items, range, until or iterateNumeric is required, or an "
          + "iterateParam whose param holds the items");
    }
    ParamValue value = params.get(iterateParam);
    if (value == null) {
      throw new InvalidLoopException("iterateParam", "the iterate parameter \"" + iterateParam
          + "\" was not found in the run's params").inParams();
    }
    try {
      return fromValue(iterateParam, value, spec.iterateParamStringSeparator(),
          LoopTask.PIPELINE_LOOP_KIND.equals(kind));
    } catch (InvalidLoopException e) {
      throw e.inParams();
    }
  }

  /**
   * An array param is the items; a string param is split into lines (TaskLoop) or on the
   * separator; for PipelineLoop a string holding a JSON array is that array, as kfp-tekton passes
   * a loop's items.
   */
  private static List<String> fromValue(String field, ParamValue value, String separator, boolean jsonArrays) {
    return switch (value.type()) {
      case ARRAY -> LoopItems.of(field, value.asArray());
      case STRING -> {
        String text = value.asString();
        if (jsonArrays && (separator == null || separator.isEmpty()) && text.trim().startsWith("[")) {
          yield LoopItems.of(field, jsonArray(field, text));
        }
        yield LoopItems.split(field, text, separator);
      }
      case OBJECT -> throw new InvalidLoopException(field, "is an object; the items must be an array or a string");
    };
  }

  /**
   * Each item as JSON, as kfp-tekton's PipelineLoop annotates its PipelineRuns: numbers of a range
   * as numbers, the elements of a JSON array of items as they were written, any other item as a
   * JSON string.
   */
  private static List<String> itemsJson(String form, List<String> items, ParamValue iterated, LoopSpec spec,
      TaskKind kind) {
    if (!form.equals("items") && !form.equals("iterateParam")) {
      return items;
    }
    boolean separator = spec.iterateParamStringSeparator() != null && !spec.iterateParamStringSeparator().isEmpty();
    if (form.equals("iterateParam") && LoopTask.PIPELINE_LOOP_KIND.equals(kind) && !separator && iterated != null
        && iterated.type() == ParamValue.Type.STRING && iterated.asString().trim().startsWith("[")) {
      try {
        List<Object> values = Serialization.jsonMapper().readValue(iterated.asString(),
            new TypeReference<List<Object>>() { });
        return values.stream().map(Serialization::asJson).toList();
      } catch (JsonProcessingException e) {
        throw new InvalidLoopException(spec.iterateParam(), "is not a JSON array: " + e.getOriginalMessage()).inParams();
      }
    }
    return items.stream().map(Serialization::asJson).toList();
  }

  private static List<String> jsonArray(String field, String text) {
    try {
      List<Object> values = Serialization.jsonMapper().readValue(text, new TypeReference<List<Object>>() { });
      return values.stream().map(v -> v instanceof String s ? s : Serialization.asJson(v)).toList();
    } catch (JsonProcessingException e) {
      throw new InvalidLoopException(field, "is not a JSON array: " + e.getOriginalMessage());
    }
  }

  private static List<String> range(LoopRange range) {
    if (range.from() == null) {
      throw new InvalidLoopException("range.from", "is required");
    }
    if (range.to() == null) {
      throw new InvalidLoopException("range.to", "is required");
    }
    long step = range.step() != null ? range.step() : range.to() >= range.from() ? 1 : -1;
    return LoopItems.range("range", range.from(), range.to(), step);
  }

  /** PipelineLoop's iterateNumeric: the run's params from, to and step (default 1) give the numbers. */
  private static List<String> numeric(Map<String, ParamValue> params, Set<String> consumed) {
    try {
      return numbers(params, consumed);
    } catch (InvalidLoopException e) {
      throw e.inParams();
    }
  }

  private static List<String> numbers(Map<String, ParamValue> params, Set<String> consumed) {
    long from = LoopItems.parseBound("from", stringParam(params, "from"));
    long to = LoopItems.parseBound("to", stringParam(params, "to"));
    String stepText = stringParam(params, "step");
    long step = stepText == null ? (to >= from ? 1 : -1) : LoopItems.parseBound("step", stepText);
    consumed.addAll(List.of("from", "to", "step"));
    try {
      return LoopItems.range("range", from, to, step);
    } catch (InvalidLoopException e) {
      throw new InvalidLoopException(e.field().replace("range.", "").replace("range", "to"), e.problem());
    }
  }

  private static String stringParam(Map<String, ParamValue> params, String name) {
    ParamValue value = params.get(name);
    if (value != null && value.type() != ParamValue.Type.STRING) {
      throw new InvalidLoopException(name, "must be a string holding an integer");
    }
    return value == null ? null : value.asString();
  }

  /**
   * The params of the Task or Pipeline the body names in the run's namespace, read when asked (once,
   * before the first child is created; never on every tick): a body resolved remotely (bundle,
   * resolver), a cluster-scoped or custom kind has none to read here.
   */
  private static Supplier<Optional<LoopDefinition.ReferencedParams>> referencedParams(ChildTarget target,
      TaskInput input) {
    if (target instanceof ChildTarget.TaskByRef byRef && isPlain(byRef.ref().getName(), byRef.ref().getResolver())
        && byRef.ref().getBundle() == null && (byRef.ref().getKind() == null || "Task".equals(byRef.ref().getKind()))) {
      String name = byRef.ref().getName();
      return () -> input.lookup(TASKS, name).map(spec -> declared("Task \"" + name + "\"", spec));
    }
    if (target instanceof ChildTarget.PipelineByRef byRef && isPlain(byRef.ref().getName(), byRef.ref().getResolver())) {
      String name = byRef.ref().getName();
      return () -> input.lookup(PIPELINES, name).map(spec -> declared("Pipeline \"" + name + "\"", spec));
    }
    return Optional::empty;
  }

  private static boolean isPlain(String name, String resolver) {
    return name != null && !name.isBlank() && (resolver == null || resolver.isBlank());
  }

  private static LoopDefinition.ReferencedParams declared(String what, Map<String, Object> spec) {
    List<String> names = new ArrayList<>();
    if (spec.get("params") instanceof List<?> params) {
      params.forEach(p -> {
        if (p instanceof Map<?, ?> param && param.get("name") instanceof String name) {
          names.add(name);
        }
      });
    }
    return new LoopDefinition.ReferencedParams(what, names);
  }

  /**
   * A param the named Task or Pipeline does not declare is refused before the first iteration, as an
   * embedded body's is at once, rather than by every child.
   *
   * @throws InvalidInputException naming the field, the param and what the body declares
   */
  static void checkReferenced(LoopDefinition loop) {
    if (loop.iterateParam() == null && loop.iterationNumberParam() == null) {
      return;
    }
    loop.referencedParams().get().ifPresent(body -> {
      try {
        check(body.names(), body.what(), "iterateParam", loop.iterateParam());
        check(body.names(), body.what(), "iterationNumberParam", loop.iterationNumberParam());
      } catch (InvalidLoopException e) {
        throw invalid(e);
      }
    });
  }

  /** Where the body is embedded, a param it does not declare is refused now rather than by every child. */
  private static void checkDeclared(ChildTarget target, String field, String param) {
    if (param == null) {
      return;
    }
    List<ParamSpec> declared = null;
    String what = null;
    if (target instanceof ChildTarget.EmbeddedTaskSpec embedded) {
      declared = embedded.spec().getParams();
      what = "taskSpec";
    } else if (target instanceof ChildTarget.EmbeddedPipeline embedded) {
      declared = embedded.spec().getParams();
      what = "pipelineSpec";
    }
    if (what == null) {
      return;
    }
    check(declared == null ? List.of() : declared.stream().map(ParamSpec::getName).toList(), "the " + what, field,
        param);
  }

  private static void check(List<String> names, String what, String field, String param) {
    if (param != null && !names.contains(param)) {
      throw new InvalidLoopException(field, "names param \"" + param + "\", which " + what + " does not declare"
          + (names.isEmpty() ? " (it declares none)" : "; it declares: " + String.join(", ", names)));
    }
  }

  private CelCondition compile(String expression) {
    try {
      return cel.compile(expression, UNTIL_VARIABLES);
    } catch (CelExpressionException e) {
      throw new InvalidLoopException("until", e.getMessage());
    }
  }

  /**
   * {@code concurrency}, or PipelineLoop's {@code parallelism}. TaskLoop read 0 or less as "all at
   * once"; a Loop refuses a negative value.
   */
  private static int concurrency(LoopSpec spec, TaskKind kind) {
    if (spec.concurrency() != null && spec.parallelism() != null) {
      throw new InvalidLoopException("parallelism", "only one of concurrency or parallelism may be given");
    }
    if (spec.parallelism() != null) {
      if (spec.parallelism() < 0) {
        throw new InvalidLoopException("parallelism", "must not be negative, got " + spec.parallelism());
      }
      return Math.max(1, spec.parallelism());
    }
    if (spec.concurrency() == null) {
      return 1;
    }
    if (spec.concurrency() < 0) {
      if (LoopTask.TASK_LOOP_KIND.equals(kind)) {
        return 0;
      }
      throw new InvalidLoopException("concurrency", "must not be negative (0 runs all at once), got " + spec.concurrency());
    }
    return spec.concurrency();
  }

  private static Optional<Duration> duration(String field, String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      Duration duration = GoDuration.parse(text);
      if (duration.isNegative()) {
        throw new InvalidLoopException(field, "must not be negative, got " + text);
      }
      return Optional.of(duration);
    } catch (IllegalArgumentException e) {
      throw new InvalidLoopException(field, e.getMessage());
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** The params an iteration's child gets, by name, as CEL reads them. */
  static Map<String, Object> celValues(List<Param> params) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param param : params) {
      values.put(param.getName(), celValue(param.getValue()));
    }
    return values;
  }

  static Object celValue(ParamValue value) {
    return switch (value.type()) {
      case STRING -> value.asString();
      case ARRAY -> value.asArray();
      case OBJECT -> value.asObject();
    };
  }
}
