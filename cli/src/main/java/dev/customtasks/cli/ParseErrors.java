package dev.customtasks.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line that says what is wrong with a command line, in kubectl's terms where picocli's are
 * vague: an unknown command names the command it was given to and the ones it has
 * ({@code unknown command "frobnicate" for "ctk"}, as cobra says it), an unknown option the one
 * it resembles ({@code did you mean --embedded?}).
 */
final class ParseErrors {

  private ParseErrors() {
  }

  static String explain(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      CommandLine command = unmatched.getCommandLine();
      String first = unmatched.getUnmatched().get(0);
      boolean option = unmatched.isUnknownOption();
      if (!option && !command.getSubcommands().isEmpty()) {
        return "unknown command \"" + first + "\" for \"" + command.getCommandSpec().qualifiedName()
            + "\"; it has: " + String.join(", ", subcommands(command));
      }
      if (option) {
        List<String> similar = unmatched.getSuggestions();
        return "unknown option '" + first + "'" + (similar.isEmpty() ? ""
            : "; did you mean " + String.join(" or ", similar) + "?");
      }
    }
    // picocli's own wording says "option option '--param'" for a value that is not KEY=VALUE.
    return String.valueOf(e.getMessage()).replace("option option '", "option '");
  }

  /** Each subcommand once, with its aliases: {@code pipelinerun (pipelineruns, pr)}. */
  private static List<String> subcommands(CommandLine command) {
    Set<CommandLine> seen = new LinkedHashSet<>(command.getSubcommands().values());
    List<String> names = new ArrayList<>();
    for (CommandLine sub : seen) {
      if (sub.getCommandSpec().usageMessage().hidden()) {
        continue;
      }
      String[] aliases = sub.getCommandSpec().aliases();
      names.add(sub.getCommandName() + (aliases.length == 0 ? "" : " (" + String.join(", ", aliases) + ")"));
    }
    return names;
  }
}
