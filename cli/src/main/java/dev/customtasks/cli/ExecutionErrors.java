package dev.customtasks.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and exit code 1 (2 for a {@link BadCommandLine}),
 * instead of a stack trace.
 * {@code CTK_DEBUG=1} adds the stack trace for a bug report.
 */
final class ExecutionErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    var err = commandLine.getErr();
    err.println("error: " + dev.customtasks.crds.api.SafeText.escape(explain(e)));
    if (System.getenv("CTK_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof BadCommandLine ? 2 : 1;
  }

  static String explain(Throwable e) {
    if (e instanceof CliException) {
      return e.getMessage();
    }
    if (e instanceof KubernetesClientException k) {
      String status = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : null;
      if (k.getCode() <= 0) {
        return "cannot reach the API server: " + rootCause(k);
      }
      return "the API server answered " + k.getCode() + ": " + (status != null ? status : k.getMessage());
    }
    return e.toString();
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }
}
