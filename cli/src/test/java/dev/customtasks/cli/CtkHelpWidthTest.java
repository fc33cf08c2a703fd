package dev.customtasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help at the default width of 80 columns breaks lines between words only: every path, file and
 * command a description or footer names ({@code ~/.kube/config},
 * {@code task-wait/deploy/examples/tekton-test-wait.yaml}) stays whole on one line.
 */
class CtkHelpWidthTest {

  @Test
  void noPathOrCommandIsSplitAcrossLinesAt80Columns() {
    CommandLine root = Ctk.commandLine();
    List<String> problems = new ArrayList<>();
    for (CommandLine command : all(root)) {
      command.setUsageHelpAutoWidth(false);
      command.setUsageHelpWidth(80);
      StringWriter usage = new StringWriter();
      command.usage(new PrintWriter(usage));
      List<String> lines = usage.toString().lines().map(String::strip).toList();
      // An example's comment wrapped to the next line's start would read as a command of its own.
      Arrays.stream(command.getCommandSpec().usageMessage().footer()).flatMap(f -> Arrays.stream(f.split("%n")))
          .filter(f -> f.length() > 80)
          .forEach(f -> problems.add(command.getCommandSpec().qualifiedName() + ": footer line wraps: " + f));
      for (String token : pathLike(command.getCommandSpec())) {
        if (lines.stream().noneMatch(l -> l.contains(token))) {
          problems.add(command.getCommandSpec().qualifiedName() + ": \"" + token + "\" is split");
        }
      }
      lines.stream().filter(l -> l.endsWith("~/.") || l.endsWith("/"))
          .forEach(l -> problems.add(command.getCommandSpec().qualifiedName() + ": line ends mid-path: " + l));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void helpIsAsWideAsColumnsWhenSetElseAsTheTerminal() {
    CommandLine wide = Ctk.helpWidth(new CommandLine(new Ctk()), "200");
    assertThat(wide.getUsageHelpWidth()).isEqualTo(200);
    assertThat(wide.getSubcommands().get("run").getUsageHelpWidth()).isEqualTo(200);

    CommandLine auto = Ctk.helpWidth(new CommandLine(new Ctk()), null);
    assertThat(auto.isUsageHelpAutoWidth()).isTrue();
    assertThat(auto.getSubcommands().get("describe").getSubcommands().get("pipelinerun").isUsageHelpAutoWidth())
        .isTrue();
  }

  private static List<CommandLine> all(CommandLine command) {
    List<CommandLine> all = new ArrayList<>(List.of(command));
    command.getSubcommands().values().stream().distinct().forEach(c -> all.addAll(all(c)));
    return all.stream().distinct().toList();
  }

  /** The words of the command's texts that name a path, file or URL (a '/', or a '.' between letters). */
  private static List<String> pathLike(CommandSpec spec) {
    Stream<String> texts = Stream.of(spec.usageMessage().description(), spec.usageMessage().footer(),
        spec.usageMessage().header()).flatMap(Arrays::stream);
    Stream<String> args = spec.args().stream().map(ArgSpec::description).flatMap(Arrays::stream);
    return Stream.concat(texts, args)
        .flatMap(t -> Arrays.stream(t.split("\\s+")))
        .map(w -> w.replaceAll("^[(`'\"]+|[),;:`'\"]+$|\\.$", ""))
        .filter(w -> !w.contains("$") && !w.contains("%"))
        .filter(w -> w.contains("/") || w.matches(".*[A-Za-z]\\.[A-Za-z].*") || w.startsWith("~"))
        .distinct().toList();
  }
}
