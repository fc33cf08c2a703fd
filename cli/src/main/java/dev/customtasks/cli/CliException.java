package dev.customtasks.cli;

/**
 * A failure to explain to the user in one line (no stack trace): an unknown run, a cluster that
 * cannot be reached, a port in use. The command exits with code 1.
 */
public class CliException extends RuntimeException {

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
