package dev.customtasks.crds.embedded;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sits in front of the mock's CRUD dispatcher and answers what a real API server answers and the
 * mock does not, so that kubectl can work against the embedded server:
 * <ul>
 *   <li>{@code /version}, and legacy discovery ({@code /api}, {@code /api/v1}, {@code /apis},
 *       {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}) built from the CRDs in the store; served
 *       as plain {@code application/json}, which tells kubectl that aggregated discovery is not
 *       available so it falls back to one request per group version;</li>
 *   <li>{@code /openapi/v2} and {@code /openapi/v3}: 404, so kubectl skips schema lookups (apply
 *       needs {@code --validate=false});</li>
 *   <li>self-subject access and rules reviews: everything allowed ({@link AccessReviews}).</li>
 * </ul>
 * Everything else goes to the mock unchanged, including a group version this dispatcher does not
 * know (the mock answers those for resources registered with {@code expectCustomResource}).
 *
 * <p>What still cannot work through kubectl: {@code get -w} (the mock serves watches over
 * WebSocket only, kubectl streams over HTTP), server-side apply and strategic merge patch (415),
 * and server-side printing (no {@code Table}: {@code kubectl get} shows NAME and AGE only).
 */
final class DiscoveryDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

  private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String JSON = "application/json";

  /** Reported so that kubectl's version-skew check stays quiet; the mock implements no particular release. */
  static final String KUBERNETES_VERSION = "v1.32.0";

  private final Dispatcher store;

  DiscoveryDispatcher(Dispatcher store) {
    this.store = Objects.requireNonNull(store);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return answer(request).orElseGet(() -> store.dispatch(request));
    } catch (RuntimeException e) {
      return status(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError",
          "embedded API server failed on " + request.getMethod() + " " + request.getPath() + ": " + e);
    }
  }

  private Optional<MockResponse> answer(RecordedRequest request) {
    String path = withoutQuery(request.getPath());
    if (request.method() == HttpMethod.POST) {
      // Reading the body consumes it: only read it when the request is ours.
      return AccessReviews.isReview(path)
          ? Optional.of(json(HttpURLConnection.HTTP_CREATED, AccessReviews.answer(path, request.getUtf8Body())))
          : Optional.empty();
    }
    if (request.method() != HttpMethod.GET) {
      return Optional.empty();
    }
    if (path.startsWith("/openapi/")) {
      return Optional.of(status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound",
          "the embedded API server publishes no OpenAPI schema (use kubectl apply --validate=false)"));
    }
    if (path.equals("/version")) {
      return Optional.of(json(HttpURLConnection.HTTP_OK, versionInfo()));
    }
    if (!path.equals("/api") && !path.startsWith("/api/") && !path.equals("/apis") && !path.startsWith("/apis/")) {
      return Optional.empty();
    }
    String[] segments = path.substring(1).split("/");
    if (segments.length > 3) {
      return Optional.empty();
    }
    DiscoveryDocuments documents = DiscoveryDocuments.of(storedCrds(), serverAddress(request));
    Optional<?> document = switch (path) {
      case "/api" -> Optional.of(documents.coreVersions());
      case "/api/v1" -> Optional.of(documents.coreResources());
      case "/apis" -> Optional.of(documents.groups());
      default -> !segments[0].equals("apis") ? Optional.empty()
          : segments.length == 2 ? documents.group(segments[1])
          : documents.resources(segments[1], segments[2]);
    };
    return document.map(d -> json(HttpURLConnection.HTTP_OK, Serialization.asJson(d)));
  }

  /** The CRDs in the store, read through the mock itself: this runs on its event loop, so no HTTP. */
  private List<CustomResourceDefinition> storedCrds() {
    RecordedRequest list = new RecordedRequest("HTTP/1.1", HttpMethod.GET, CRDS_PATH, Headers.builder().build(),
        new Buffer());
    MockResponse response = store.dispatch(list);
    if (response.code() != HttpURLConnection.HTTP_OK || response.getBody() == null) {
      return List.of();
    }
    CustomResourceDefinitionList crds = Serialization.unmarshal(response.getBody().readUtf8(),
        CustomResourceDefinitionList.class);
    return crds.getItems() == null ? List.of() : crds.getItems();
  }

  private static String serverAddress(RecordedRequest request) {
    String host = request.getHeader("Host");
    return host == null || host.isBlank() ? "127.0.0.1" : host;
  }

  private static String versionInfo() {
    com.fasterxml.jackson.databind.node.ObjectNode version = Serialization.jsonMapper().createObjectNode()
        .put("major", "1").put("minor", "32").put("gitVersion", KUBERNETES_VERSION).put("gitCommit", "ctk-embedded")
        .put("gitTreeState", "clean").put("buildDate", "2025-01-01T00:00:00Z").put("goVersion", "none")
        .put("compiler", "none").put("platform", "java/embedded");
    return version.toString();
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody(body);
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(code, Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(code)
        .withReason(reason).withMessage(message).build()));
  }

  @Override
  public void reset() {
    if (store instanceof Resetable resetable) {
      resetable.reset();
    }
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext rdc) {
    if (store instanceof CustomResourceAware aware) {
      aware.expectCustomResource(rdc);
    }
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}
