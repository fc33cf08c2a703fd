package dev.customtasks.crds.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers a Kubernetes {@code apiextensions.k8s.io/v1 ConversionReview}, as a CRD's conversion
 * webhook does: every object of {@code request.objects} converted to {@code
 * request.desiredAPIVersion} with {@link TektonConversion}, in order, in {@code
 * response.convertedObjects}, and {@code response.result.status: Success}; or, when one object
 * cannot be converted, {@code result.status: Failure} with the reason in {@code result.message} and
 * no objects (kube-apiserver then fails the request with that message).
 */
public final class ConversionReviews {

  private ConversionReviews() {
  }

  /**
   * The review with its {@code response}.
   *
   * @throws IllegalArgumentException when {@code review} has no {@code request} object
   */
  public static ObjectNode answer(JsonNode review) {
    JsonNode request = review == null ? null : review.get("request");
    if (request == null || !request.isObject()) {
      throw new IllegalArgumentException("not a ConversionReview: no request");
    }
    ObjectNode answer = TektonConversion.mapper().createObjectNode();
    answer.put("apiVersion", review.path("apiVersion").asText("apiextensions.k8s.io/v1"));
    answer.put("kind", "ConversionReview");
    ObjectNode response = answer.putObject("response");
    response.put("uid", request.path("uid").asText());
    String desired = request.path("desiredAPIVersion").asText();
    ArrayNode converted = Json.array();
    try {
      for (JsonNode object : request.path("objects")) {
        converted.add(TektonConversion.convert(object, desired));
      }
    } catch (ConversionException e) {
      response.putObject("result").put("status", "Failure").put("message", e.getMessage());
      return answer;
    }
    response.set("convertedObjects", converted);
    response.putObject("result").put("status", "Success");
    return answer;
  }
}
