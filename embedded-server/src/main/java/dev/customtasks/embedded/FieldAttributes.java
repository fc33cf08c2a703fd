package dev.customtasks.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.Key;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Field selectors served by the mock's own matching, so that lists and watches (ADDED, MODIFIED and
 * DELETED as an object enters, changes within or leaves the selection) both follow them. The mock
 * matches a query's attributes against the attributes it files each object under, and it reads a
 * field selector as attributes, but it files an object under its name, namespace and labels only,
 * and reads only values of letters, digits, {@code -}, {@code _} and {@code .} ({@code
 * tekton.dev/v1beta1} or an empty value are dropped, and so select everything). So each stored
 * object's key also gets one attribute per {@link SelectableFields selectable field}, and the field
 * selector of a request is rewritten into those attributes, label and value encoded alike into
 * characters the mock reads, before the mock sees it.
 *
 * <p>The key is changed in place, before the mock files it: the mock matches its watchers against
 * that same key object after storing it.
 */
final class FieldAttributes {

  private static final String PREFIX = "fields/";
  private static final Field ATTRIBUTES;

  static {
    try {
      ATTRIBUTES = AttributeSet.class.getDeclaredField("attributes");
      ATTRIBUTES.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's AttributeSet changed: cannot file objects by field", e);
    }
  }

  private FieldAttributes() {
  }

  /** Adds the selectable fields of the stored object {@code json} to its {@code key}. */
  static void addTo(AttributeSet key, String json, SelectableFields fields) {
    JsonNode object = null;
    if (fields.readsObject()) {
      try {
        object = Serialization.jsonMapper().readTree(json);
      } catch (JsonProcessingException e) {
        object = Serialization.jsonMapper().missingNode();
      }
    }
    Map<Key, Attribute> attributes = attributesOf(key);
    fields.values(one(key, KubernetesAttributesExtractor.METADATA_NAME),
        one(key, KubernetesAttributesExtractor.METADATA_NAMESPACE), object).forEach((label, value) -> {
          Attribute attribute = new Attribute(attributeKey(label), attributeValue(value));
          attributes.put(attribute.getKey(), attribute);
        });
  }

  /**
   * {@code path} with its {@code fieldSelector} rewritten into the attributes {@link #addTo} files;
   * unchanged when it has none or one that does not parse (the server refuses those before).
   */
  static String storePath(String path) {
    int query = path.indexOf('?');
    if (query < 0 || !path.contains(FieldSelector.PARAMETER)) {
      return path;
    }
    FieldSelector selector;
    try {
      selector = FieldSelector.parse(FieldSelector.inQuery(path).orElse(""));
    } catch (IllegalArgumentException e) {
      return path;
    }
    String rewritten = FieldSelector.PARAMETER + selector.requirements().stream()
        .map(r -> attributeKey(r.field()) + (r.equal() ? "=" : "!=") + attributeValue(r.value()))
        .collect(Collectors.joining(","));
    List<String> parameters = new ArrayList<>();
    for (String parameter : path.substring(query + 1).split("&")) {
      parameters.add(parameter.startsWith(FieldSelector.PARAMETER) ? rewritten : parameter);
    }
    return path.substring(0, query + 1) + String.join("&", parameters);
  }

  /**
   * Letters and digits as they are, every other character as {@code _} and four hex digits: one
   * text for one string, in the characters the mock reads. (A label encoded so keeps no
   * {@code metadata.name} in it, which the mock's watch would take for a name of its own.)
   */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        encoded.append(c);
      } else {
        encoded.append('_').append(String.format("%04x", (int) c));
      }
    }
    return encoded.toString();
  }

  private static String attributeKey(String label) {
    return PREFIX + encode(label);
  }

  /** Prefixed, as the mock reads no empty value. */
  private static String attributeValue(String value) {
    return "v" + encode(value);
  }

  private static String one(AttributeSet key, String name) {
    Attribute attribute = key.getAttribute(name);
    return attribute == null || attribute.getValues().isEmpty() ? "" : attribute.getValues().get(0).toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<Key, Attribute> attributesOf(AttributeSet key) {
    try {
      return (Map<Key, Attribute>) ATTRIBUTES.get(key);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("fabric8's AttributeSet changed: cannot file objects by field", e);
    }
  }
}
