package dev.customtasks.cli;

import dev.customtasks.cli.approval.ApprovalsCommand;
import dev.customtasks.cli.approval.ApproveCommand;
import dev.customtasks.cli.approval.RejectCommand;
import dev.customtasks.cli.describe.DescribeCommand;
import dev.customtasks.cli.describe.ListCommand;
import dev.customtasks.cli.locks.LocksCommand;
import dev.customtasks.cli.run.RunCommand;
import dev.customtasks.cli.serve.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ctk}: the command a person types. Each subcommand has {@code --help} with examples. */
@Command(name = "ctk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Tekton custom tasks in Java: run the controllers, embedded or in a cluster, and look at runs.",
    subcommands = {RunCommand.class, ServeCommand.class, ListCommand.class, DescribeCommand.class, LocksCommand.class,
        ApprovalsCommand.class, ApproveCommand.class, RejectCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ctk run examples/release.yaml --embedded   # the whole demo, in this process",
        "  ctk serve --embedded       # API server and controllers in this process",
        "  export KUBECONFIG=~/.ctk/embedded-kubeconfig",
        "  kubectl apply --validate=false \\",
        "      -f task-wait/deploy/examples/tekton-test-wait.yaml",
        "  ctk list",
        "  ctk describe customrun tekton-test-wait",
        "",
        "Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad command line."})
public final class Ctk {

  /**
   * The command line with ctk's error handling, for {@link #main} and for tests. Help is as wide as
   * {@code COLUMNS} when set, else as the terminal (picocli asks it), else 80 columns.
   */
  public static CommandLine commandLine() {
    return helpWidth(new CommandLine(new Ctk()), System.getenv("COLUMNS"))
        .setExecutionExceptionHandler(new ExecutionErrors())
        .setParameterExceptionHandler((e, args) -> {
          // The usage first and the error last, where the eye lands: after a long usage the
          // reason would otherwise have scrolled away.
          CommandLine command = e.getCommandLine();
          command.usage(command.getErr(), command.getColorScheme());
          command.getErr().println("error: " + ParseErrors.explain(e));
          command.getErr().flush();
          return 2;
        });
  }

  /** Sets the help's width on {@code commandLine} and every subcommand. */
  static CommandLine helpWidth(CommandLine commandLine, String columns) {
    int width;
    try {
      width = columns == null ? 0 : Integer.parseInt(columns.strip());
    } catch (NumberFormatException e) {
      width = 0;
    }
    // picocli refuses widths under 55.
    if (width >= 55) {
      return commandLine.setUsageHelpAutoWidth(false).setUsageHelpWidth(width);
    }
    return commandLine.setUsageHelpAutoWidth(true);
  }

  public static void main(String[] args) {
    Logging.quietLibraries();
    System.exit(commandLine().execute(args));
  }
}
