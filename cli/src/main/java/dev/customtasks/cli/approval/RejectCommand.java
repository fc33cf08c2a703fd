package dev.customtasks.cli.approval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ctk reject NAME -m REASON}: one reject ends the run. */
@Command(name = "reject", mixinStandardHelpOptions = true,
    description = "Reject a waiting Approval: the run fails with reason Rejected and your reason.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctk reject release-42-approve-prod -m 'change freeze until Monday'"})
public final class RejectCommand extends DecideCommand {

  @Option(names = {"-m", "--message"}, paramLabel = "REASON", required = true,
      description = "Why: shown in the failed run's message.")
  String reason;

  @Override
  String verdict() {
    return "reject";
  }

  @Override
  String comment() {
    return reason;
  }
}
