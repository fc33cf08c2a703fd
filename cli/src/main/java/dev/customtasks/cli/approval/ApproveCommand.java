package dev.customtasks.cli.approval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ctk approve NAME [-m COMMENT]}. */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve a waiting Approval: creates an ApprovalDecision in your name.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctk approve release-42-approve-prod -m 'checked the canary'",
        "  ctk approve release-42-approve-prod --as alice     # embedded server",
        "  ctk approve release-42-approve-prod --as carol --as-group release-managers"})
public final class ApproveCommand extends DecideCommand {

  @Option(names = {"-m", "--message"}, paramLabel = "COMMENT", description = "Why; kept in the audit trail.")
  String comment = "";

  @Override
  String verdict() {
    return "approve";
  }

  @Override
  String comment() {
    return comment;
  }
}
