package dev.customtasks.pipelinerun.webhook;

import dev.customtasks.crds.conversion.ConversionReviews;
import dev.customtasks.crds.webhook.WebhookServer;
import java.io.IOException;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The conversion webhook of the Tekton CRDs in {@code deploy/}: kube-apiserver posts a
 * {@code ConversionReview} to {@value #PATH} whenever a client reads or writes a Pipeline,
 * PipelineRun, Task or TaskRun in the version that is not stored ({@code tekton.dev/v1beta1}), and
 * core-crds' {@link ConversionReviews} answers it, the conversion the embedded API server runs too.
 */
public final class ConversionWebhook {

  /** Where the CRDs' {@code spec.conversion.webhook.clientConfig.service.path} points. */
  public static final String PATH = "/convert";

  private ConversionWebhook() {
  }

  /** Serves the webhook over HTTPS on {@code port} (0 for any free one) until the server is closed. */
  public static WebhookServer start(int port, SSLContext tls) throws IOException {
    return WebhookServer.start(port, tls, Map.of(PATH, ConversionReviews::answer));
  }
}
