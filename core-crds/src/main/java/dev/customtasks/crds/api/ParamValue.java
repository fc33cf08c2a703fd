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

  private ParamValue(Type type, String string, List<String> array, Map<String, String> object) {
    this.type = type;
    this.string = string;
    this.array = array;
    this.object = object;
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
    if (type != expected) {
      throw new IllegalStateException("expected a " + expected.wireName() + " value but got a " + type.wireName());
    }
  }

  /** Size in bytes of the value as Tekton would store it, used for result size limits. */
  public int serializedSize() {
    return switch (type) {
      case STRING -> string.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      case ARRAY, OBJECT -> io.fabric8.kubernetes.client.utils.Serialization.asJson(this)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamValue other && type == other.type && Objects.equals(string, other.string)
        && Objects.equals(array, other.array) && Objects.equals(object, other.object);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, string, array, object);
  }

  @Override
  public String toString() {
    return switch (type) {
      case STRING -> string;
      case ARRAY -> array.toString();
      case OBJECT -> object.toString();
    };
  }

  static final class Serializer extends JsonSerializer<ParamValue> {
    @Override
    public void serialize(ParamValue value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
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
          items.add(scalar(item, p));
        }
        return ParamValue.ofArray(items);
      }
      if (node.isObject()) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          fields.put(e.getKey(), scalar(e.getValue(), p));
        }
        return ParamValue.ofObject(fields);
      }
      // Tekton accepts YAML scalars such as `value: 3` or `value: true` as strings.
      return ParamValue.of(scalar(node, p));
    }

    private static String scalar(JsonNode node, JsonParser p) throws IOException {
      if (node.isValueNode() && !node.isNull()) {
        return node.asText();
      }
      throw new com.fasterxml.jackson.databind.exc.MismatchedInputException(p,
          "a param value must be a string, an array of strings or an object of strings, not " + node.getNodeType()) {
      };
    }
  }
}
