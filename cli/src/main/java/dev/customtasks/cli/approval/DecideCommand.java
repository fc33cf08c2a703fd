package dev.customtasks.cli.approval;

import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.approval.tally.ApprovalPolicy;
import dev.customtasks.cli.CliException;
import dev.customtasks.cli.cluster.ClusterOptions;
import dev.customtasks.cli.cluster.Connection;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.crds.controller.Children;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code ctk approve} and {@code ctk reject} share: create one ApprovalDecision in the
 * decider's own name, naming the listed groups they decide through; the server's admission (the
 * webhook, or the embedded server's chain) refuses what is not theirs to decide, and its message is
 * shown as it is.
 */
abstract class DecideCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  Identity identity;

  @Parameters(index = "0", paramLabel = "NAME", description = "The ApprovalRequest: the name of the waiting CustomRun.")
  String name;

  Environment environment = Environment.system();

  abstract String verdict();

  abstract String comment();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connection connection = cluster.connect(environment, spec.commandLine().getErr())) {
      KubernetesClient client = identity.client(connection.client());
      try {
        decide(client, connection.namespace(), out);
      } finally {
        if (identity.impersonating()) {
          client.close();
        }
      }
    }
    return 0;
  }

  private void decide(KubernetesClient client, String namespace, PrintWriter out) {
    Identity.User user = identity.who(client);
    ApprovalRequest request = Optional.ofNullable(client.resources(ApprovalRequest.class).inNamespace(namespace)
        .withName(name).get()).orElseThrow(() -> new CliException("no ApprovalRequest \"" + name
            + "\" in namespace \"" + namespace + "\": ctk approvals lists the pending ones"));
    List<String> listed = request.getSpec() == null ? List.of() : request.getSpec().approvers();
    List<String> through = listed.contains(user.name()) ? List.of()
        : listed.stream().filter(e -> e.startsWith(ApprovalPolicy.GROUP_PREFIX))
            .map(e -> e.substring(ApprovalPolicy.GROUP_PREFIX.length())).filter(user.groups()::contains).toList();
    ApprovalDecision decision = new ApprovalDecision();
    decision.setMetadata(new ObjectMetaBuilder().withName(decisionName(name, user.name())).withNamespace(namespace)
        .build());
    decision.setSpec(new ApprovalDecisionSpec(name, verdict(), comment(), user.name(), through));
    try {
      client.resource(decision).create();
    } catch (KubernetesClientException e) {
      String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
          : e.getMessage();
      throw new CliException(e.getCode() == 409
          ? user.name() + " already decided on \"" + name + "\" (ApprovalDecision \"" + decisionName(name, user.name())
              + "\")"
          : message + (listed.contains(user.name()) || !through.isEmpty() ? "" : howToDecideAs(listed, user)));
    }
    out.println(user.name() + (through.isEmpty() ? "" : " (group " + String.join(", ", through) + ")") + " "
        + verdict() + (verdict().endsWith("e") ? "d" : "ed") + " \"" + name + "\"" + (comment().isBlank() ? ""
            : ": " + comment()));
  }

  /**
   * What to add to a refusal of someone the request does not list: who decides is who the API
   * server says ctk is (on {@code ctk serve --embedded}, {@value Identity#EMBEDDED_ADMIN}), so the
   * way to decide as a listed approver is impersonation, as with kubectl.
   */
  private String howToDecideAs(List<String> listed, Identity.User user) {
    boolean groups = listed.stream().anyMatch(e -> e.startsWith(ApprovalPolicy.GROUP_PREFIX));
    if (!identity.impersonating()) {
      return "; to decide as one of them, add --as USER" + (groups ? " (and --as-group GROUP for a group)" : "");
    }
    return groups && user.groups().isEmpty() ? "; for a group approver, add --as-group GROUP" : "";
  }

  /** {@code <request>-<user>}: one per person, so deciding twice is refused by the server as a duplicate. */
  static String decisionName(String request, String user) {
    String safe = user.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("(^-+|-+$)", "");
    return Children.shorten(request + "-" + (safe.isEmpty() ? "user" : safe));
  }
}
