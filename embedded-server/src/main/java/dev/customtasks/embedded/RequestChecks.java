package dev.customtasks.embedded;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What kube-apiserver checks of a write before anything else, and the mock does not: that the body
 * is a JSON (or YAML) object nested no deeper than {@value #MAX_DEPTH} levels (else 400
 * {@code BadRequest}, where the mock failed with 500), and that a created object's name is a
 * DNS-1123 subdomain (a namespace's a DNS-1123 label), and that the labels of an object created,
 * replaced (PUT) or patched (JSON merge patch or JSON patch, checked on the object the patch would
 * leave) are valid label keys and values and its annotations' keys valid names within 256 KiB in
 * all (else 422 {@code Invalid}, with kube-apiserver's message), so that a file or an edit the
 * embedded server accepts is one a cluster accepts. Follows
 * {@code k8s.io/apimachinery/pkg/util/validation} and {@code .../api/validation/objectmeta.go}.
 */
final class RequestChecks {

  /** Deepest nesting of a body; kube-apiserver's decoder refuses deeper documents too. */
  static final int MAX_DEPTH = 1000;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern SUBDOMAIN = Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
  private static final Pattern LABEL = Pattern.compile(DNS1123_LABEL);
  private static final String QUALIFIED_NAME_REGEX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_REGEX);
  private static final String LABEL_VALUE_REGEX = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_REGEX);

  private RequestChecks() {
  }

  /** kube-apiserver's {@code TotalAnnotationSizeLimitB}: keys and values together, in bytes. */
  static final int MAX_ANNOTATIONS_SIZE = 256 * 1024;

  /**
   * The refusal of {@code request}, if its body or the object in it (for a patch, the object the
   * patch would leave of the one in {@code store}) is not one kube-apiserver accepts.
   */
  static Optional<MockResponse> refusal(RecordedRequest request, MockStore store) {
    HttpMethod method = request.method();
    if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
      return Optional.empty();
    }
    String type = String.valueOf(request.getHeader("Content-Type"));
    if (type.contains("protobuf") || type.contains("cbor")) {
      // Binary bodies get their own answer from the front dispatcher, saying what to use instead.
      return Optional.empty();
    }
    String body = Responses.body(request);
    if (body.isBlank()) {
      return Optional.empty();
    }
    Optional<JsonNode> object;
    try {
      object = Optional.of(JSON.readTree(body));
    } catch (JsonProcessingException e) {
      if (tooDeep(e) || method == HttpMethod.PATCH) {
        return Optional.of(badRequest(e));
      }
      object = yaml(body);
      if (object.isEmpty()) {
        return Optional.of(badRequest(e));
      }
    }
    if (Responses.pathWithoutQuery(request).endsWith("/status")) {
      // A status write keeps the stored metadata whatever its body says (a CRD's status strategy).
      return Optional.empty();
    }
    if (method == HttpMethod.PATCH) {
      return touchesMetadata(object.get()) ? patched(request, store).flatMap(o -> invalidObject(o, request))
          : Optional.empty();
    }
    if (!object.get().isObject()) {
      return Optional.empty();
    }
    return invalidObject(object.get(), request);
  }

  /** Whether a merge patch (an object) or JSON patch (an array of operations) may change metadata. */
  private static boolean touchesMetadata(JsonNode patch) {
    if (patch.isObject()) {
      return patch.has("metadata");
    }
    for (JsonNode operation : patch) {
      String target = operation.path("path").asText("");
      if (target.isEmpty() || target.startsWith("/metadata") || operation.path("from").asText("")
          .startsWith("/metadata")) {
        return true;
      }
    }
    return false;
  }

  /** The object a patch would leave; empty when there is none stored or the patch cannot apply. */
  private static Optional<JsonNode> patched(RecordedRequest request, MockStore store) {
    return store.get(Responses.pathWithoutQuery(request)).flatMap(stored -> Patches.applied(stored, request))
        .filter(JsonNode::isObject);
  }

  /** A YAML body as a JSON tree; empty when it is not YAML or not an object. */
  static Optional<JsonNode> yaml(String body) {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_DEPTH);
    try {
      Object loaded = new Yaml(options).load(body);
      return loaded instanceof Map<?, ?> map ? Optional.of(JSON.valueToTree(map)) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean tooDeep(JsonProcessingException e) {
    return String.valueOf(e.getOriginalMessage()).contains("nesting depth");
  }

  private static MockResponse badRequest(JsonProcessingException e) {
    String why = tooDeep(e) ? "it is nested more than " + MAX_DEPTH + " levels deep"
        : "it is not JSON: " + e.getOriginalMessage();
    return Responses.failure(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "the request body cannot be read: "
        + why);
  }

  private static Optional<MockResponse> invalidObject(JsonNode object, RecordedRequest request) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    String kind = object.path("kind").asText("");
    String group = object.path("apiVersion").asText("").contains("/")
        ? object.path("apiVersion").asText().substring(0, object.path("apiVersion").asText().indexOf('/')) : "";
    String what = (group.isEmpty() ? kind : kind + "." + group) + " \"" + name + "\" is invalid: ";
    if (request.method() == HttpMethod.POST && !name.isEmpty()) {
      boolean namespace = "Namespace".equals(kind) && group.isEmpty();
      Optional<String> problem = namespace ? labelProblem(name) : subdomainProblem(name);
      if (problem.isPresent()) {
        return Optional.of(invalid(what + "metadata.name: Invalid value: \"" + name + "\": " + problem.get()));
      }
    }
    JsonNode labels = metadata.path("labels");
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      Optional<String> keyProblem = labelKeyProblem(label.getKey());
      if (keyProblem.isPresent()) {
        return Optional.of(invalid(what + "metadata.labels: Invalid value: \"" + label.getKey() + "\": "
            + keyProblem.get()));
      }
      String value = label.getValue().asText("");
      Optional<String> valueProblem = labelValueProblem(value);
      if (valueProblem.isPresent()) {
        return Optional.of(invalid(what + "metadata.labels: Invalid value: \"" + value + "\": " + valueProblem.get()));
      }
    }
    long annotationsSize = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("annotations").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      // As kube-apiserver: the key is checked lower-cased, so upper case letters are allowed.
      Optional<String> keyProblem = labelKeyProblem(annotation.getKey().toLowerCase(java.util.Locale.ROOT));
      if (keyProblem.isPresent()) {
        return Optional.of(invalid(what + "metadata.annotations: Invalid value: \"" + annotation.getKey() + "\": "
            + keyProblem.get()));
      }
      annotationsSize += utf8Length(annotation.getKey()) + utf8Length(annotation.getValue().asText(""));
    }
    if (annotationsSize > MAX_ANNOTATIONS_SIZE) {
      return Optional.of(invalid(what + "metadata.annotations: Too long: may not be more than " + MAX_ANNOTATIONS_SIZE
          + " bytes"));
    }
    return Optional.empty();
  }

  private static long utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** kube-apiserver's {@code IsDNS1123Subdomain} message, or empty for a valid name. */
  static Optional<String> subdomainProblem(String name) {
    if (name.length() > 253) {
      return Optional.of("must be no more than 253 characters");
    }
    return SUBDOMAIN.matcher(name).matches() ? Optional.empty() : Optional.of("a lowercase RFC 1123 subdomain must "
        + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
        + "character (e.g. 'example.com', regex used for validation is '" + SUBDOMAIN.pattern() + "')");
  }

  /** kube-apiserver's {@code IsDNS1123Label} message, or empty for a valid name. */
  static Optional<String> labelProblem(String name) {
    if (name.length() > 63) {
      return Optional.of("must be no more than 63 characters");
    }
    return LABEL.matcher(name).matches() ? Optional.empty() : Optional.of("a lowercase RFC 1123 label must consist "
        + "of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
        + "(e.g. 'my-name',  or '123-abc', regex used for validation is '" + DNS1123_LABEL + "')");
  }

  /** kube-apiserver's {@code IsQualifiedName} for a label key: an optional DNS subdomain prefix, a slash, a name. */
  static Optional<String> labelKeyProblem(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty()) {
        return Optional.of("prefix part must be non-empty");
      }
      Optional<String> prefixProblem = subdomainProblem(prefix);
      if (prefixProblem.isPresent()) {
        return prefixProblem.map(p -> "prefix part " + p);
      }
    }
    if (name.isEmpty()) {
      return Optional.of("name part must be non-empty");
    }
    if (name.length() > 63) {
      return Optional.of("name part must be no more than 63 characters");
    }
    return QUALIFIED_NAME.matcher(name).matches() ? Optional.empty() : Optional.of("name part must consist of "
        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
        + "'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QUALIFIED_NAME_REGEX + "')");
  }

  /** kube-apiserver's {@code IsValidLabelValue} message, or empty for a valid value. */
  static Optional<String> labelValueProblem(String value) {
    if (value.length() > 63) {
      return Optional.of("must be no more than 63 characters");
    }
    return LABEL_VALUE.matcher(value).matches() ? Optional.empty() : Optional.of("a valid label must be an empty "
        + "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '"
        + LABEL_VALUE_REGEX + "')");
  }

  private static MockResponse invalid(String message) {
    return Responses.failure(422, "Invalid", message);
  }
}
