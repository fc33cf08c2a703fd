package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * The mock's CRUD dispatcher, and reads from it without HTTP: the front dispatcher runs on the
 * server's event loop, where a request to the server itself could wait on the loop it blocks.
 */
final class MockStore {

  private final Dispatcher dispatcher;

  MockStore(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  MockResponse dispatch(RecordedRequest request) {
    return dispatcher.dispatch(request);
  }

  /** The object or list at {@code path}, empty when the store answers anything but 200. */
  Optional<JsonNode> get(String path) {
    RecordedRequest get = new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(),
        new Buffer());
    MockResponse response = dispatcher.dispatch(get);
    if (response.code() != HttpURLConnection.HTTP_OK) {
      return Optional.empty();
    }
    try {
      return Optional.of(Serialization.jsonMapper().readTree(Responses.body(response)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
