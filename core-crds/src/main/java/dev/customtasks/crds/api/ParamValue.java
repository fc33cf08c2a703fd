package dev.customtasks.crds.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tekton param or result value: a string, an array of strings or an object of string fields,
 * serialised as the bare JSON value, exactly as Tekton's {@code ParamValue} is.
 *
 * <p>A value of another shape (say an object nested in an array) is read as a malformed value
 * that keeps its JSON and its problem, instead of failing to read the whole object: one bad run
 * must not stop an informer from listing every other run. Whoever uses the value reports the
 * problem ({@link #problem()}).
 */
@JsonSerialize(using = ParamValue.Serializer.class)
@JsonDeserialize(using = ParamValue.Deserializer.class)
public final class ParamValue {

  /** The three shapes a value can take, named as in Tekton's {@code ParamType}. */
  public enum Type {
    STRING("string"), ARRAY("array"), OBJECT("object");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private final Type type;
  private final String string;
  private final List<String> array;
  private final Map<String, String> object;
  private final JsonNode malformed;
  private final String problem;

  private ParamValue(Type type, String string, List<String> array, Map<String, String> object) {
    this(type, string, array, object, null, null);
  }

  private ParamValue(Type type, String string, List<String> array, Map<String, String> object, JsonNode malformed,
      String problem) {
    this.type = type;
    this.string = string;
    this.array = array;
    this.object = object;
    this.malformed = malformed;
    this.problem = problem;
  }

  /** A value of no shape Tekton allows, kept as written so that it survives a round trip. */
  static ParamValue malformed(JsonNode raw, String problem) {
    return new ParamValue(Type.STRING, null, null, null, raw, problem);
  }

  /** Why this value is malformed, if it is; a malformed value has no usable content. */
  public java.util.Optional<String> problem() {
    return java.util.Optional.ofNullable(problem);
  }

  public static ParamValue of(String value) {
    return new ParamValue(Type.STRING, Objects.requireNonNull(value), null, null);
  }

  public static ParamValue ofArray(List<String> values) {
    return new ParamValue(Type.ARRAY, null, List.copyOf(values), null);
  }

  public static ParamValue ofObject(Map<String, String> fields) {
    return new ParamValue(Type.OBJECT, null, null, Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
  }

  public Type type() {
    return type;
  }

  /** The string value; for other shapes, throws naming the actual shape. */
  public String asString() {
    requireType(Type.STRING);
    return string;
  }

  public List<String> asArray() {
    requireType(Type.ARRAY);
    return array;
  }

  public Map<String, String> asObject() {
    requireType(Type.OBJECT);
    return object;
  }

  private void requireType(Type expected) {
    if (problem != null) {
      throw new IllegalStateException("malformed value: " + problem);
    }
    if (type != expected) {
      throw new IllegalStateException("expected " + article(expected.wireName()) + " value but got "
          + article(type.wireName()));
    }
  }

  private static String article(String noun) {
    return (noun.startsWith("a") || noun.startsWith("o") ? "an " : "a ") + noun;
  }

  /** Size in bytes of the value as Tekton would store it, used for result size limits. */
  public int serializedSize() {
    if (malformed != null) {
      return malformed.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    return switch (type) {
      case STRING -> string.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      case ARRAY, OBJECT -> io.fabric8.kubernetes.client.utils.Serialization.asJson(this)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamValue other && type == other.type && Objects.equals(string, other.string)
        && Objects.equals(array, other.array) && Objects.equals(object, other.object)
        && Objects.equals(malformed, other.malformed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, string, array, object, malformed);
  }

  @Override
  public String toString() {
    if (malformed != null) {
      return malformed.toString();
    }
    return switch (type) {
      case STRING -> string;
      case ARRAY -> array.toString();
      case OBJECT -> object.toString();
    };
  }

  static final class Serializer extends JsonSerializer<ParamValue> {
    @Override
    public void serialize(ParamValue value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      if (value.malformed != null) {
        gen.writeTree(value.malformed);
        return;
      }
      switch (value.type) {
        case STRING -> gen.writeString(value.string);
        case ARRAY -> {
          gen.writeStartArray();
          for (String item : value.array) {
            gen.writeString(item);
          }
          gen.writeEndArray();
        }
        case OBJECT -> {
          gen.writeStartObject();
          for (Map.Entry<String, String> e : value.object.entrySet()) {
            gen.writeStringField(e.getKey(), e.getValue());
          }
          gen.writeEndObject();
        }
      }
    }
  }

  static final class Deserializer extends JsonDeserializer<ParamValue> {
    @Override
    public ParamValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return ParamValue.of(p.getText());
      }
      JsonNode node = p.readValueAsTree();
      if (node.isArray()) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
          if (!isScalar(item)) {
            return malformed(node, "an array item must be a string, not " + describe(item));
          }
          items.add(item.asText());
        }
        return ParamValue.ofArray(items);
      }
      if (node.isObject()) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!isScalar(e.getValue())) {
            return malformed(node, "object key \"" + e.getKey() + "\" must be a string, not " + describe(e.getValue()));
          }
          fields.put(e.getKey(), e.getValue().asText());
        }
        return ParamValue.ofObject(fields);
      }
      if (!isScalar(node)) {
        return malformed(node, "a value must be a string, an array of strings or an object of strings, not "
            + describe(node));
      }
      // Tekton accepts YAML scalars such as `value: 3` or `value: true` as strings.
      return ParamValue.of(node.asText());
    }

    private static boolean isScalar(JsonNode node) {
      return node.isValueNode() && !node.isNull();
    }

    private static String describe(JsonNode node) {
      return node.isNull() ? "null" : node.isArray() ? "an array" : node.isObject() ? "an object"
          : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
