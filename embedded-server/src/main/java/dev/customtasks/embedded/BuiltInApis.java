package dev.customtasks.embedded;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import java.util.List;

/**
 * The built-in kinds the embedded server advertises in discovery. The mock stores any kind at any
 * path, but kubectl only talks about kinds that discovery names; these are the ones controllers
 * and people need beside our CRDs (events, leases for leader election, secrets and config maps,
 * namespaces, CRDs themselves, and the access reviews JOSDK asks before electing a leader).
 */
final class BuiltInApis {

  /** One group version and the kinds served in it; the core group is {@code ""}. */
  record GroupVersion(String group, String version, List<APIResource> resources) {

    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  static final List<String> READ_WRITE = List.of("create", "delete", "deletecollection", "get", "list", "patch",
      "update", "watch");
  static final List<String> STATUS_VERBS = List.of("get", "patch", "update");
  private static final List<String> CREATE_ONLY = List.of("create");

  static final GroupVersion CORE_V1 = new GroupVersion("", "v1", List.of(
      resource("configmaps", "ConfigMap", true, "cm"),
      resource("events", "Event", true, "ev"),
      resource("namespaces", "Namespace", false, "ns"),
      resource("pods", "Pod", true, "po"),
      status("pods", "Pod", true),
      resource("secrets", "Secret", true),
      resource("serviceaccounts", "ServiceAccount", true, "sa"),
      resource("services", "Service", true, "svc")));

  static final List<GroupVersion> GROUPS = List.of(
      new GroupVersion("apiextensions.k8s.io", "v1", List.of(
          resource("customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds"),
          status("customresourcedefinitions", "CustomResourceDefinition", false))),
      new GroupVersion("coordination.k8s.io", "v1", List.of(resource("leases", "Lease", true))),
      new GroupVersion("authorization.k8s.io", "v1", List.of(
          createOnly("selfsubjectaccessreviews", "SelfSubjectAccessReview"),
          createOnly("selfsubjectrulesreviews", "SelfSubjectRulesReview"))));

  private BuiltInApis() {
  }

  private static APIResource resource(String plural, String kind, boolean namespaced, String... shortNames) {
    return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(namespaced)
        .withSingularName(kind.toLowerCase(java.util.Locale.ROOT)).withVerbs(READ_WRITE)
        .withShortNames(shortNames.length == 0 ? null : List.of(shortNames)).build();
  }

  private static APIResource status(String plural, String kind, boolean namespaced) {
    return new APIResourceBuilder().withName(plural + "/status").withKind(kind).withNamespaced(namespaced)
        .withSingularName("").withVerbs(STATUS_VERBS).build();
  }

  private static APIResource createOnly(String plural, String kind) {
    return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(false)
        .withSingularName(kind.toLowerCase(java.util.Locale.ROOT)).withVerbs(CREATE_ONLY).build();
  }
}
