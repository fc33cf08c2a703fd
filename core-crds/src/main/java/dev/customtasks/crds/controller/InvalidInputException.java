package dev.customtasks.crds.controller;

/**
 * Bad input to a run: ends the run at once with {@code Succeeded=False}, the given reason and a
 * message that names the field and the problem. Never retried: the same input fails the same way.
 */
public class InvalidInputException extends RuntimeException {

  private final String reason;

  public InvalidInputException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A bad param: the message reads {@code param "name": problem}. */
  public static InvalidInputException param(String name, String problem) {
    return new InvalidInputException(Reasons.INVALID_PARAMS, "param \"" + name + "\": " + problem);
  }

  public String reason() {
    return reason;
  }
}
