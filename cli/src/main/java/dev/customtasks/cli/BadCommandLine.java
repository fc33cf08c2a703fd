package dev.customtasks.cli;

/**
 * A command line that parsed but cannot be run as given, found once the command reads what it
 * names (e.g. a {@code -p} param the pipeline does not declare): one line on stderr, without the
 * usage, and exit code 2 as for any bad command line.
 */
public class BadCommandLine extends CliException {

  public BadCommandLine(String message) {
    super(message);
  }
}
