package dev.customtasks.embedded;

import dev.customtasks.embedded.BuiltInApis.GroupVersion;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ServerAddressByClientCIDR;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The legacy (unaggregated) discovery documents of the embedded server: {@code /api},
 * {@code /api/v1}, {@code /apis}, {@code /apis/GROUP} and {@code /apis/GROUP/VERSION}, built
 * from the built-in kinds and the CRDs in the store at the time of the request, so a CRD applied
 * with kubectl is discoverable at once.
 */
final class DiscoveryDocuments {

  private final List<GroupVersion> groupVersions;
  private final List<ServerAddressByClientCIDR> addresses;

  private DiscoveryDocuments(List<GroupVersion> groupVersions, String serverAddress) {
    this.groupVersions = groupVersions;
    this.addresses = List.of(new ServerAddressByClientCIDR("0.0.0.0/0", serverAddress));
  }

  /**
   * @param crds the CRDs in the store
   * @param serverAddress {@code host:port} the server is reached at, as a real server reports it
   */
  static DiscoveryDocuments of(List<CustomResourceDefinition> crds, String serverAddress) {
    List<GroupVersion> all = new ArrayList<>(BuiltInApis.GROUPS);
    all.addAll(fromCrds(crds));
    return new DiscoveryDocuments(all, serverAddress);
  }

  APIVersions coreVersions() {
    return new APIVersionsBuilder().withVersions(BuiltInApis.CORE_V1.version())
        .withServerAddressByClientCIDRs(addresses).build();
  }

  APIResourceList coreResources() {
    return resourceList(BuiltInApis.CORE_V1);
  }

  APIGroupList groups() {
    return new APIGroupListBuilder().withGroups(groupNames().stream().map(this::group).map(Optional::orElseThrow)
        .toList()).build();
  }

  Optional<APIGroup> group(String name) {
    List<String> versions = groupVersions.stream().filter(gv -> gv.group().equals(name)).map(GroupVersion::version)
        .distinct().sorted(VersionPriority.INSTANCE).toList();
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    List<GroupVersionForDiscovery> forDiscovery = versions.stream()
        .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
    return Optional.of(new APIGroupBuilder().withName(name).withVersions(forDiscovery)
        .withPreferredVersion(forDiscovery.get(0)).withServerAddressByClientCIDRs(addresses).build());
  }

  Optional<APIResourceList> resources(String group, String version) {
    List<APIResource> resources = groupVersions.stream()
        .filter(gv -> gv.group().equals(group) && gv.version().equals(version))
        .flatMap(gv -> gv.resources().stream()).toList();
    return resources.isEmpty() ? Optional.empty()
        : Optional.of(resourceList(new GroupVersion(group, version, resources)));
  }

  private List<String> groupNames() {
    return groupVersions.stream().map(GroupVersion::group).distinct().toList();
  }

  private static APIResourceList resourceList(GroupVersion gv) {
    return new APIResourceListBuilder().withGroupVersion(gv.groupVersion()).withResources(gv.resources()).build();
  }

  private static List<GroupVersion> fromCrds(List<CustomResourceDefinition> crds) {
    // Sorted by group so that /apis lists our groups in a stable order after the built-in ones.
    Map<String, Map<String, List<APIResource>>> byGroupAndVersion = new TreeMap<>();
    for (CustomResourceDefinition crd : crds) {
      if (crd.getSpec() == null || crd.getSpec().getVersions() == null) {
        continue;
      }
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (Boolean.FALSE.equals(version.getServed())) {
          continue;
        }
        byGroupAndVersion.computeIfAbsent(crd.getSpec().getGroup(), g -> new LinkedHashMap<>())
            .computeIfAbsent(version.getName(), v -> new ArrayList<>())
            .addAll(resourcesOf(crd, version));
      }
    }
    List<GroupVersion> result = new ArrayList<>();
    byGroupAndVersion.forEach((group, versions) -> versions.forEach((version, resources) ->
        result.add(new GroupVersion(group, version, List.copyOf(resources)))));
    return result;
  }

  private static List<APIResource> resourcesOf(CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    CustomResourceDefinitionNames names = crd.getSpec().getNames();
    boolean namespaced = !"Cluster".equals(crd.getSpec().getScope());
    List<APIResource> resources = new ArrayList<>();
    resources.add(new APIResourceBuilder().withName(names.getPlural()).withKind(names.getKind())
        .withNamespaced(namespaced)
        .withSingularName(Objects.requireNonNullElse(names.getSingular(), names.getKind().toLowerCase(java.util.Locale.ROOT)))
        .withShortNames(emptyToNull(names.getShortNames())).withCategories(emptyToNull(names.getCategories()))
        .withVerbs(BuiltInApis.READ_WRITE).build());
    if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
      resources.add(new APIResourceBuilder().withName(names.getPlural() + "/status").withKind(names.getKind())
          .withNamespaced(namespaced).withSingularName("").withVerbs(BuiltInApis.STATUS_VERBS).build());
    }
    return resources;
  }

  private static List<String> emptyToNull(List<String> values) {
    return values == null || values.isEmpty() ? null : values;
  }
}
