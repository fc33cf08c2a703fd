package dev.customtasks.approval.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.webhook.WebhookServer;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.webhook.admission.AdmissionController;
import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The decision webhook: one {@link AdmissionHandler} served as a validating webhook on
 * {@value #PATH}, through JOSDK's admission framework ({@code AdmissionController},
 * {@code io.javaoperatorsdk:kubernetes-webhooks-framework-core}), which has no HTTP server of its
 * own; core-crds' {@link WebhookServer} carries it over HTTPS, with {@code GET /healthz}, as it
 * carries the PipelineRun controller's conversion webhook. The handler is the same object the
 * embedded server's admission chain calls in-process.
 */
public final class DecisionWebhook {

  public static final String PATH = "/validate";

  private DecisionWebhook() {
  }

  /**
   * Starts serving {@code handler} on {@code port} (0 for any free one) with {@code tls} (see
   * {@link WebhookServer#tls}).
   */
  public static WebhookServer start(int port, SSLContext tls, AdmissionHandler handler) throws IOException {
    return WebhookServer.start(port, tls, Map.of(PATH, review(handler)));
  }

  /** AdmissionReview JSON in, AdmissionReview JSON out; a body that is no review is refused (400). */
  static UnaryOperator<JsonNode> review(AdmissionHandler handler) {
    AdmissionController<?> controller = new AdmissionController<>(handler::review);
    return json -> {
      AdmissionReview review;
      try {
        review = Serialization.jsonMapper().treeToValue(json, AdmissionReview.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("not an AdmissionReview: " + e.getOriginalMessage(), e);
      }
      // A review without a request gets the handler's own refusal; the framework expects one.
      AdmissionReview answer = review.getRequest() == null ? handler.answer(review) : controller.handle(review);
      return Serialization.jsonMapper().valueToTree(answer);
    };
  }
}
