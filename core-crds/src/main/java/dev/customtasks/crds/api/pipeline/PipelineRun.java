package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.customtasks.crds.api.LenientResource;
import dev.customtasks.crds.api.RunResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.time.Duration;
import java.util.Optional;

/**
 * Tekton's {@code tekton.dev/v1 PipelineRun}: one execution of a Pipeline. The helpers mirror
 * Tekton's ({@code IsDone}, {@code IsCancelled}, {@code TasksTimeout}, ...).
 */
@Group(PipelineRun.GROUP)
@Version(PipelineRun.VERSION)
@Kind(PipelineRun.KIND)
@Plural("pipelineruns")
@Singular("pipelinerun")
@ShortNames({"pr", "prs"})
@JsonDeserialize(using = PipelineRun.Reader.class)
public class PipelineRun extends RunResource<PipelineRunSpec, PipelineRunStatus> implements Namespaced {

  public static final String GROUP = "tekton.dev";
  public static final String VERSION = "v1";
  public static final String KIND = "PipelineRun";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** {@code spec.status}: stop now, cancelling running tasks and skipping finally. */
  public static final String SPEC_STATUS_CANCELLED = "Cancelled";
  /** {@code spec.status}: cancel running tasks, then run finally. */
  public static final String SPEC_STATUS_CANCELLED_RUN_FINALLY = "CancelledRunFinally";
  /** {@code spec.status}: let running tasks finish, start no new ones, then run finally. */
  public static final String SPEC_STATUS_STOPPED_RUN_FINALLY = "StoppedRunFinally";
  /** {@code spec.status}: do not start yet. */
  public static final String SPEC_STATUS_PENDING = "PipelineRunPending";

  /** Tekton's {@code default-timeout-minutes}: used when {@code spec.timeouts.pipeline} is not set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

  @JsonIgnore
  public boolean isCancelled() {
    return specStatusIs(SPEC_STATUS_CANCELLED);
  }

  @JsonIgnore
  public boolean isGracefullyCancelled() {
    return specStatusIs(SPEC_STATUS_CANCELLED_RUN_FINALLY);
  }

  @JsonIgnore
  public boolean isGracefullyStopped() {
    return specStatusIs(SPEC_STATUS_STOPPED_RUN_FINALLY);
  }

  @JsonIgnore
  public boolean isPending() {
    return specStatusIs(SPEC_STATUS_PENDING);
  }

  private boolean specStatusIs(String value) {
    return getSpec() != null && value.equals(getSpec().getStatus());
  }

  private Optional<TimeoutFields> timeouts() {
    return Optional.ofNullable(getSpec()).map(PipelineRunSpec::getTimeouts);
  }

  /**
   * The whole run's timeout: {@code spec.timeouts.pipeline}, else {@code defaultTimeout}.
   * {@link Duration#ZERO} means no timeout, as in Tekton.
   */
  public Duration pipelineTimeout(Duration defaultTimeout) {
    return timeouts().flatMap(TimeoutFields::pipelineDuration).orElse(defaultTimeout);
  }

  /**
   * Tekton's {@code TasksTimeout}: {@code timeouts.tasks}, else {@code pipeline - finally} when both
   * are set and neither is 0; empty when there is no separate limit for the tasks.
   */
  @JsonIgnore
  public Optional<Duration> tasksTimeout() {
    return timeouts().flatMap(t -> t.tasksDuration().or(() -> difference(t.pipelineDuration(), t.finallyDuration())));
  }

  /**
   * Tekton's {@code FinallyTimeout}: {@code timeouts.finally}, else {@code pipeline - tasks} when
   * both are set and neither is 0. Measured from {@code status.finallyStartTime}.
   */
  @JsonIgnore
  public Optional<Duration> finallyTimeout() {
    return timeouts().flatMap(t -> t.finallyDuration().or(() -> difference(t.pipelineDuration(), t.tasksDuration())));
  }

  private static Optional<Duration> difference(Optional<Duration> whole, Optional<Duration> part) {
    if (whole.isEmpty() || part.isEmpty() || whole.get().isZero() || part.get().isZero()) {
      return Optional.empty();
    }
    return Optional.of(whole.get().minus(part.get()));
  }

  /** Reads {@link PipelineRun}s leniently: see {@link LenientResource}. */
  public static final class Reader extends LenientResource.Deserializer<PipelineRun, PipelineRunSpec, PipelineRunStatus> {
    public Reader() {
      super(PipelineRun.class, PipelineRun::new, PipelineRunSpec.class, PipelineRunStatus.class);
    }
  }
}
