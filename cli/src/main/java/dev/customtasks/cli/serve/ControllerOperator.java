package dev.customtasks.cli.serve;

import dev.customtasks.crds.controller.Operators;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.Optional;

/**
 * The JOSDK operator {@code ctk serve} runs: the settings of core-crds' {@code Operators.create}
 * (server-side apply off, client left open on stop, no CRD check), plus leader election when it
 * runs against a cluster and the metrics it records reconciles in.
 */
final class ControllerOperator {

  private ControllerOperator() {
  }

  static Operator create(KubernetesClient client, Optional<LeaderElectionConfiguration> leaderElection,
      Metrics metrics) {
    return Operators.create(client, o -> {
      leaderElection.ifPresent(o::withLeaderElectionConfiguration);
      o.withMetrics(metrics);
    });
  }
}
