package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@code GET /version}, the legacy discovery paths and {@code /openapi/*}. Discovery is
 * served as plain {@code application/json}: kubectl asks for aggregated discovery first, and that
 * content type tells it to fall back to one request per group version. OpenAPI is a 404, so
 * kubectl skips schema lookups ({@code apply} then needs {@code --validate=false}).
 */
final class Discovery {

  /** Reported so that kubectl's version-skew check stays quiet; the mock implements no particular release. */
  static final String KUBERNETES_VERSION = "v1.32.0";

  private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final MockStore store;

  Discovery(MockStore store) {
    this.store = store;
  }

  /** The answer to a GET of {@code path}, empty when the path is none of discovery's. */
  Optional<MockResponse> answer(String path, RecordedRequest request) {
    if (path.startsWith("/openapi/")) {
      return Optional.of(Responses.failure(HttpURLConnection.HTTP_NOT_FOUND, "NotFound",
          "the embedded API server publishes no OpenAPI schema (use kubectl apply --validate=false)"));
    }
    if (path.equals("/version")) {
      return Optional.of(Responses.json(HttpURLConnection.HTTP_OK, versionInfo()));
    }
    String[] segments = path.substring(1).split("/");
    boolean core = segments[0].equals("api") && segments.length <= 2;
    boolean groups = segments[0].equals("apis") && segments.length <= 3;
    if (!core && !groups) {
      return Optional.empty();
    }
    DiscoveryDocuments documents = DiscoveryDocuments.of(storedCrds(), serverAddress(request));
    Optional<?> document = switch (path) {
      case "/api" -> Optional.of(documents.coreVersions());
      case "/api/v1" -> Optional.of(documents.coreResources());
      case "/apis" -> Optional.of(documents.groups());
      default -> !groups ? Optional.empty()
          : segments.length == 2 ? documents.group(segments[1])
          : documents.resources(segments[1], segments[2]);
    };
    // A group version we do not know goes on to the mock, which answers those registered with
    // KubernetesMockServer.expectCustomResource.
    return document.map(d -> Responses.json(HttpURLConnection.HTTP_OK, Serialization.asJson(d)));
  }

  /** The CRDs in the store now. */
  List<CustomResourceDefinition> storedCrds() {
    Optional<JsonNode> list = store.get(CRDS_PATH);
    if (list.isEmpty()) {
      return List.of();
    }
    List<CustomResourceDefinition> items = Serialization.jsonMapper()
        .convertValue(list.get(), CustomResourceDefinitionList.class).getItems();
    return items == null ? List.of() : items;
  }

  private static String serverAddress(RecordedRequest request) {
    String host = request.getHeader("Host");
    return host == null || host.isBlank() ? "127.0.0.1" : host;
  }

  private static String versionInfo() {
    return Serialization.jsonMapper().createObjectNode()
        .put("major", "1").put("minor", "32").put("gitVersion", KUBERNETES_VERSION).put("gitCommit", "ctk-embedded")
        .put("gitTreeState", "clean").put("buildDate", "2025-01-01T00:00:00Z").put("goVersion", "none")
        .put("compiler", "none").put("platform", "java/embedded").toString();
  }
}
