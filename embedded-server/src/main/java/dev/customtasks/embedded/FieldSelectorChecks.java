package dev.customtasks.embedded;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * kube-apiserver's answer to a list, watch or delete of a collection whose field selector it cannot
 * serve: a 400 {@code BadRequest} whose message is the parse error, or the refusal of the first
 * field the resource lacks ({@code field label not supported: spec.params}), where the mock would
 * answer an empty list, or delete everything (kube-apiserver's {@code pkg/endpoints/handlers/get.go},
 * {@code ListResource}, and {@code delete.go}, {@code DeleteCollection}, which turn the conversion's
 * error into a bad request).
 */
final class FieldSelectorChecks {

  private final Supplier<List<CustomResourceDefinition>> crds;

  FieldSelectorChecks(Supplier<List<CustomResourceDefinition>> crds) {
    this.crds = crds;
  }

  /**
   * The refusal of a GET or DELETE of the collection at {@code path}, empty when it selects
   * nothing or only what its resource has.
   */
  Optional<MockResponse> refusal(String path) {
    Optional<String> text = FieldSelector.inQuery(path);
    ResourcePath resource = ResourcePath.parse(path);
    if (text.isEmpty() || !resource.isResource() || resource.named()) {
      return Optional.empty();
    }
    FieldSelector selector;
    try {
      selector = FieldSelector.parse(text.get());
    } catch (IllegalArgumentException e) {
      return Optional.of(badRequest(e.getMessage()));
    }
    SelectableFields fields = fieldsOf(resource);
    return selector.requirements().stream().map(r -> fields.refusal(r.field())).flatMap(Optional::stream)
        .findFirst().map(FieldSelectorChecks::badRequest);
  }

  private SelectableFields fieldsOf(ResourcePath resource) {
    return crds.get().stream()
        .filter(c -> c.getSpec().getGroup().equals(resource.group())
            && c.getSpec().getNames().getPlural().equals(resource.plural()))
        .findFirst()
        .map(c -> SelectableFields.custom("Namespaced".equals(c.getSpec().getScope())))
        .orElseGet(() -> SelectableFields.builtIn(resource.group(), resource.plural()));
  }

  private static MockResponse badRequest(String message) {
    return Responses.failure(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", message);
  }
}
