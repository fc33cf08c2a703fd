package dev.customtasks.crds.admission;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;

/**
 * A validating admission handler: looks at one create, update or delete of the kinds it
 * {@link #handles handles}, with the requesting user, and allows it or refuses it with a message.
 * The same object serves a cluster's {@code ValidatingWebhookConfiguration} (behind an HTTPS
 * endpoint) and the embedded API server's in-process admission chain, so one code path is tested.
 * Types are fabric8's {@code admission.k8s.io/v1} model.
 */
public interface AdmissionHandler {

  /**
   * The webhook's name as a {@code ValidatingWebhookConfiguration} lists it (a DNS name, e.g.
   * {@code decisions.approval.customtasks.dev}); kube-apiserver quotes it in every refusal.
   */
  String name();

  /** Whether writes to {@code resource} (plural) of API group {@code group} ("" for core) come here. */
  boolean handles(String group, String resource);

  /** Allows or refuses {@code request}; never throws for bad input, refuses it instead. */
  AdmissionResponse review(AdmissionRequest request);

  /** Answers a whole {@code AdmissionReview} as a webhook does: the response carries the request's uid. */
  default AdmissionReview answer(AdmissionReview review) {
    AdmissionRequest request = review.getRequest();
    AdmissionResponse response = request == null
        ? refuse(400, "BadRequest", "the AdmissionReview carries no request")
        : review(request);
    response.setUid(request == null ? null : request.getUid());
    return new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1").withKind("AdmissionReview")
        .withResponse(response).build();
  }

  /** An allowing response. */
  static AdmissionResponse allow() {
    return new AdmissionResponseBuilder().withAllowed(true).build();
  }

  /**
   * A refusing response with an HTTP code (kube-apiserver answers the client with it; below 400 it
   * answers 400), a reason (e.g. {@code Forbidden}) and the message people read.
   */
  static AdmissionResponse refuse(int code, String reason, String message) {
    return new AdmissionResponseBuilder().withAllowed(false)
        .withStatus(new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
            .build())
        .build();
  }
}
