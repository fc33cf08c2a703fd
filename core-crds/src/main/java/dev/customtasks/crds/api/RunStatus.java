package dev.customtasks.crds.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every Tekton run status shares (Knative's {@code duckv1.Status} plus start and completion
 * times), with the {@code Succeeded} condition helpers Tekton has on its types.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public abstract class RunStatus extends UnknownFieldsPreserving {

  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private Map<String, String> annotations;
  private String startTime;
  private String completionTime;

  @JsonIgnore
  public Optional<Condition> succeededCondition() {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> Condition.SUCCEEDED.equals(c.getType())).findFirst();
  }

  /** Started means a start time was recorded; Tekton's {@code HasStarted}. */
  @JsonIgnore
  public boolean hasStarted() {
    return startTime != null && !startTime.isBlank();
  }

  /** Done means {@code Succeeded} is True or False; Tekton's {@code IsDone}. */
  @JsonIgnore
  public boolean isDone() {
    return succeededCondition().map(c -> !Condition.UNKNOWN.equals(c.getStatus())).orElse(false);
  }

  /**
   * Why this status cannot be read, naming the field: a {@code Succeeded} condition whose status is
   * neither True, False nor Unknown (edited by hand; Tekton's {@code IsDone} counts it as done,
   * though it says neither success nor failure), or a {@code startTime} or {@code completionTime}
   * that is no RFC 3339 time. Empty when readable.
   */
  @JsonIgnore
  public Optional<String> unreadable() {
    Optional<String> outcome = succeededCondition().map(Condition::getStatus)
        .filter(s -> !Condition.TRUE.equals(s) && !Condition.FALSE.equals(s) && !Condition.UNKNOWN.equals(s))
        .map(s -> "status.conditions[type=Succeeded].status: \"" + s + "\" is neither True, False nor Unknown");
    return outcome.or(() -> unreadableTime("status.startTime", startTime))
        .or(() -> unreadableTime("status.completionTime", completionTime));
  }

  /** Why {@code value} of {@code field} is no RFC 3339 time; empty when it is one or is unset. */
  protected static Optional<String> unreadableTime(String field, String value) {
    if (value == null || value.isBlank() || Timestamps.tryParse(value).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(field + ": \"" + value + "\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z");
  }

  @JsonIgnore
  public boolean isSuccessful() {
    return succeededCondition().map(c -> Condition.TRUE.equals(c.getStatus())).orElse(false);
  }

  @JsonIgnore
  public boolean isFailed() {
    return succeededCondition().map(c -> Condition.FALSE.equals(c.getStatus())).orElse(false);
  }

  @JsonIgnore
  public Optional<String> reason() {
    return succeededCondition().map(Condition::getReason);
  }

  /**
   * Sets the {@code Succeeded} condition, keeping {@code lastTransitionTime} when only the time
   * would change, so that rewriting the same state is not a transition.
   *
   * @return whether the condition changed
   */
  public boolean setSucceeded(String status, String reason, String message, Instant now) {
    Condition next = new Condition(Condition.SUCCEEDED, status, reason, capped(message), Timestamps.format(now));
    Optional<Condition> current = succeededCondition();
    if (current.isPresent() && current.get().sameStateAs(next)) {
      return false;
    }
    if (conditions == null) {
      conditions = new ArrayList<>();
    }
    conditions.removeIf(c -> Condition.SUCCEEDED.equals(c.getType()));
    conditions.add(next);
    return true;
  }

  /** Longest condition message kept; a message quoting a huge input must not bloat every object. */
  public static final int MAX_MESSAGE = 1024;

  /** The message escaped ({@link SafeText}: it may quote hostile input) and cut to {@link #MAX_MESSAGE}. */
  private static String capped(String raw) {
    String message = SafeText.escape(raw);
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE - 60) + "... (" + message.length() + " characters, cut)";
  }

  public boolean markRunning(String reason, String message, Instant now) {
    return setSucceeded(Condition.UNKNOWN, reason, message, now);
  }

  public boolean markSucceeded(String reason, String message, Instant now) {
    boolean changed = setSucceeded(Condition.TRUE, reason, message, now);
    completionTime = Timestamps.format(now);
    return changed;
  }

  public boolean markFailed(String reason, String message, Instant now) {
    boolean changed = setSucceeded(Condition.FALSE, reason, message, now);
    completionTime = Timestamps.format(now);
    return changed;
  }

  @JsonIgnore
  public Instant startInstant() {
    return Timestamps.parse(startTime);
  }

  @JsonIgnore
  public Instant completionInstant() {
    return Timestamps.parse(completionTime);
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }
}
