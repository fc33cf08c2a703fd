package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.admission.ObjectReads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.GroupVersionResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.authentication.UserInfoBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal validating admission chain: every create, update (PUT or PATCH) and delete of a
 * resource some registered {@link AdmissionHandler} handles goes to it first, with the user taken
 * from Kubernetes' impersonation headers ({@code Impersonate-User}, {@code Impersonate-Group},
 * what {@code kubectl --as alice --as-group release-managers} sends) or, without them, an admin
 * ({@code system:admin} in {@code system:masters}). A refusal answers as kube-apiserver does:
 * {@code admission webhook "NAME" denied the request: MESSAGE}, with the handler's code (at least
 * 400) and reason. Subresource writes ({@code /status}) are not reviewed, as a webhook whose
 * rules name only the resource does not see them.
 *
 * <p>Differs from a cluster: an update by PATCH is reviewed with the stored object as
 * {@code oldObject} and, for a JSON merge patch or JSON patch, the patched object as {@code object}
 * (other patches come with no {@code object}); a handler's reads come from the store in-process
 * ({@link #reads}).
 */
final class Admission {

  /** {@code /api/v1/...} or {@code /apis/GROUP/VERSION/...}, optionally namespaced, then resource, name, subresource. */
  private static final Pattern PATH = Pattern.compile(
      "^/(?:api/(?<coreVersion>[^/]+)|apis/(?<group>[^/]+)/(?<version>[^/]+))(?:/namespaces/(?<namespace>[^/]+))?"
          + "/(?<resource>[^/]+)(?:/(?<name>[^/]+))?(?:/(?<sub>[^/]+))?/?$");
  static final String ADMIN = "system:admin";

  private final List<AdmissionHandler> handlers = new CopyOnWriteArrayList<>();
  private final MockStore store;

  Admission(MockStore store) {
    this.store = store;
  }

  void register(AdmissionHandler handler) {
    handlers.add(handler);
  }

  /** Removes every handler named {@code name}; true when there was one. */
  boolean unregister(String name) {
    return handlers.removeIf(h -> h.name().equals(name));
  }

  /** Reads a handler makes, answered from the store without HTTP. */
  ObjectReads reads() {
    return new ObjectReads() {
      @Override
      public Optional<GenericKubernetesResource> get(String group, String version, String plural, String namespace,
          String name) {
        return store.get(base(group, version) + "/namespaces/" + namespace + "/" + plural + "/" + name)
            .map(n -> Serialization.jsonMapper().convertValue(n, GenericKubernetesResource.class));
      }

      @Override
      public List<GenericKubernetesResource> list(String group, String version, String plural, String namespace) {
        List<GenericKubernetesResource> items = new ArrayList<>();
        store.get(base(group, version) + "/namespaces/" + namespace + "/" + plural)
            .ifPresent(l -> l.path("items").forEach(i -> items.add(Serialization.jsonMapper()
                .convertValue(i, GenericKubernetesResource.class))));
        return items;
      }
    };
  }

  private static String base(String group, String version) {
    return group == null || group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** The refusal to answer {@code request} with, if a handler refuses it. */
  Optional<MockResponse> check(RecordedRequest request) {
    if (handlers.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PATH.matcher(Responses.pathWithoutQuery(request));
    if (!m.matches() || m.group("sub") != null) {
      return Optional.empty();
    }
    String group = Optional.ofNullable(m.group("group")).orElse("");
    String version = Optional.ofNullable(m.group("version")).orElse(m.group("coreVersion"));
    String resource = m.group("resource");
    String operation = switch (request.method()) {
      case POST -> "CREATE";
      case PUT, PATCH -> "UPDATE";
      case DELETE -> "DELETE";
      default -> null;
    };
    if (operation == null) {
      return Optional.empty();
    }
    for (AdmissionHandler handler : handlers) {
      if (!handler.handles(group, resource)) {
        continue;
      }
      AdmissionResponse response = handler.review(review(request, operation, group, version, m));
      if (!Boolean.TRUE.equals(response.getAllowed())) {
        return Optional.of(refusal(handler.name(), response.getStatus()));
      }
    }
    return Optional.empty();
  }

  private AdmissionRequest review(RecordedRequest request, String operation, String group, String version, Matcher m) {
    String impersonated = request.getHeader("Impersonate-User");
    List<String> groups = new ArrayList<>();
    String user;
    if (impersonated == null || impersonated.isBlank()) {
      user = ADMIN;
      groups.add("system:masters");
    } else {
      user = impersonated;
      groups.addAll(Optional.ofNullable(request.getHeaders().headers("Impersonate-Group")).orElse(List.of()));
    }
    // kube-apiserver adds this group to every authenticated user, impersonated ones too.
    if (!groups.contains("system:authenticated")) {
      groups.add("system:authenticated");
    }
    Object object = null;
    if ("CREATE".equals(operation) || "PUT".equals(request.getMethod())) {
      object = parse(Responses.body(request)).orElse(null);
    }
    String name = m.group("name");
    if (name == null && object instanceof GenericKubernetesResource r && r.getMetadata() != null) {
      name = r.getMetadata().getName();
    }
    Object old = null;
    if (!"CREATE".equals(operation) && m.group("name") != null) {
      Optional<JsonNode> stored = store.get(Responses.pathWithoutQuery(request));
      old = stored.map(n -> Serialization.jsonMapper().convertValue(n, GenericKubernetesResource.class)).orElse(null);
      if (request.method() == io.fabric8.mockwebserver.dsl.HttpMethod.PATCH && stored.isPresent()) {
        object = patched(stored.get(), request).orElse(null);
      }
    }
    String kind = object instanceof GenericKubernetesResource r ? r.getKind()
        : old instanceof GenericKubernetesResource r ? r.getKind() : null;
    return new AdmissionRequestBuilder().withUid(UUID.randomUUID().toString())
        .withKind(new GroupVersionKind(group, kind, version))
        .withResource(new GroupVersionResource(group, m.group("resource"), version))
        .withNamespace(m.group("namespace")).withName(name).withOperation(operation)
        .withUserInfo(new UserInfoBuilder().withUsername(user).withGroups(groups).build())
        .withObject((io.fabric8.kubernetes.api.model.KubernetesResource) object)
        .withOldObject((io.fabric8.kubernetes.api.model.KubernetesResource) old)
        .withDryRun(false)
        .build();
  }

  /** The object as a JSON merge patch or JSON patch would leave it; empty for other patches or a bad one. */
  private static Optional<GenericKubernetesResource> patched(JsonNode stored, RecordedRequest request) {
    return Patches.applied(stored, request).filter(JsonNode::isObject)
        .map(result -> Serialization.jsonMapper().convertValue(result, GenericKubernetesResource.class));
  }

  private static Optional<GenericKubernetesResource> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = Serialization.jsonMapper().readTree(body);
      return Optional.of(Serialization.jsonMapper().convertValue(node, GenericKubernetesResource.class));
    } catch (Exception e) {
      try {
        return Optional.of(Serialization.unmarshal(body, GenericKubernetesResource.class));
      } catch (RuntimeException yamlToo) {
        return Optional.empty();
      }
    }
  }

  /** As kube-apiserver turns a webhook's refusal into the client's error (at least 400, the webhook named). */
  private static MockResponse refusal(String webhook, Status status) {
    int code = status == null || status.getCode() == null || status.getCode() < 400 ? 400 : status.getCode();
    String denied = "admission webhook \"" + webhook + "\" denied the request";
    String message = status != null && status.getMessage() != null && !status.getMessage().isBlank()
        ? denied + ": " + status.getMessage()
        : status != null && status.getReason() != null ? denied + ": " + status.getReason() : denied + " without explanation";
    String reason = status == null || status.getReason() == null ? "BadRequest" : status.getReason();
    return Responses.failure(code, reason, message);
  }
}
