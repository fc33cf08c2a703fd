package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.customtasks.crds.duration.GoDuration;
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
import java.time.Instant;
import java.util.Optional;

/**
 * Tekton's {@code tekton.dev/v1 TaskRun}: one execution of an ordinary (Pod) Task. Where Tekton is
 * not installed nothing executes it; tests complete it through a helper.
 */
@Group(TaskRun.GROUP)
@Version(TaskRun.VERSION)
@Kind(TaskRun.KIND)
@Plural("taskruns")
@Singular("taskrun")
@ShortNames({"tr", "trs"})
@JsonDeserialize(using = TaskRun.Reader.class)
public class TaskRun extends RunResource<TaskRunSpec, TaskRunStatus> implements Namespaced {

  public static final String GROUP = "tekton.dev";
  public static final String VERSION = "v1";
  public static final String KIND = "TaskRun";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** {@code spec.status} that asks the executor to stop. */
  public static final String SPEC_STATUS_CANCELLED = "TaskRunCancelled";
  /** {@code spec.status}: do not start yet. */
  public static final String SPEC_STATUS_PENDING = "TaskRunPending";
  /** {@code spec.statusMessage} Tekton writes when cancelling for a cancelled PipelineRun. */
  public static final String CANCELLED_BY_PIPELINE_MSG =
      "TaskRun cancelled as the PipelineRun it belongs to has been cancelled.";
  /** {@code spec.statusMessage} Tekton writes when cancelling for a timed-out PipelineRun. */
  public static final String CANCELLED_BY_PIPELINE_TIMEOUT_MSG =
      "TaskRun cancelled as the PipelineRun it belongs to has timed out.";

  @JsonIgnore
  public boolean isCancelled() {
    return getSpec() != null && SPEC_STATUS_CANCELLED.equals(getSpec().getStatus());
  }

  @JsonIgnore
  public boolean isPending() {
    return getSpec() != null && SPEC_STATUS_PENDING.equals(getSpec().getStatus());
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

  /** Reads {@link TaskRun}s leniently: see {@link LenientResource}. */
  public static final class Reader extends LenientResource.Deserializer<TaskRun, TaskRunSpec, TaskRunStatus> {
    public Reader() {
      super(TaskRun.class, TaskRun::new, TaskRunSpec.class, TaskRunStatus.class);
    }
  }
}
