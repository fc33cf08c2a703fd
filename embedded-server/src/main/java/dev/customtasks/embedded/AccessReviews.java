package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Answers {@code SelfSubjectAccessReview} and {@code SelfSubjectRulesReview} the way a cluster
 * without RBAC would: everything is allowed. The mock would store a review and return it without a
 * status, and JOSDK asks for a rules review before it starts leader election, so without this
 * leader election could not run against the embedded server; {@code kubectl auth can-i} works too.
 */
final class AccessReviews {

  static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private static final String NO_RBAC = "the embedded API server has no RBAC: everything is allowed";

  private AccessReviews() {
  }

  static boolean isReview(String path) {
    return ACCESS_REVIEWS.equals(path) || RULES_REVIEWS.equals(path);
  }

  /** The review POSTed to {@code path} (one of {@link #isReview(String)}), with its status filled in. */
  static String answer(String path, String body) {
    ObjectNode review = parse(body);
    ObjectNode status = review.putObject("status");
    if (ACCESS_REVIEWS.equals(path)) {
      status.put("allowed", true).put("reason", NO_RBAC);
    } else {
      ObjectNode rule = status.putArray("resourceRules").addObject();
      rule.putArray("verbs").add("*");
      rule.putArray("apiGroups").add("*");
      rule.putArray("resources").add("*");
      ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
      nonResource.putArray("verbs").add("*");
      nonResource.putArray("nonResourceURLs").add("*");
      status.put("incomplete", false);
    }
    return review.toString();
  }

  private static ObjectNode parse(String body) {
    try {
      JsonNode node = Serialization.jsonMapper().readTree(body == null || body.isBlank() ? "{}" : body);
      return node instanceof ObjectNode object ? object : Serialization.jsonMapper().createObjectNode();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Serialization.jsonMapper().createObjectNode();
    }
  }
}
