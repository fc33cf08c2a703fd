package dev.customtasks.cli;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command explains itself with examples; a bad command line gets the usage and exit code 2. */
class CtkHelpTest {

  @ParameterizedTest(name = "ctk {0} --help")
  @ValueSource(strings = {"", "serve", "list", "describe", "describe customrun", "describe pipelinerun"})
  void everyCommandHasHelpWithExamples(String command) {
    String[] args = (command + " --help").trim().split(" ");

    Result help = ctk(args);

    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: ctk").contains("Examples:");
  }

  @ParameterizedTest(name = "ctk {0}")
  @CsvSource(delimiter = '|', value = {
      "''                               | Missing required subcommand",
      "describe                         | Missing required subcommand",
      "describe customrun               | Missing required parameter: 'NAME'",
      "list --colour                    | unknown option '--colour'",
      "list widgets                     | expected one of [pipelineruns, customruns, taskruns], got 'widgets'",
      "list -o xml                      | expected yaml or json, got 'xml'",
      "serve --controllers wait,nope    | unknown controller nope: choose from pipelinerun, ",
      "serve --port many                | '--port'",
      "serve --embedded --port 70000    | --port 70000 is not a port",
      "serve --embedded --kubeconfig k  | --kubeconfig applies to a cluster",
      "serve --embedded --lease-namespace x | --lease-namespace applies to a cluster",
      "serve --embedded --metrics-port 70000 | --metrics-port 70000 is not a port",
      "serve --embedded --metrics-refresh 0s | --metrics-refresh 0s must be positive",
      "serve --embedded --metrics-refresh PT15S | '--metrics-refresh': invalid duration \"PT15S\"; expected a Go duration",
      "run x.yaml --follow-timeout 2hours | '--follow-timeout': invalid duration \"2hours\"",
      "serve --embedded --no-metrics --metrics-port 9 | --metrics-port and --no-metrics contradict each other",
      "frobnicate                       | unknown command \"frobnicate\" for \"ctk\"; it has: run, serve, list (ls), describe",
      "describe cr x                    | unknown command \"cr\" for \"ctk describe\"; it has: customrun (customruns), pipelinerun (pipelineruns, pr)",
      "run x.yaml --embeded             | unknown option '--embeded'; did you mean --embedded?",
      "run x.yaml -p foo                | Value for option '--param' (NAME=VALUE) should be in KEY=VALUE format"})
  void aBadCommandLineShowsTheUsageAndExitsWith2(String command, String message) {
    String[] args = command.isBlank() ? new String[0] : command.trim().split("\\s+");

    Result result = ctk(args);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains(message).contains("Usage: ctk");
    assertThat(result.err().strip().lines().reduce((first, second) -> second).orElseThrow())
        .as("the error comes last, after the usage").startsWith("error: ").contains(message);
    assertThat(result.out()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void versionIsPrinted() {
    Result version = ctk("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("ctk ");
  }
}
