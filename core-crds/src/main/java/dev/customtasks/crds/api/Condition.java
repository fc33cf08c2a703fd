package dev.customtasks.crds.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A Knative-style condition as Tekton writes it in {@code status.conditions}. The one that matters
 * for every run is {@code type: Succeeded} with status {@code Unknown} while running, then
 * {@code True} or {@code False}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "status", "severity", "lastTransitionTime", "reason", "message"})
public class Condition extends UnknownFieldsPreserving {

  public static final String SUCCEEDED = "Succeeded";
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private String type;
  private String status;
  private String severity;
  private String lastTransitionTime;
  private String reason;
  private String message;

  public Condition() {
  }

  public Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
    this.lastTransitionTime = lastTransitionTime;
  }

  /** Same state, ignoring when it was reached: a condition rewritten unchanged is no transition. */
  public boolean sameStateAs(Condition other) {
    return other != null && Objects.equals(type, other.type) && Objects.equals(status, other.status)
        && Objects.equals(reason, other.reason) && Objects.equals(message, other.message);
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getSeverity() {
    return severity;
  }

  public void setSeverity(String severity) {
    this.severity = severity;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public String toString() {
    return type + "=" + status + (reason == null ? "" : " (" + reason + (message == null ? "" : ": " + message) + ")");
  }
}
