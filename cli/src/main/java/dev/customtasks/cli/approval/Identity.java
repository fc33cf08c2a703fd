package dev.customtasks.cli.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Who decides: {@code --as}/{@code --as-group} impersonate, as kubectl's flags do (the embedded
 * server and a cluster both honour them; a cluster checks the caller may impersonate); without
 * them, the identity the API server sees, asked through a SelfSubjectReview.
 */
public final class Identity {

  /** The administrator the embedded API server sees when no one is impersonated. */
  static final String EMBEDDED_ADMIN = "system:admin";

  @Option(names = "--as", paramLabel = "USER", description = "Decide as USER (impersonation, like kubectl --as).")
  String as;

  @Option(names = "--as-group", paramLabel = "GROUP",
      description = "A group USER holds (repeatable, like kubectl --as-group).")
  List<String> asGroups = new ArrayList<>();

  /** A client that speaks as the chosen identity. */
  KubernetesClient client(KubernetesClient base) {
    if (as == null) {
      return base;
    }
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(base.getConfiguration())
        .withImpersonateUsername(as).withImpersonateGroups(asGroups.toArray(String[]::new)).build()).build();
  }

  boolean impersonating() {
    return as != null;
  }

  /** The user name and groups the API server will see. */
  User who(KubernetesClient client) {
    if (as != null) {
      return new User(as, List.copyOf(asGroups));
    }
    try {
      String answer = client.raw("/apis/authentication.k8s.io/v1/selfsubjectreviews", "POST",
          "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
      JsonNode user = Serialization.jsonMapper().readTree(Optional.ofNullable(answer).orElse("{}"))
          .path("status").path("userInfo");
      if (user.hasNonNull("username")) {
        List<String> groups = new ArrayList<>();
        user.path("groups").forEach(g -> groups.add(g.asText()));
        return new User(user.get("username").asText(), groups);
      }
    } catch (Exception e) {
      // An API server without SelfSubjectReview (the embedded one): its caller is the admin.
    }
    return new User(EMBEDDED_ADMIN, List.of("system:masters", "system:authenticated"));
  }

  /** A user and the groups they hold. */
  record User(String name, List<String> groups) {
  }
}
