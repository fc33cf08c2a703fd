package dev.customtasks.crds.testkit;

import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** Waits, with generous bounds, for objects on a server to reach a state. */
public final class RunAwaits {

  /** Generous: a loaded 2-core machine must not flake. */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);

  private RunAwaits() {
  }

  public static <T extends HasMetadata> T awaitObject(KubernetesClient client, Class<T> type, String namespace,
      String name, Predicate<T> condition) {
    return awaitObject(client, type, namespace, name, condition, DEFAULT_BOUND);
  }

  public static <T extends HasMetadata> T awaitObject(KubernetesClient client, Class<T> type, String namespace,
      String name, Predicate<T> condition, Duration bound) {
    return await().atMost(bound).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(() -> client.resources(type).inNamespace(namespace).withName(name).get(),
            o -> o != null && condition.test(o));
  }

  public static CustomRun awaitDone(KubernetesClient client, String namespace, String name) {
    return awaitObject(client, CustomRun.class, namespace, name, CustomRun::isDone);
  }

  public static CustomRun awaitStarted(KubernetesClient client, String namespace, String name) {
    return awaitObject(client, CustomRun.class, namespace, name, CustomRun::hasStarted);
  }

  /** Predicate: done with this reason on the Succeeded condition. */
  public static Predicate<CustomRun> doneWithReason(String reason) {
    return run -> run.isDone() && Objects.equals(run.getStatus().reason().orElse(null), reason);
  }
}
