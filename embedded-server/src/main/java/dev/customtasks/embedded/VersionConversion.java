package dev.customtasks.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customtasks.crds.conversion.ConversionException;
import dev.customtasks.crds.conversion.TektonConversion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.zjsonpatch.JsonPatch;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code tekton.dev/v1beta1} Pipelines, PipelineRuns, Tasks and TaskRuns from the
 * {@code tekton.dev/v1} objects the store keeps, as kube-apiserver does with a CRD whose storage
 * version is v1 and whose conversion webhook converts: a v1beta1 write is converted to v1 and
 * stored under the v1 path; what comes back (the written object, a get, a list's items, a watch's
 * events, a deleted object) is converted to v1beta1. The conversion is core-crds'
 * {@link TektonConversion}, the one the PipelineRun controller's conversion webhook runs on a
 * cluster. An object that cannot be converted (say, with {@code spec.resources}) is refused with
 * what kube-apiserver answers when the webhook fails: 500, {@code conversion webhook for
 * tekton.dev/v1beta1, Kind=PipelineRun failed: must not set the field(s): spec.resources}.
 *
 * <p>A merge or JSON patch sent to a v1beta1 path applies to the v1beta1 form of the object, as on
 * a cluster: the object is read, converted, patched, converted back and written as a JSON patch of
 * the stored v1 object, all while the dispatcher holds its write lock.
 */
final class VersionConversion {

  private static final Pattern PATH = Pattern.compile(
      "^/apis/tekton\\.dev/v1beta1(?<namespace>/namespaces/[^/]+)?/(?<plural>pipelines|pipelineruns|tasks|taskruns)"
          + "(?<rest>/[^/]+(?:/status)?)?/?$");
  private static final Map<String, String> KINDS = Map.of(
      "pipelines", "Pipeline", "pipelineruns", "PipelineRun", "tasks", "Task", "taskruns", "TaskRun");
  private static final String JSON_PATCH = "application/json-patch+json";

  private final MockStore store;
  private final Lock writes;

  VersionConversion(MockStore store, Lock writes) {
    this.store = store;
    this.writes = writes;
  }

  /** Whether {@code request} goes to a v1beta1 path this class serves. */
  static boolean serves(RecordedRequest request) {
    return PATH.matcher(Responses.pathWithoutQuery(request)).matches();
  }

  /** The answer to {@code request}, a v1beta1 request; {@code stored} answers the v1 request it becomes. */
  MockResponse answer(RecordedRequest request, Function<RecordedRequest, MockResponse> stored) {
    Matcher path = PATH.matcher(Responses.pathWithoutQuery(request));
    if (!path.matches()) {
      throw new IllegalArgumentException("not a tekton.dev/v1beta1 path: " + request.getPath());
    }
    String kind = KINDS.get(path.group("plural"));
    String v1Path = request.getPath().replaceFirst("^/apis/tekton\\.dev/v1beta1", "/apis/tekton.dev/v1");
    try {
      return switch (request.method()) {
        case POST, PUT -> toV1beta1(stored.apply(withBody(request, v1Path, writtenAsV1(request, kind))));
        case PATCH -> patch(request, v1Path, kind, stored);
        default -> toV1beta1(stored.apply(withBody(request, v1Path, request.getBody())));
      };
    } catch (ConversionException e) {
      return Responses.failure(HttpURLConnection.HTTP_INTERNAL_ERROR, null,
          "conversion webhook for " + TektonConversion.V1BETA1 + ", Kind=" + kind + " failed: " + e.getMessage());
    }
  }

  /** The body of a create or update, converted to v1; unchanged when it is not a v1beta1 object of the kind. */
  private static Buffer writtenAsV1(RecordedRequest request, String kind) {
    Optional<JsonNode> object = json(Responses.body(request));
    if (object.isEmpty() || !TektonConversion.V1BETA1.equals(object.get().path("apiVersion").asText())
        || !kind.equals(object.get().path("kind").asText())) {
      // Not for us to judge: the store answers it as it would any body.
      return request.getBody();
    }
    return buffer(TektonConversion.convert(object.get(), TektonConversion.V1).toString());
  }

  private MockResponse patch(RecordedRequest request, String v1Path, String kind,
      Function<RecordedRequest, MockResponse> stored) {
    String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
    boolean merge = type.contains("merge-patch+json") && !type.contains("strategic");
    boolean jsonPatch = type.contains("json-patch+json");
    Optional<JsonNode> patch = json(Responses.body(request));
    if ((!merge && !jsonPatch) || patch.isEmpty()) {
      // Strategic merge, server-side apply, a body that is no JSON: the store says what it says to v1.
      return toV1beta1(stored.apply(withBody(request, v1Path, request.getBody())));
    }
    String objectPath = Responses.pathWithoutQuery(request).replaceFirst("^/apis/tekton\\.dev/v1beta1",
        "/apis/tekton.dev/v1").replaceFirst("/status$", "");
    writes.lock();
    try {
      Optional<JsonNode> current = store.get(objectPath);
      if (current.isEmpty()) {
        return toV1beta1(stored.apply(withBody(request, v1Path, request.getBody())));
      }
      JsonNode asV1beta1 = TektonConversion.convert(current.get(), TektonConversion.V1BETA1);
      JsonNode patched;
      try {
        patched = merge ? Patches.mergePatch(asV1beta1.deepCopy(), patch.get()) : JsonPatch.apply(patch.get(), asV1beta1);
      } catch (RuntimeException e) {
        return Responses.failure(422, "Invalid", "the JSON patch cannot be applied: " + e.getMessage());
      }
      ObjectNode asV1 = TektonConversion.convert(patched, TektonConversion.V1);
      // Compared with the stored object as the round trip writes it, so that only what the patch
      // changed is written (a round trip may add what Tekton's conversion defaults, say a param's type).
      JsonNode roundTripped = TektonConversion.convert(asV1beta1, TektonConversion.V1);
      ArrayNode operations = Patches.topLevelReplacement(roundTripped, asV1);
      RecordedRequest v1Patch = new RecordedRequest(request.getHttpVersion(), request.method(), v1Path,
          request.getHeaders().newBuilder().set("Content-Type", JSON_PATCH).build(), buffer(operations.toString()));
      return toV1beta1(stored.apply(v1Patch));
    } finally {
      writes.unlock();
    }
  }

  /** The response with every v1 object of the converted kinds in it (an object, a list's items, watch events) as v1beta1. */
  static MockResponse toV1beta1(MockResponse response) {
    if (response.getWebSocketListener() != null) {
      return response.withWebSocketUpgrade(new ConvertingListener(response.getWebSocketListener()));
    }
    Optional<JsonNode> body = json(Responses.body(response));
    if (body.isEmpty() || !(body.get() instanceof ObjectNode object)) {
      return response;
    }
    JsonNode converted = converted(object);
    if (converted == object) {
      return response;
    }
    return response.setBody(converted.toString());
  }

  /** {@code node} as v1beta1: a converted object, a list with converted items, or itself. */
  private static JsonNode converted(ObjectNode node) {
    if (isStoredV1(node)) {
      return TektonConversion.convert(node, TektonConversion.V1BETA1);
    }
    JsonNode items = node.get("items");
    if (items == null || !items.isArray()) {
      return node;
    }
    ObjectNode list = node.deepCopy();
    ArrayNode convertedItems = list.putArray("items");
    for (JsonNode item : items) {
      convertedItems.add(isStoredV1(item) ? TektonConversion.convert(item, TektonConversion.V1BETA1) : item);
    }
    if (TektonConversion.V1.equals(list.path("apiVersion").asText())) {
      list.put("apiVersion", TektonConversion.V1BETA1);
    }
    return list;
  }

  private static boolean isStoredV1(JsonNode node) {
    return node.isObject() && TektonConversion.V1.equals(node.path("apiVersion").asText())
        && TektonConversion.converts(node.path("kind").asText());
  }

  /** A watch event ({@code {"type": ..., "object": ...}}) with its object as v1beta1. */
  static String watchEventAsV1beta1(String event) {
    Optional<JsonNode> parsed = json(event);
    if (parsed.isEmpty() || !(parsed.get() instanceof ObjectNode node) || !isStoredV1(node.path("object"))) {
      return event;
    }
    node.set("object", TektonConversion.convert(node.get("object"), TektonConversion.V1BETA1));
    return node.toString();
  }

  private static Optional<JsonNode> json(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Serialization.jsonMapper().readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static RecordedRequest withBody(RecordedRequest request, String path, Buffer body) {
    return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(), body);
  }

  private static Buffer buffer(String text) {
    return new Buffer(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The mock's watch, with every event it sends converted to v1beta1 on the way out. */
  private static final class ConvertingListener extends WebSocketListener {

    private final WebSocketListener delegate;

    ConvertingListener(WebSocketListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(converting(webSocket), response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      delegate.onOpen(converting(webSocket), response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(converting(webSocket), text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(converting(webSocket), bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      delegate.onClosing(converting(webSocket), code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      delegate.onClosed(converting(webSocket), code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
      delegate.onFailure(converting(webSocket), error, response);
    }

    private static WebSocket converting(WebSocket socket) {
      return new WebSocket() {
        @Override
        public RecordedRequest request() {
          return socket.request();
        }

        @Override
        public boolean send(String text) {
          return socket.send(watchEventAsV1beta1(text));
        }

        @Override
        public boolean send(byte[] bytes) {
          return socket.send(bytes);
        }

        @Override
        public boolean close(int code, String reason) {
          return socket.close(code, reason);
        }
      };
    }
  }
}
