package dev.customtasks.cli.serve;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.cli.CtkRun.Result;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** {@code --lease-duration}, {@code --renew-deadline}, {@code --retry-period}: parsed as Go durations, checked. */
class LeaseTimingOptionsTest {

  @TempDir
  Path dir;

  @Command(name = "serve")
  static final class Holder {
    @Mixin
    LeaseTimingOptions timings;
  }

  @Test
  void theDefaultsAreJosdks() {
    LeaseTimingOptions timings = parsed();

    assertThat(timings.leaseDuration()).isEqualTo(LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE);
    assertThat(timings.renewDeadline()).isEqualTo(LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE);
    assertThat(timings.retryPeriod()).isEqualTo(LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE);
    assertThatCode(timings::check).doesNotThrowAnyException();
  }

  @Test
  void goDurationsAreTaken() {
    LeaseTimingOptions timings = parsed("--lease-duration", "1m", "--renew-deadline", "1.5s", "--retry-period", "500ms");

    assertThat(timings.leaseDuration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(timings.renewDeadline()).isEqualTo(Duration.ofMillis(1500));
    assertThat(timings.retryPeriod()).isEqualTo(Duration.ofMillis(500));
    assertThatCode(timings::check).doesNotThrowAnyException();
    assertThat(timings.describe()).isEqualTo("lease 1m0s, renew deadline 1.5s, retry every 500ms");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--renew-deadline 20s                      | --renew-deadline 20s must be shorter than --lease-duration 15s",
      "--lease-duration 10s                      | --renew-deadline 10s must be shorter than --lease-duration 10s",
      "--lease-duration 0                        | --lease-duration 0s must be positive",
      "--renew-deadline 0s                       | --renew-deadline 0s must be positive",
      "--retry-period 0ms                        | --retry-period 0s must be positive",
      "--lease-duration 1500ms --renew-deadline 1s --retry-period 100ms "
          + "| --lease-duration 1.5s is not whole seconds: the Lease keeps its duration in seconds; use e.g. 2s",
      "--retry-period 5s                         | --retry-period 5s is too long for --renew-deadline 10s: a retry may "
          + "come 11s after the last (the period plus up to 120% jitter), which must be shorter than the renew deadline",
      "--lease-duration 4s --renew-deadline 3s   | --retry-period 2s is too long for --renew-deadline 3s"})
  void inconsistentTimingsAreRefusedOneAtATime(String args, String message) {
    LeaseTimingOptions timings = parsed(args.trim().split("\\s+"));

    assertThatThrownBy(timings::check).isInstanceOf(ParameterException.class).hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--lease-duration -1s   | Invalid value for option '--lease-duration': negative duration \"-1s\" is not allowed",
      "--retry-period soon    | Invalid value for option '--retry-period': invalid duration \"soon\"",
      "--renew-deadline 10    | Invalid value for option '--renew-deadline': invalid duration \"10\""})
  void whatIsNotAGoDurationIsRefusedWithGosWords(String args, String message) {
    assertThatThrownBy(() -> parsed(args.trim().split("\\s+")))
        .isInstanceOf(ParameterException.class).hasMessageStartingWith(message);
  }

  @Test
  void serveChecksThemBeforeItConnects() throws IOException {
    Result result = ctk("serve", "--kubeconfig", unreachableCluster().toString(), "--renew-deadline", "20s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(lastLine(result.err())).startsWith("error: --renew-deadline 20s must be shorter than --lease-duration 15s");
  }

  @Test
  void theyApplyToAClusterOnly() {
    Result result = ctk("serve", "--embedded", "--retry-period", "1s", "--lease-duration", "30s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(lastLine(result.err())).startsWith("error: --lease-duration, --retry-period applies to a cluster");
  }

  @Test
  void theyContradictNoLeaderElection() throws IOException {
    Result result = ctk("serve", "--kubeconfig", unreachableCluster().toString(), "--no-leader-election",
        "--lease-duration", "30s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(lastLine(result.err())).startsWith("error: --lease-duration and --no-leader-election contradict each other");
  }

  /** A bad command line ends with its error, after the usage. */
  private static String lastLine(String text) {
    return text.strip().lines().reduce((first, second) -> second).orElse("");
  }

  @Test
  void helpShowsThemWithTheirDefaults() {
    Result help = ctk("serve", "--help");

    // Unwrapped: picocli folds the descriptions to the terminal's width.
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("--lease-duration=DURATION Cluster: how long the Lease stays valid")
        .contains("(whole seconds, default: 15s)")
        .contains("--renew-deadline=DURATION Cluster: how long the leader keeps failing to renew")
        .contains("(default: 10s)")
        .contains("--retry-period=DURATION Cluster: how often the leader renews the Lease").contains("(default: 2s)");
  }

  private static LeaseTimingOptions parsed(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.timings;
  }

  /** Enough of a kubeconfig to say "a cluster is configured"; nothing listens behind it. */
  private Path unreachableCluster() throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
  }
}
