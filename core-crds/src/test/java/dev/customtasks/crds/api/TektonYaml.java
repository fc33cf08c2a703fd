package dev.customtasks.crds.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: read the Tekton examples under {@code tekton/}, write them back, find unknown fields. */
public final class TektonYaml {

  private TektonYaml() {
  }

  public static byte[] bytes(String resource) {
    try (InputStream in = TektonYaml.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a resource into our model, the way a fabric8 client does. */
  public static <T extends HasMetadata> T read(String resource, Class<T> type) {
    return Serialization.unmarshal(new java.io.ByteArrayInputStream(bytes(resource)), type);
  }

  /** The resource as a plain JSON tree. */
  public static JsonNode tree(String resource) {
    try {
      return Serialization.yamlMapper().readTree(bytes(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The object written as JSON, as the client sends it, and read back as a plain tree. */
  public static JsonNode written(Object value) {
    try {
      return Serialization.jsonMapper().readTree(Serialization.asJson(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every field that landed in an {@link UnknownFieldsPreserving} catch-all, as {@code path.name}
   * (e.g. {@code spec.params[2].someNewField}). A known field listed here is a misnamed property.
   */
  public static List<String> unknownFields(CustomResource<?, ?> resource) {
    List<String> found = new ArrayList<>();
    collect("spec", resource.getSpec(), found);
    collect("status", resource.getStatus(), found);
    return found;
  }

  private static void collect(String path, Object value, List<String> found) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collect(path + "[" + i + "]", list.get(i), found);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collect(path + "." + k, v, found));
    } else if (value instanceof UnknownFieldsPreserving preserving) {
      preserving.getAdditionalProperties().keySet().forEach(k -> found.add(path + "." + k));
      for (Class<?> c = value.getClass(); c != UnknownFieldsPreserving.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            collect(path + "." + field.getName(), get(field, value), found);
          }
        }
      }
    }
  }

  private static Object get(Field field, Object target) {
    try {
      field.setAccessible(true);
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
