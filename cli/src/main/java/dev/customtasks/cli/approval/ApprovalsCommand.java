package dev.customtasks.cli.approval;

import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.cli.cluster.ClusterOptions;
import dev.customtasks.cli.cluster.Connection;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.cli.output.Durations;
import dev.customtasks.cli.output.Table;
import dev.customtasks.crds.api.Timestamps;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ctk approvals [--all]}: what waits for a decision, who has yet to decide (a group while
 * the request is open, naming its members who did), approvals so far, time left.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true,
    description = "List pending approval requests: what is asked, who has yet to decide, approvals so far, time left.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctk approvals", "  ctk approvals --all -n ci     # closed ones too"})
public final class ApprovalsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--all", description = "Closed requests too (Approved, Rejected, TimedOut, Cancelled).")
  boolean all;

  Environment environment = Environment.system();
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connection connection = cluster.connect(environment, spec.commandLine().getErr())) {
      List<ApprovalRequest> requests = connection.client().resources(ApprovalRequest.class)
          .inNamespace(connection.namespace()).list().getItems().stream()
          .filter(r -> all || r.isPending())
          .sorted(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp()))
          .toList();
      if (requests.isEmpty()) {
        out.println((all ? "No approval requests" : "No pending approval requests") + " in namespace "
            + connection.namespace() + ".");
        return 0;
      }
      Table table = Table.withColumns("NAME", "STATE", "APPROVALS", "WAITING FOR", "TIME LEFT", "ASKED");
      Instant now = clock.instant();
      for (ApprovalRequest r : requests) {
        ApprovalProgress progress = ApprovalProgress.of(r);
        String left = Optional.ofNullable(r.getSpec().deadline()).filter(d -> r.isPending())
            .map(d -> Duration.between(now, Timestamps.parse(d)))
            .map(d -> d.isNegative() ? "due" : Durations.elapsed(d)).orElse("-");
        // Who has yet to decide, not every approver asked: who to ask is what the list is read for.
        String waitingFor = progress.waiting().isEmpty() ? "-" : String.join(", ", progress.waiting());
        table.row(r.getMetadata().getName(), progress.state(), progress.approvals(), waitingFor, left,
            Optional.ofNullable(r.getSpec().message()).orElse(""));
      }
      table.print(out);
    }
    return 0;
  }
}
