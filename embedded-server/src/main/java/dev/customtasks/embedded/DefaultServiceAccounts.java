package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * Every new namespace gets its {@code default} ServiceAccount, as kube-controller-manager's
 * service account controller gives it within a moment: clients wait for it before they create
 * Pods or runs there (the e2e suite's cluster targets do), and a run's {@code serviceAccountName}
 * defaults to it.
 */
final class DefaultServiceAccounts {

  private static final String NAMESPACES_PATH = "/api/v1/namespaces";

  private DefaultServiceAccounts() {
  }

  /** After {@code request} was answered with {@code response}: creates the new namespace's default ServiceAccount. */
  static void afterWrite(RecordedRequest request, MockResponse response, MockStore store) {
    if (request.method() != HttpMethod.POST || !NAMESPACES_PATH.equals(Responses.pathWithoutQuery(request))
        || response.code() != HttpURLConnection.HTTP_CREATED) {
      return;
    }
    String namespace;
    try {
      JsonNode created = Serialization.jsonMapper().readTree(Responses.body(response));
      namespace = created.path("metadata").path("name").asText("");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return;
    }
    if (namespace.isEmpty()) {
      return;
    }
    String account = "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"default\","
        + "\"namespace\":" + Serialization.asJson(namespace) + "}}";
    store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST,
        NAMESPACES_PATH + "/" + namespace + "/serviceaccounts",
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(account.getBytes(StandardCharsets.UTF_8))));
  }
}
