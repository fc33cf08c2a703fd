package dev.customtasks.crds.api.customrun;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.duration.GoDuration;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.customtasks.crds.api.LenientResource;
import dev.customtasks.crds.api.RunResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tekton's {@code tekton.dev/v1beta1 CustomRun}: one execution of a custom task, created by a
 * PipelineRun controller (ours or Tekton's) and answered by the task's controller.
 */
@Group(CustomRun.GROUP)
@Version(CustomRun.VERSION)
@Kind(CustomRun.KIND)
@Plural("customruns")
@Singular("customrun")
@JsonDeserialize(using = CustomRun.Reader.class)
public class CustomRun extends RunResource<CustomRunSpec, CustomRunStatus> implements Namespaced {

  public static final String GROUP = "tekton.dev";
  public static final String VERSION = "v1beta1";
  public static final String KIND = "CustomRun";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** {@code spec.status} value that asks the task controller to stop; Tekton's {@code RunCancelled}. */
  public static final String CANCELLED = "RunCancelled";

  @JsonIgnore
  public boolean isCancelled() {
    return getSpec() != null && CANCELLED.equals(getSpec().getStatus());
  }

  /** The timeout of one attempt, if set and not zero (Tekton treats 0 as "no timeout"). */
  @JsonIgnore
  public Optional<Duration> timeout() {
    return GoDuration.timeout(getSpec() == null ? null : getSpec().getTimeout());
  }

  /** When the current attempt times out, if it has started and has a timeout. */
  @JsonIgnore
  public Optional<Instant> timeoutDeadline() {
    return afterStart(timeout());
  }

  /**
   * The custom task type this run asks for: from {@code customRef}, else from {@code customSpec};
   * empty when neither names one.
   */
  @JsonIgnore
  public Optional<TaskKind> taskKind() {
    CustomRunSpec spec = getSpec();
    if (spec == null) {
      // A malformed spec still names its kind, so that its own controller can fail it.
      return rawSpec().flatMap(raw -> kindAt(raw.path("customRef")).or(() -> kindAt(raw.path("customSpec"))));
    }
    TaskRef ref = spec.getCustomRef();
    if (ref != null && notBlank(ref.getApiVersion()) && notBlank(ref.getKind())) {
      return Optional.of(new TaskKind(ref.getApiVersion(), ref.getKind()));
    }
    EmbeddedCustomRunSpec embedded = spec.getCustomSpec();
    if (embedded != null && notBlank(embedded.getApiVersion()) && notBlank(embedded.getKind())) {
      return Optional.of(new TaskKind(embedded.getApiVersion(), embedded.getKind()));
    }
    return Optional.empty();
  }

  private static Optional<TaskKind> kindAt(com.fasterxml.jackson.databind.JsonNode node) {
    String apiVersion = node.path("apiVersion").asText("");
    String kind = node.path("kind").asText("");
    return notBlank(apiVersion) && notBlank(kind) ? Optional.of(new TaskKind(apiVersion, kind)) : Optional.empty();
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /** Reads {@link CustomRun}s leniently: see {@link LenientResource}. */
  public static final class Reader extends LenientResource.Deserializer<CustomRun, CustomRunSpec, CustomRunStatus> {
    public Reader() {
      super(CustomRun.class, CustomRun::new, CustomRunSpec.class, CustomRunStatus.class);
    }
  }
}
