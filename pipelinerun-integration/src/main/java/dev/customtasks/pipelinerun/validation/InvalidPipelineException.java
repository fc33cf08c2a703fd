package dev.customtasks.pipelinerun.validation;

/** A pipeline or its run is not valid: the run fails at once with this reason and message. */
public class InvalidPipelineException extends RuntimeException {

  private final String reason;

  public InvalidPipelineException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** One of Tekton's PipelineRun reasons, e.g. {@code PipelineInvalidGraph}. */
  public String reason() {
    return reason;
  }
}
