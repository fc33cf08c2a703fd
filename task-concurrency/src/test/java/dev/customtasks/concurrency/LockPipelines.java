package dev.customtasks.concurrency;

import static org.awaitility.Awaitility.await;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.KeyEntry;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.testkit.RunAwaits;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PipelineRuns with a guarded section, as the ITs write them: {@code take} (a Lock) then
 * {@code deploy} (a TaskRun the stand-in completes after {@code deployFor}); and how to read back
 * when each section ran.
 */
final class LockPipelines {

  /** One guarded section as it ran: the deploy TaskRun's start and completion. */
  record Section(String pipelineRun, Instant start, Instant end) {
  }

  private final KubernetesClient client;
  private final String namespace;

  LockPipelines(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Creates PipelineRun {@code name}: Lock {@code key} with extra Lock params, then deploy. */
  PipelineRun guarded(String name, String key, String deployFor, String outcome, String... lockParams) {
    StringBuilder params = new StringBuilder("[{name: key, value: " + key + "}");
    for (int i = 0; i < lockParams.length; i += 2) {
      params.append(", {name: ").append(lockParams[i]).append(", value: \"").append(lockParams[i + 1]).append("\"}");
    }
    params.append("]");
    return create("""
        metadata: {name: %s}
        spec:
          pipelineSpec:
            tasks:
            - name: take
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
              params: %s
            - name: deploy
              runAfter: [take]
              taskSpec:
                metadata:
                  annotations: {customtasks.dev/stand-in-duration: %s, customtasks.dev/stand-in-outcome: %s}
                steps: [{name: deploy, image: busybox, script: 'echo deploy'}]
        """.formatted(name, params, deployFor, outcome));
  }

  PipelineRun create(String yaml) {
    PipelineRun run = Serialization.unmarshal("apiVersion: tekton.dev/v1\nkind: PipelineRun\n" + yaml,
        PipelineRun.class);
    run.getMetadata().setNamespace(namespace);
    return client.resource(run).create();
  }

  PipelineRun awaitDone(String name) {
    return RunAwaits.awaitObject(client, PipelineRun.class, namespace, name, PipelineRun::isDone,
        Duration.ofSeconds(90));
  }

  CustomRun lock(String pipelineRun) {
    return client.resources(CustomRun.class).inNamespace(namespace).withName(pipelineRun + "-take").get();
  }

  CustomRun awaitLock(String pipelineRun, java.util.function.Predicate<CustomRun> condition) {
    return RunAwaits.awaitObject(client, CustomRun.class, namespace, pipelineRun + "-take", condition,
        Duration.ofSeconds(60));
  }

  /** Waits until {@code pipelineRun}'s Lock is in {@code key}'s line or holds it. */
  void awaitInLine(String key, String pipelineRun) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(() -> entries(key).anyMatch(e -> pipelineRun.equals(e.pipelineRun())));
  }

  Optional<ConcurrencyKey> key(String key) {
    return Optional.ofNullable(client.resources(ConcurrencyKey.class).inNamespace(namespace)
        .withName(KeyNames.objectName(key)).get());
  }

  List<KeyEntry> holders(String key) {
    return key(key).map(k -> k.getStatus() == null || k.getStatus().holders() == null ? List.<KeyEntry>of()
        : k.getStatus().holders()).orElse(List.of());
  }

  List<KeyEntry> queue(String key) {
    return key(key).map(k -> k.getStatus() == null || k.getStatus().queue() == null ? List.<KeyEntry>of()
        : k.getStatus().queue()).orElse(List.of());
  }

  private Stream<KeyEntry> entries(String key) {
    return Stream.concat(holders(key).stream(), queue(key).stream());
  }

  /** The deploy sections of {@code pipelineRuns} that ran, by start. */
  List<Section> sections(List<String> pipelineRuns) {
    List<Section> sections = new ArrayList<>();
    for (String name : pipelineRuns) {
      TaskRun deploy = client.resources(TaskRun.class).inNamespace(namespace).withName(name + "-deploy").get();
      if (deploy != null && deploy.getStatus() != null && deploy.getStatus().getStartTime() != null) {
        sections.add(new Section(name, deploy.getStatus().startInstant(), deploy.getStatus().completionInstant()));
      }
    }
    sections.sort(Comparator.comparing(Section::start));
    return sections;
  }

  /** The most sections that ran at the same instant. */
  static int mostAtOnce(List<Section> sections) {
    int most = 0;
    for (Section s : sections) {
      long inside = sections.stream().filter(o -> !o.start().isAfter(s.start()) && o.end().isAfter(s.start())).count();
      most = (int) Math.max(most, inside);
    }
    return most;
  }

  void cancel(String pipelineRun) {
    client.resources(PipelineRun.class).inNamespace(namespace).withName(pipelineRun)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancelled\"}}");
  }

  void delete(String pipelineRun) {
    client.resources(PipelineRun.class).inNamespace(namespace).withName(pipelineRun).delete();
  }
}
