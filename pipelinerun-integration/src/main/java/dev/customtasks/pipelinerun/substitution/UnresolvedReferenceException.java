package dev.customtasks.pipelinerun.substitution;

/** A variable that has no value (yet), or whose value does not fit where it is used. */
public class UnresolvedReferenceException extends RuntimeException {

  private final transient Reference reference;

  public UnresolvedReferenceException(Reference reference, String message) {
    super(message);
    this.reference = reference;
  }

  public Reference reference() {
    return reference;
  }
}
