package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A CRD is established at once, as kube-apiserver's establishing controller does within a
 * moment: a create or update of a CustomResourceDefinition is stored with status conditions
 * {@code NamesAccepted=True} ({@code NoConflicts}) and {@code Established=True}
 * ({@code InitialNamesAccepted}), {@code acceptedNames} equal to the spec's names and
 * {@code storedVersions} naming the storage version, so clients that wait for
 * {@code Established} (fabric8's {@code waitUntilCondition}, {@code kubectl wait
 * --for=condition=Established}) go on. Names never conflict here, since the mock keeps no other
 * claim on them.
 */
final class CrdConditions {

  static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private CrdConditions() {
  }

  /** {@code request} with the CRD in its body established, or {@code request} itself when it writes no CRD. */
  static RecordedRequest established(RecordedRequest request, Clock clock) {
    String path = Responses.pathWithoutQuery(request);
    boolean create = request.method() == HttpMethod.POST && path.equals(CRDS_PATH);
    boolean replace = request.method() == HttpMethod.PUT && path.startsWith(CRDS_PATH + "/")
        && path.indexOf('/', CRDS_PATH.length() + 1) < 0;
    if (!create && !replace) {
      return request;
    }
    JsonNode crd;
    try {
      crd = Serialization.jsonMapper().readTree(Serialization.asJson(Serialization.unmarshal(Responses.body(request),
          Object.class)));
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return request; // Not a readable CRD: the store answers it as it would any bad body.
    }
    if (!(crd instanceof ObjectNode object) || !(crd.path("spec") instanceof ObjectNode spec)) {
      return request;
    }
    ObjectNode status = object.putObject("status");
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    ArrayNode conditions = status.putArray("conditions");
    conditions.add(condition("NamesAccepted", "NoConflicts", "no conflicts found", now));
    conditions.add(condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now));
    status.set("acceptedNames", spec.path("names").deepCopy());
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode version : spec.path("versions")) {
      if (version.path("storage").asBoolean(false)) {
        stored.add(version.path("name").asText());
      }
    }
    byte[] body = object.toString().getBytes(StandardCharsets.UTF_8);
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
        new Buffer(body));
  }

  private static ObjectNode condition(String type, String reason, String message, String now) {
    ObjectNode condition = JsonNodeFactory.instance.objectNode();
    condition.put("type", type).put("status", "True").put("lastTransitionTime", now).put("reason", reason)
        .put("message", message);
    return condition;
  }
}
