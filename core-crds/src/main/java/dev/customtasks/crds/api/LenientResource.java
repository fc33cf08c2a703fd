package dev.customtasks.crds.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tekton object that can be read even when its spec or status is malformed (a string where a
 * list belongs, say). The API server accepts such objects, since Tekton's CRD schemas are open;
 * if reading one failed, the informer's whole list would fail and the controller would stop for
 * every other run. Instead the object is read with no spec (or status), the problem is kept in
 * {@link #malformed()}, and the controller fails that one run with a message naming the field.
 */
public abstract class LenientResource<S, T> extends CustomResource<S, T> {

  @JsonIgnore
  private String malformed;
  @JsonIgnore
  private JsonNode rawSpec;

  /** What made the spec or status unreadable, as {@code spec.path: problem}; empty when well formed. */
  @JsonIgnore
  public Optional<String> malformed() {
    return Optional.ofNullable(malformed);
  }

  /** The spec as written, kept when it could not be read, so that its kind can still be told. */
  @JsonIgnore
  public Optional<JsonNode> rawSpec() {
    return Optional.ofNullable(rawSpec);
  }

  /**
   * A deep copy that keeps what made the original malformed: the problem is not part of the JSON,
   * so a copy made by serialising would read as a well-formed object with no spec.
   */
  public static <R extends io.fabric8.kubernetes.api.model.HasMetadata> R copy(
      io.fabric8.kubernetes.client.utils.KubernetesSerialization serialization, R object) {
    R copy = serialization.clone(object);
    if (object instanceof LenientResource<?, ?> from && copy instanceof LenientResource<?, ?> to) {
      to.malformed = from.malformed;
      to.rawSpec = from.rawSpec;
    }
    return copy;
  }

  /** Reads a kind's objects leniently; each kind has a two-line subclass naming its types. */
  public abstract static class Deserializer<R extends LenientResource<S, T>, S, T> extends StdDeserializer<R> {

    private static final Pattern FROM = Pattern.compile("from (\\w+) value");

    private final Supplier<R> factory;
    private final Class<S> specType;
    private final Class<T> statusType;

    protected Deserializer(Class<R> type, Supplier<R> factory, Class<S> specType, Class<T> statusType) {
      super(type);
      this.factory = factory;
      this.specType = specType;
      this.statusType = statusType;
    }

    @Override
    public R deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      ObjectMapper mapper = (ObjectMapper) p.getCodec();
      JsonNode node = p.readValueAsTree();
      R resource = factory.get();
      JsonNode metadata = node.get("metadata");
      if (metadata != null && !metadata.isNull()) {
        resource.setMetadata(mapper.treeToValue(metadata, ObjectMeta.class));
      }
      JsonNode spec = node.get("spec");
      if (spec != null && !spec.isNull()) {
        try {
          resource.setSpec(mapper.treeToValue(spec, specType));
        } catch (JsonProcessingException e) {
          LenientResource<?, ?> lenient = resource;
          lenient.malformed = describe("spec", e);
          lenient.rawSpec = spec;
        }
      }
      JsonNode status = node.get("status");
      if (status != null && !status.isNull() && statusType != Void.class) {
        try {
          resource.setStatus(mapper.treeToValue(status, statusType));
        } catch (JsonProcessingException e) {
          LenientResource<?, ?> lenient = resource;
          if (lenient.malformed == null) {
            lenient.malformed = describe("status", e);
          }
        }
      }
      return resource;
    }

    static String describe(String root, JsonProcessingException e) {
      StringBuilder path = new StringBuilder(root);
      if (e instanceof JsonMappingException mapping) {
        for (JsonMappingException.Reference ref : mapping.getPath()) {
          if (ref.getFieldName() != null) {
            path.append('.').append(ref.getFieldName());
          } else if (ref.getIndex() >= 0) {
            path.append('[').append(ref.getIndex()).append(']');
          }
        }
      }
      if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        Matcher from = FROM.matcher(String.valueOf(e.getOriginalMessage()));
        String got = from.find() ? " but got " + article(from.group(1).toLowerCase(java.util.Locale.ROOT)) : "";
        return path + ": expected " + expected(mismatch.getTargetType()) + got;
      }
      return path + ": " + e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
      if (type == String.class) {
        return "a string";
      }
      if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
        return "an array";
      }
      if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
        return "a number";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      return "an object";
    }

    private static String article(String word) {
      return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }
  }
}
