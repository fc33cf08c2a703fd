package dev.customtasks.crds.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import org.junit.jupiter.api.Test;

class AdmissionHandlerTest {

  private final AdmissionHandler onlyAlice = new AdmissionHandler() {
    public String name() {
      return "only-alice.example.dev";
    }

    public boolean handles(String group, String resource) {
      return "example.dev".equals(group) && "things".equals(resource);
    }

    public AdmissionResponse review(AdmissionRequest request) {
      return "alice".equals(request.getUserInfo().getUsername()) ? AdmissionHandler.allow()
          : AdmissionHandler.refuse(403, "Forbidden", "only alice may");
    }
  };

  private static AdmissionReview review(String uid, String user) {
    return new AdmissionReviewBuilder().withNewRequest().withUid(uid).withOperation("CREATE")
        .withNewUserInfo().withUsername(user).endUserInfo().endRequest().build();
  }

  @Test
  void theAnswerCarriesTheRequestsUidAndTheVerdict() {
    AdmissionReview allowed = onlyAlice.answer(review("u1", "alice"));
    assertThat(allowed.getApiVersion()).isEqualTo("admission.k8s.io/v1");
    assertThat(allowed.getResponse().getUid()).isEqualTo("u1");
    assertThat(allowed.getResponse().getAllowed()).isTrue();

    AdmissionReview refused = onlyAlice.answer(review("u2", "bob"));
    assertThat(refused.getResponse().getUid()).isEqualTo("u2");
    assertThat(refused.getResponse().getAllowed()).isFalse();
    assertThat(refused.getResponse().getStatus().getCode()).isEqualTo(403);
    assertThat(refused.getResponse().getStatus().getMessage()).isEqualTo("only alice may");
  }

  @Test
  void aReviewWithoutRequestIsRefused() {
    AdmissionReview refused = onlyAlice.answer(new AdmissionReview());
    assertThat(refused.getResponse().getAllowed()).isFalse();
    assertThat(refused.getResponse().getStatus().getCode()).isEqualTo(400);
  }
}
