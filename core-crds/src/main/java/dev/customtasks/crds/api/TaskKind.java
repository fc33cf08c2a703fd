package dev.customtasks.crds.api;

/**
 * A custom task type as a Pipeline names it: {@code apiVersion} and {@code kind}, e.g.
 * {@code customtasks.dev/v1alpha1 Wait}.
 */
public record TaskKind(String apiVersion, String kind) {

  public TaskKind {
    if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a task kind needs both apiVersion and kind, got " + apiVersion + " " + kind);
    }
  }

  /** The API group, e.g. {@code customtasks.dev} for {@code customtasks.dev/v1alpha1}. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public boolean matches(String otherApiVersion, String otherKind) {
    return apiVersion.equals(otherApiVersion) && kind.equals(otherKind);
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind;
  }
}
