package dev.customtasks.cli.serve;

import dev.customtasks.crds.controller.Operators;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.Optional;

/**
 * The JOSDK operator {@code ctk serve} runs: the settings of core-crds' {@code Operators.create}
 * (server-side apply off, client left open on stop, no CRD check), plus leader election when it
 * runs against a cluster. Kept in step with {@code Operators.create} by hand until that takes a
 * customiser.
 */
final class ControllerOperator {

  private ControllerOperator() {
  }

  static Operator create(KubernetesClient client, Optional<LeaderElectionConfiguration> leaderElection) {
    return Operators.create(client, o -> leaderElection.ifPresent(o::withLeaderElectionConfiguration));
  }
}
