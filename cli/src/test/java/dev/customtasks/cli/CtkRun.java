package dev.customtasks.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs ctk in this process, as a user would type it, and keeps what it printed. */
public final class CtkRun {

  /** Exit code and what went to stdout and stderr. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final CommandLine commandLine = Ctk.commandLine();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  public CtkRun() {
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
  }

  public static Result ctk(String... args) {
    return new CtkRun().execute(args);
  }

  /** The command object of a subcommand, e.g. to stop a serve or to give it another environment. */
  public <T> T command(String name) {
    return commandLine.getSubcommands().get(name).getCommand();
  }

  public Result execute(String... args) {
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** What was printed so far, e.g. by a serve still running in another thread. */
  public String outSoFar() {
    return out.toString();
  }

  public String errSoFar() {
    return err.toString();
  }
}
