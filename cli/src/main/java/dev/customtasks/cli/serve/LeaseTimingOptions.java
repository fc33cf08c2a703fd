package dev.customtasks.cli.serve;

import dev.customtasks.cli.GoDurationConverter;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ctk serve}'s leader election timings on a cluster, as Go durations the way
 * controller-runtime's flags take them. The defaults are JOSDK's (the same as client-go's).
 */
public final class LeaseTimingOptions {

  static final List<String> NAMES = List.of("--lease-duration", "--renew-deadline", "--retry-period");
  /** fabric8 waits up to this many retry periods between two tries to take the Lease (its jitter). */
  private static final double JITTER_FACTOR = 1.2;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--lease-duration", paramLabel = "DURATION", defaultValue = "15s", converter = GoDurationConverter.class,
      description = "Cluster: how long the Lease stays valid after the leader last renewed it; a follower takes over "
          + "this long after the leader died (whole seconds, default: ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(names = "--renew-deadline", paramLabel = "DURATION", defaultValue = "10s", converter = GoDurationConverter.class,
      description = "Cluster: how long the leader keeps failing to renew before it gives the lead up and exits 1 "
          + "(default: ${DEFAULT-VALUE}).")
  Duration renewDeadline;

  @Option(names = "--retry-period", paramLabel = "DURATION", defaultValue = "2s", converter = GoDurationConverter.class,
      description = "Cluster: how often the leader renews the Lease and a follower tries to take it "
          + "(default: ${DEFAULT-VALUE}).")
  Duration retryPeriod;

  public Duration leaseDuration() {
    return leaseDuration;
  }

  public Duration renewDeadline() {
    return renewDeadline;
  }

  public Duration retryPeriod() {
    return retryPeriod;
  }

  /**
   * Refuses what fabric8's leader elector would refuse when the operator starts, and a lease
   * duration the Lease cannot hold.
   *
   * @throws ParameterException naming the first bad option and what it must be
   */
  public void check() {
    checkPositive("--lease-duration", leaseDuration);
    checkPositive("--renew-deadline", renewDeadline);
    checkPositive("--retry-period", retryPeriod);
    // spec.leaseDurationSeconds is an integer: 1500ms would be written as 1s, and followers would
    // take over while the leader still thinks it leads.
    if (leaseDuration.getNano() != 0) {
      throw bad("--lease-duration " + text(leaseDuration) + " is not whole seconds: the Lease keeps its duration "
          + "in seconds; use e.g. " + text(Duration.ofSeconds(leaseDuration.getSeconds() + 1)));
    }
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      throw bad("--renew-deadline " + text(renewDeadline) + " must be shorter than --lease-duration "
          + text(leaseDuration));
    }
    Duration longestRetry = retryPeriod.plusMillis((long) Math.ceil(retryPeriod.toMillis() * JITTER_FACTOR));
    if (longestRetry.compareTo(renewDeadline) >= 0) {
      throw bad("--retry-period " + text(retryPeriod) + " is too long for --renew-deadline " + text(renewDeadline)
          + ": a retry may come " + text(longestRetry) + " after the last (the period plus up to "
          + Math.round(JITTER_FACTOR * 100) + "% jitter), which must be shorter than the renew deadline");
    }
  }

  /** For the banner. */
  String describe() {
    return "lease " + text(leaseDuration) + ", renew deadline " + text(renewDeadline) + ", retry every "
        + text(retryPeriod);
  }

  private void checkPositive(String option, Duration value) {
    if (value.isZero()) {
      throw bad(option + " " + text(value) + " must be positive");
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String text(Duration duration) {
    return GoDuration.format(duration);
  }
}
