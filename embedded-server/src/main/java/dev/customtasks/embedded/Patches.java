package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * PATCH the way a real API server does it, where the mock does not:
 * <ul>
 *   <li>A JSON merge patch (RFC 7386) replaces arrays; the mock appends to them, so a second
 *       {@code kubectl apply} of a changed list would keep the old items too. It is applied here
 *       and handed to the mock as a JSON patch that replaces the top-level fields it changed, so
 *       the mock still does the rest (resourceVersion check, status subresource, generation,
 *       events). The {@link FrontDispatcher} holds every write while it does, so nothing changes
 *       the object between the read and the write. A patch of objects and scalars only (say, an
 *       annotation) goes to the mock as it is: it merges those right.</li>
 *   <li>Strategic merge patch and server-side apply get a 415 that says what to use instead
 *       (kubectl's default {@code patch} type is strategic).</li>
 * </ul>
 */
final class Patches {

  private static final String JSON_PATCH = "application/json-patch+json";

  private final MockStore store;

  Patches(MockStore store) {
    this.store = store;
  }

  /** The answer to a PATCH, empty when the mock should answer it as it is (a JSON patch). */
  Optional<MockResponse> answer(String path, RecordedRequest request) {
    String type = contentType(request);
    if (type.endsWith("strategic-merge-patch+json")) {
      return Optional.of(unsupported("strategic merge patch", "kubectl patch --type merge (or --type json)"));
    }
    if (type.endsWith("apply-patch+yaml") || type.endsWith("apply-patch+cbor")) {
      return Optional.of(unsupported("server-side apply", "kubectl apply --validate=false (client-side)"));
    }
    if (!type.endsWith("merge-patch+json")) {
      return Optional.empty();
    }
    JsonNode patch;
    try {
      patch = Serialization.jsonMapper().readTree(Responses.body(request));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.of(Responses.failure(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest",
          "the request body is not a JSON merge patch: " + e.getOriginalMessage()));
    }
    if (!replacesOrRemoves(patch)) {
      // Only objects and scalars: the mock merges those right, and a read less keeps writes fast.
      return Optional.empty();
    }
    String objectPath = path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path;
    Optional<JsonNode> current = store.get(objectPath);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    JsonNode merged = mergePatch(current.get().deepCopy(), patch);
    RecordedRequest asJsonPatch = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
        request.getHeaders().newBuilder().set("Content-Type", JSON_PATCH).build(),
        new io.fabric8.mockwebserver.http.Buffer(topLevelReplacement(current.get(), merged).toString()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return Optional.of(store.dispatch(asJsonPatch));
  }

  /**
   * The object as a JSON merge patch or JSON patch {@code request} would leave {@code stored}; empty
   * for other patches or one that cannot be read or applied (the write itself then says why).
   */
  static Optional<JsonNode> applied(JsonNode stored, RecordedRequest request) {
    String type = contentType(request);
    try {
      JsonNode patch = Serialization.jsonMapper().readTree(Responses.body(request));
      if (type.endsWith("json-patch+json")) {
        return Optional.of(io.fabric8.zjsonpatch.JsonPatch.apply(patch, stored));
      }
      if (type.endsWith("merge-patch+json") && !type.endsWith("strategic-merge-patch+json")) {
        return Optional.of(mergePatch(stored.deepCopy(), patch));
      }
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Whether the patch holds an array (which replaces) or a null (which removes) anywhere. */
  static boolean replacesOrRemoves(JsonNode patch) {
    if (patch.isArray() || patch.isNull()) {
      return true;
    }
    for (JsonNode value : patch) {
      if (replacesOrRemoves(value)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 7386: objects merge member by member, null removes, anything else (arrays too) replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target
        : Serialization.jsonMapper().createObjectNode();
    for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode value = patch.get(name);
      if (value.isNull()) {
        result.remove(name);
      } else {
        result.set(name, mergePatch(result.get(name), value));
      }
    }
    return result;
  }

  /** A JSON patch from {@code current} to {@code merged} whose operations cannot fail on {@code current}. */
  static ArrayNode topLevelReplacement(JsonNode current, JsonNode merged) {
    ArrayNode operations = Serialization.jsonMapper().createArrayNode();
    Set<String> names = new LinkedHashSet<>();
    current.fieldNames().forEachRemaining(names::add);
    merged.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String pointer = "/" + name.replace("~", "~0").replace("/", "~1");
      if (!merged.has(name)) {
        operations.addObject().put("op", "remove").put("path", pointer);
      } else if (!merged.get(name).equals(current.get(name))) {
        operations.addObject().put("op", "add").put("path", pointer).set("value", merged.get(name));
      }
    }
    return operations;
  }

  private static String contentType(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null) {
      return "";
    }
    int parameters = type.indexOf(';');
    return (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }

  private static MockResponse unsupported(String what, String instead) {
    return Responses.failure(HttpURLConnection.HTTP_UNSUPPORTED_TYPE, "UnsupportedMediaType",
        "the embedded API server does not support " + what + ": use " + instead);
  }
}
