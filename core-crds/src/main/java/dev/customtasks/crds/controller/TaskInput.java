package dev.customtasks.crds.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything a task may be configured by, in the three places TEP-0002 allows: a named object of
 * the task's kind ({@code customRef.name}), an embedded {@code customSpec.spec}, and the run's
 * {@code params}. {@link #decode(Class)} merges them in that order, later places winning, into the
 * task's typed spec, and turns every decoding problem into an {@link InvalidInputException} that
 * names the place and the field.
 */
public final class TaskInput {

  private static final ObjectMapper STRICT = Serialization.jsonMapper().copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final CustomRun run;
  private final TaskKind kind;
  private final Supplier<Optional<Map<String, Object>>> namedObjectSpec;
  private final NamedObjects objects;

  /**
   * @param namedObjectSpec looks up the spec of the object {@code customRef.name} names; empty when
   *     the run names none. Throws {@link InvalidInputException} when the named object is missing.
   */
  public TaskInput(CustomRun run, TaskKind kind, Supplier<Optional<Map<String, Object>>> namedObjectSpec) {
    this(run, kind, namedObjectSpec, (type, namespace, name) -> Optional.empty());
  }

  /**
   * @param namedObjectSpec as above
   * @param objects finds other objects in the run's namespace, for {@link #lookup}
   */
  public TaskInput(CustomRun run, TaskKind kind, Supplier<Optional<Map<String, Object>>> namedObjectSpec,
      NamedObjects objects) {
    this.run = run;
    this.kind = kind;
    this.namedObjectSpec = memoized(namedObjectSpec);
    this.objects = objects;
  }

  /** The named object is read once however often the task asks: it may come from the API server. */
  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;
      private boolean read;

      @Override
      public synchronized T get() {
        if (!read) {
          value = supplier.get();
          read = true;
        }
        return value;
      }
    };
  }

  public CustomRun run() {
    return run;
  }

  /** Which of the task's kinds (or aliases) this run asked for. */
  public TaskKind kind() {
    return kind;
  }

  /** The params by name; a duplicate name is bad input. */
  public Map<String, ParamValue> params() {
    List<Param> params = run.getSpec().getParams();
    if (params == null) {
      return Map.of();
    }
    Map<String, ParamValue> byName = new LinkedHashMap<>();
    for (Param param : params) {
      if (param.getName() == null || param.getName().isBlank()) {
        throw new InvalidInputException(Reasons.INVALID_PARAMS, "a param has no name");
      }
      if (param.getValue() == null) {
        throw InvalidInputException.param(param.getName(), "has no value");
      }
      if (param.getValue().problem().isPresent()) {
        throw InvalidInputException.param(param.getName(), param.getValue().problem().get());
      }
      if (byName.put(param.getName(), param.getValue()) != null) {
        throw InvalidInputException.param(param.getName(), "is given more than once");
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** {@code spec.customSpec.spec}, if the run embeds one. */
  public Optional<Map<String, Object>> embeddedSpec() {
    var customSpec = run.getSpec().getCustomSpec();
    return customSpec == null ? Optional.empty() : Optional.ofNullable(customSpec.getSpec());
  }

  /** The spec of the object {@code customRef.name} names, read once. */
  public Optional<Map<String, Object>> namedObjectSpec() {
    return namedObjectSpec.get();
  }

  /**
   * The error for a bad value of {@code field} (a top-level field of the decoded type, such as an
   * enum-like one a task reads itself), named where the value came from as {@link #decode} names
   * the fields it cannot read: {@code param "f": problem} ({@code InvalidParams}) when a param gave
   * it, else {@code customSpec.spec.f: problem} or {@code KIND "name" spec.f: problem}
   * ({@code InvalidSpec}).
   */
  public InvalidInputException invalid(String field, String problem) {
    if (params().containsKey(field)) {
      return InvalidInputException.param(field, problem);
    }
    if (embeddedSpec().filter(spec -> spec.containsKey(field)).isPresent()) {
      return new InvalidInputException(Reasons.INVALID_SPEC, "customSpec.spec." + field + ": " + problem);
    }
    if (namedObjectSpec().filter(spec -> spec.containsKey(field)).isPresent()) {
      return new InvalidInputException(Reasons.INVALID_SPEC, objectPlace() + field + ": " + problem);
    }
    return InvalidInputException.param(field, problem);
  }

  private String objectPlace() {
    return kind.kind() + " \"" + Optional.ofNullable(run.getSpec().getCustomRef()).map(r -> r.getName()).orElse("")
        + "\" spec.";
  }

  /**
   * The {@code spec} of another object the input names (e.g. a Pipeline a spec refers to by
   * name), of {@code type} and called {@code name} in the run's namespace: an empty map when it
   * has none, empty when there is no such object. Read each time it is called, so a task calls it
   * only when it needs the object (typically once, before creating a child), never from a
   * {@code decode} that must not reach the API server on every tick.
   */
  public Optional<Map<String, Object>> lookup(ResourceDefinitionContext type, String name) {
    return objects.spec(type, run.getMetadata().getNamespace(), name);
  }

  /**
   * Merges named object, embedded spec and params (later wins, field by field at the top level) and
   * decodes the result into {@code type}, whose property names are the param names.
   *
   * @throws InvalidInputException naming the place and field of the first problem
   */
  public <T> T decode(Class<T> type) {
    return decode(type, true);
  }

  /**
   * Like {@link #decode(Class)}, from the named object and the embedded spec only: for a task
   * whose params are not its own but go on to what it runs (a sub-pipeline's params are the
   * child pipeline's).
   *
   * @throws InvalidInputException naming the place and field of the first problem
   */
  public <T> T decodeSpec(Class<T> type) {
    return decode(type, false);
  }

  private <T> T decode(Class<T> type, boolean withParams) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, String> placeOf = new LinkedHashMap<>();
    String objectPlace = objectPlace();
    namedObjectSpec().ifPresent(spec -> spec.forEach((k, v) -> {
      merged.put(k, v);
      placeOf.put(k, objectPlace);
    }));
    embeddedSpec().ifPresent(spec -> spec.forEach((k, v) -> {
      merged.put(k, v);
      placeOf.put(k, "customSpec.spec.");
    }));
    if (withParams) {
      params().forEach((k, v) -> {
        merged.put(k, toJsonValue(v));
        placeOf.put(k, "param ");
      });
    }
    try {
      return STRICT.convertValue(merged, type);
    } catch (IllegalArgumentException e) {
      throw describe(e.getCause() instanceof JsonMappingException jme ? jme : null, e, placeOf, type);
    }
  }

  private static Object toJsonValue(ParamValue value) {
    return switch (value.type()) {
      case STRING -> value.asString();
      case ARRAY -> value.asArray();
      case OBJECT -> value.asObject();
    };
  }

  private static InvalidInputException describe(JsonMappingException cause, IllegalArgumentException e,
      Map<String, String> placeOf, Class<?> type) {
    if (cause == null) {
      return new InvalidInputException(Reasons.INVALID_PARAMS, "cannot read the task's input: " + e.getMessage());
    }
    String field = cause.getPath().isEmpty() ? "" : cause.getPath().get(0).getFieldName();
    String path = pathOf(cause);
    String place = placeOf.getOrDefault(field, "param ");
    String reason = place.startsWith("param") ? Reasons.INVALID_PARAMS : Reasons.INVALID_SPEC;
    String where = place.startsWith("param") ? "param \"" + path + "\"" : place + path;
    if (cause instanceof UnrecognizedPropertyException unknown) {
      TreeSet<String> known = new TreeSet<>();
      unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      String what = place.startsWith("param") ? "unknown param \"" + path + "\"" : "unknown field " + place + path;
      return new InvalidInputException(reason, what + "; " + kindOfKnown(place) + ": " + String.join(", ", known));
    }
    if (cause instanceof InvalidFormatException format) {
      return new InvalidInputException(reason, where + ": \"" + format.getValue() + "\" is not a valid "
          + friendlyType(format.getTargetType()));
    }
    if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new InvalidInputException(reason, where + ": expected " + article(friendlyType(mismatch.getTargetType())));
    }
    String detail = cause.getOriginalMessage();
    return new InvalidInputException(reason, where + ": " + detail);
  }

  private static String kindOfKnown(String place) {
    return place.startsWith("param") ? "known params" : "known fields";
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String friendlyType(Class<?> type) {
    if (type == String.class) {
      return "string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "array";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "object";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean (true or false)";
    }
    if (type.isEnum()) {
      return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
    }
    return "object";
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
