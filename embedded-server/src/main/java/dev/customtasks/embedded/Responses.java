package dev.customtasks.embedded;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/** Responses and request details shared by the parts of the {@link FrontDispatcher}. */
final class Responses {

  private Responses() {
  }

  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  /** A Kubernetes {@code Status} failure, which kubectl prints as "Error from server (REASON): MESSAGE". */
  static MockResponse failure(int code, String reason, String message) {
    return json(code, Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(code)
        .withReason(reason).withMessage(message).build()));
  }

  /**
   * {@code response} saying that its body is JSON where the mock left that unsaid: without it,
   * client-go decodes the body as the content type it asked for, which for kubectl's typed clients
   * is protobuf, and fails (so {@code kubectl describe} saw no Events).
   */
  static MockResponse typed(MockResponse response) {
    if (response.header("Content-Type") == null && !body(response).isEmpty()) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  static String pathWithoutQuery(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** The body as text, without consuming it (the store reads it again). */
  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  static String body(MockResponse response) {
    return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }
}
