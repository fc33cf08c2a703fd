package dev.customtasks.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A create (POST to a collection) as kube-apiserver answers it, where the mock does not:
 * <ul>
 *   <li>{@code metadata.generateName} gives the prefix plus five random characters of Kubernetes'
 *       alphabet ({@code bcdfghjklmnpqrstvwxz2456789}, apimachinery's {@code util/rand.String}; the
 *       prefix cut to 58 characters, as {@code names.SimpleNameGenerator} does), not the mock's
 *       {@code <prefix>-<UUID>}; a name already taken is drawn again, up to 8 times, as
 *       kube-apiserver retries a generated name.</li>
 *   <li>A name that exists gives 409 {@code AlreadyExists} with Kubernetes' message, which kubectl
 *       prints as {@code Error from server (AlreadyExists): tasks.tekton.dev "build" already
 *       exists}, not the mock's reason {@code Invalid}.</li>
 * </ul>
 */
final class Creates {

  /** apimachinery's util/rand alphabet: no vowels, no digits that look like letters, so no words. */
  static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  static final int RANDOM_LENGTH = 5;
  /** A generated name fits a 63-character DNS label: the prefix keeps at most 58 characters. */
  static final int MAX_PREFIX = 63 - RANDOM_LENGTH;
  private static final int ATTEMPTS = 8;

  private final MockStore store;
  private final RandomGenerator random;

  Creates(MockStore store) {
    this(store, new SecureRandom());
  }

  Creates(MockStore store, RandomGenerator random) {
    this.store = store;
    this.random = random;
  }

  /** {@code prefix} plus five random characters of {@link #ALPHABET}. */
  static String generateName(String prefix, RandomGenerator random) {
    StringBuilder name = new StringBuilder(prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }

  /**
   * The answer to {@code request}: a create goes to {@code store} with a name drawn from its
   * {@code generateName} when it has none, and a 409 comes back as {@code AlreadyExists}; anything
   * else (other methods, a body that is no JSON object) goes to {@code store} unchanged.
   */
  MockResponse create(RecordedRequest request, Function<RecordedRequest, MockResponse> store) {
    String path = Responses.pathWithoutQuery(request);
    // A collection: /api/v1/[namespaces/NS/]PLURAL or /apis/GROUP/VERSION/[namespaces/NS/]PLURAL.
    ResourcePath resource = ResourcePath.parse(path);
    boolean collection = resource.isResource() && !resource.named();
    Optional<ObjectNode> object = "POST".equals(request.getMethod()) && collection
        ? object(Responses.body(request)) : Optional.empty();
    if (object.isEmpty() || !(object.get().get("metadata") instanceof ObjectNode metadata)) {
      return store.apply(request);
    }
    RecordedRequest named = request;
    if (metadata.path("name").asText("").isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
      metadata.put("name", freeName(path, metadata.get("generateName").asText()));
      named = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
          new Buffer(object.get().toString().getBytes(StandardCharsets.UTF_8)));
    }
    MockResponse response = store.apply(named);
    String name = metadata.path("name").asText("");
    if (response.code() != HttpURLConnection.HTTP_CONFLICT || name.isEmpty()) {
      return response;
    }
    String group = resource.group();
    String plural = resource.plural();
    String qualified = group.isEmpty() ? plural : plural + "." + group;
    return Responses.json(HttpURLConnection.HTTP_CONFLICT, Serialization.asJson(new StatusBuilder()
        .withStatus("Failure").withCode(HttpURLConnection.HTTP_CONFLICT).withReason("AlreadyExists")
        .withMessage(qualified + " \"" + name + "\" already exists")
        .withDetails(new StatusDetailsBuilder().withName(name).withGroup(group).withKind(plural).build())
        .build()));
  }

  private String freeName(String collectionPath, String prefix) {
    String name = generateName(prefix, random);
    for (int attempt = 1; attempt < ATTEMPTS && this.store.get(collectionPath + "/" + name).isPresent(); attempt++) {
      name = generateName(prefix, random);
    }
    return name;
  }

  private static Optional<ObjectNode> object(String body) {
    try {
      JsonNode parsed = Serialization.jsonMapper().readTree(body);
      return parsed instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
