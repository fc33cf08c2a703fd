package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index by name answers every lookup as the mock's scan does: the same requests are served by
 * the indexed dispatcher and by fabric8's own, and both are asked the same lookups.
 */
class NameIndexedCrudDispatcherTest {

  private final NameIndexedCrudDispatcher indexed = new NameIndexedCrudDispatcher(List.of());
  private final KubernetesCrudDispatcher plain = new KubernetesCrudDispatcher(List.of());

  @Test
  void findsWhatTheScanFindsAcrossCreatesPatchesAndDeletes() {
    for (String ns : List.of("a", "b")) {
      for (String name : List.of("one", "two", "three")) {
        both(HttpMethod.POST, "/api/v1/namespaces/" + ns + "/configmaps", configMap(ns, name, "v1"));
      }
    }
    both(HttpMethod.PATCH, "/api/v1/namespaces/a/configmaps/two", "{\"data\":{\"k\":\"v2\"}}");
    both(HttpMethod.DELETE, "/api/v1/namespaces/b/configmaps/three", null);
    both(HttpMethod.POST, "/api/v1/namespaces/b/configmaps", configMap("b", "three", "again"));

    for (String path : List.of("/api/v1/namespaces/a/configmaps/one", "/api/v1/namespaces/a/configmaps/two",
        "/api/v1/namespaces/b/configmaps/three", "/api/v1/namespaces/a/configmaps/missing",
        "/api/v1/namespaces/c/configmaps/one", "/api/v1/configmaps/one", "/api/v1/namespaces/a/configmaps")) {
      assertThat(stored(indexed, path)).as(path).isEqualTo(stored(plain, path));
    }
    assertThat(stored(indexed, "/api/v1/namespaces/a/configmaps/two")).contains("\"v2\"");
    assertThat(stored(indexed, "/api/v1/namespaces/b/configmaps/three")).contains("\"again\"");
  }

  @Test
  void aGetByNameAnswersAsTheMocksGet() {
    for (String ns : List.of("a", "b")) {
      for (String name : List.of("one", "two")) {
        both(HttpMethod.POST, "/api/v1/namespaces/" + ns + "/configmaps", configMap(ns, name, ns + name));
      }
    }

    for (String path : List.of("/api/v1/namespaces/a/configmaps/one", "/api/v1/namespaces/b/configmaps/two",
        "/api/v1/namespaces/a/configmaps/missing", "/api/v1/configmaps/one", "/api/v1/namespaces/a/configmaps",
        "/api/v1/namespaces/a/configmaps?labelSelector=x%3Dy")) {
      MockResponse fromIndex = indexed.dispatch(request(HttpMethod.GET, path, null));
      MockResponse fromMock = plain.dispatch(request(HttpMethod.GET, path, null));
      assertThat(fromIndex.code()).as(path).isEqualTo(fromMock.code());
      assertThat(body(fromIndex)).as(path).isEqualTo(body(fromMock));
    }
    assertThat(body(indexed.dispatch(request(HttpMethod.GET, "/api/v1/namespaces/b/configmaps/two", null))))
        .contains("\"btwo\"");
  }

  @Test
  void aDuplicateCreateIsRefusedAsByTheMock() {
    MockResponse first = indexed.dispatch(request(HttpMethod.POST, "/api/v1/namespaces/a/configmaps",
        configMap("a", "one", "v1")));
    MockResponse second = indexed.dispatch(request(HttpMethod.POST, "/api/v1/namespaces/a/configmaps",
        configMap("a", "one", "v1")));

    assertThat(first.code()).isEqualTo(201);
    assertThat(second.code()).isEqualTo(409);
  }

  @Test
  void narrowsOnlyAPlainName() {
    assertThat(NameIndexedCrudDispatcher.exactName(indexed.getKey("/api/v1/namespaces/a/configmaps/one")))
        .isEqualTo("one");
    assertThat(NameIndexedCrudDispatcher.exactName(indexed.getKey("/api/v1/namespaces/a/configmaps"))).isNull();
  }

  @Test
  void resetEmptiesTheIndexToo() {
    indexed.dispatch(request(HttpMethod.POST, "/api/v1/namespaces/a/configmaps", configMap("a", "one", "v1")));
    indexed.reset();

    assertThat(indexed.findResource(indexed.getKey("/api/v1/namespaces/a/configmaps/one"))).isNull();
  }

  private void both(HttpMethod method, String path, String body) {
    MockResponse a = indexed.dispatch(request(method, path, body));
    MockResponse b = plain.dispatch(request(method, path, body));
    assertThat(a.code()).as("%s %s", method, path).isEqualTo(b.code());
  }

  /** The stored object the lookup for {@code path} finds, without the server-set fields that differ. */
  private static String stored(KubernetesCrudDispatcher dispatcher, String path) {
    Map.Entry<AttributeSet, String> found = dispatcher.findResource(dispatcher.getKey(path));
    return found == null ? null : found.getValue().replaceAll("\"(uid|creationTimestamp)\":\"[^\"]*\"", "");
  }

  /** A response's body without the server-set fields that differ between the two dispatchers. */
  private static String body(MockResponse response) {
    return response.getBody() == null ? null : new String(response.getBody().getBytes(), StandardCharsets.UTF_8)
        .replaceAll("\"(uid|creationTimestamp)\":\"[^\"]*\"", "");
  }

  private static String configMap(String namespace, String name, String value) {
    return """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"%s"},"data":{"k":"%s"}}"""
        .formatted(name, namespace, value);
  }

  private static RecordedRequest request(HttpMethod method, String path, String body) {
    Headers headers = Headers.builder().add("Content-Type", method == HttpMethod.PATCH
        ? "application/merge-patch+json" : "application/json").build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }
}
