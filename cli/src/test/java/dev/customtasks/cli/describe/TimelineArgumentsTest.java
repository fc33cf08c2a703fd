package dev.customtasks.cli.describe;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.Ctk;
import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.cli.timeline.TimelineOptions.Format;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** How {@code ctk describe pipelinerun} reads {@code --timeline[=FORMAT] [FILE]} wherever it stands. */
class TimelineArgumentsTest {

  private static DescribeCommand.OfPipelineRun parse(String... args) {
    ParseResult result = Ctk.commandLine().parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return (DescribeCommand.OfPipelineRun) result.commandSpec().userObject();
  }

  @Test
  void theNameAfterTimelineIsTheNameNotTheFormat() {
    DescribeCommand.OfPipelineRun command = parse("describe", "pr", "--timeline", "my-run");

    assertThat(command.name).isEqualTo("my-run");
    assertThat(command.timeline.format()).isEqualTo(Format.TEXT);
    assertThat(command.timelineFile).isNull();
  }

  @Test
  void aFormatIsReadAttachedOrAsTheNextWordWhenItIsOne() {
    assertThat(parse("describe", "pr", "my-run", "--timeline").timeline.format()).isEqualTo(Format.TEXT);
    assertThat(parse("describe", "pr", "my-run", "--timeline=svg", "t.svg").timeline.format())
        .isEqualTo(Format.SVG);
    assertThat(parse("describe", "pr", "my-run", "--timeline=SVG", "t.svg").timeline.format())
        .isEqualTo(Format.SVG);
    DescribeCommand.OfPipelineRun before = parse("describe", "pr", "--timeline", "svg", "my-run", "t.svg");
    assertThat(before.timeline.format()).isEqualTo(Format.SVG);
    assertThat(before.name).isEqualTo("my-run");
    assertThat(before.timelineFile).isEqualTo(Path.of("t.svg"));
    DescribeCommand.OfPipelineRun text = parse("describe", "pr", "--timeline", "text", "my-run");
    assertThat(text.timeline.format()).isEqualTo(Format.TEXT);
    assertThat(text.name).isEqualTo("my-run");
    DescribeCommand.OfPipelineRun withOutput = parse("describe", "pr", "--timeline", "-o", "json", "my-run");
    assertThat(withOutput.timeline.format()).isEqualTo(Format.TEXT);
    assertThat(withOutput.name).isEqualTo("my-run");
  }

  @Test
  void svgWithoutAFileIsABadCommandLineTellingWhatToAdd() {
    // No cluster is configured here: the command line is refused before anything is read.
    Result result = ctk("describe", "pr", "my-run", "--timeline=svg", "--kubeconfig", "/nonexistent/kubeconfig");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err().strip().lines().reduce((a, b) -> b).orElse(""))
        .startsWith("error: --timeline=svg needs a FILE to write, e.g. --timeline=svg timeline.svg");
  }

  @Test
  void aFileWithoutSvgAndAnUnknownFormatAreBadCommandLines() {
    Result file = ctk("describe", "pr", "my-run", "t.svg", "--timeline", "--kubeconfig", "/nonexistent/kubeconfig");
    assertThat(file.exitCode()).as(file.toString()).isEqualTo(2);
    assertThat(file.err()).contains("error: a FILE (t.svg) is written only with --timeline=svg");

    Result unknown = ctk("describe", "pr", "my-run", "--timeline=pdf", "--kubeconfig", "/nonexistent/kubeconfig");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.err()).contains("expected text or svg, got 'pdf'");
  }

  @Test
  void helpShowsTheFormAfterTheName() {
    String help = new CommandLine(new DescribeCommand()).getSubcommands().get("pipelinerun").getUsageMessage();
    assertThat(help).contains("--timeline[=FORMAT]", "(--timeline=svg", "ctk describe pr --timeline build-42");
  }
}
