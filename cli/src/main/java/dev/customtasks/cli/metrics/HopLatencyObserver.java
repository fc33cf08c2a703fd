package dev.customtasks.cli.metrics;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ctk_pipelinerun_hop_seconds}: from a child of a PipelineRun (CustomRun or TaskRun)
 * finishing to the next child of that PipelineRun being created, as this process sees it.
 *
 * <p>The API server's timestamps cannot measure it: {@code creationTimestamp} has whole seconds
 * on a real server, and hops are milliseconds. So both ends are the moments this process's watch
 * delivers the events: the update that made a child done, and the addition of the next child.
 * Both travel the same way to us as to the PipelineRun controller, so their difference is close
 * to the controller's own; it leaves out the time the finishing controller took to write the
 * status, and it counts the watch's delays when they differ between the two events. CustomRuns
 * and TaskRuns come on two watches: when a TaskRun's finish reaches us after the CustomRun it
 * released, that hop is measured from the finish before it, or not at all.
 */
public final class HopLatencyObserver implements AutoCloseable {

  static final String NAME = "ctk.pipelinerun.hop";
  private static final Logger LOG = LoggerFactory.getLogger(HopLatencyObserver.class);
  /** Hops are tens of milliseconds when all is well and seconds when the controller is behind. */
  private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final PipelineRunHops hops = new PipelineRunHops();
  private final Clock clock;
  private final Timer hopTimer;
  private final List<SharedIndexInformer<?>> informers;

  private HopLatencyObserver(KubernetesClient client, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.hopTimer = Timer.builder(NAME)
        .description("From a child of a PipelineRun finishing to its next child's creation, as seen by ctk's watch")
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
    this.informers = List.of(watch(client, CustomRun.class, CustomRun::isDone),
        watch(client, TaskRun.class, TaskRun::isDone));
  }

  /** Watches the children of PipelineRuns in every namespace until {@link #close()}. */
  public static HopLatencyObserver start(KubernetesClient client, MeterRegistry registry, Clock clock) {
    return new HopLatencyObserver(client, registry, clock);
  }

  private <T extends HasMetadata> SharedIndexInformer<T> watch(KubernetesClient client, Class<T> type,
      Predicate<T> isDone) {
    // Only the children of PipelineRuns: a CustomRun created on its own has no hop, and need not be cached.
    SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().withLabel(TektonLabels.PIPELINE_RUN)
        .runnableInformer(0);
    informer.addEventHandler(new ChildEvents<>(isDone));
    informer.start().whenComplete((ignored, failure) -> {
      if (failure != null) {
        LOG.warn("ctk_pipelinerun_hop_seconds: cannot watch {} ({}); their hops are not measured",
            HasMetadata.getPlural(type), failure.getMessage());
      }
    });
    return informer;
  }

  /** The PipelineRun a child belongs to: its owner's uid, so that a PipelineRun made again under its name starts afresh. */
  static Optional<String> pipelineRunOf(HasMetadata child) {
    Optional<String> owner = Optional.ofNullable(child.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
        .filter(o -> PipelineRun.KIND.equals(o.getKind())).map(OwnerReference::getUid).findFirst();
    return owner.or(() -> Optional.ofNullable(child.getMetadata().getLabels())
        .map(labels -> labels.get(TektonLabels.PIPELINE_RUN))
        .map(name -> child.getMetadata().getNamespace() + "/" + name));
  }

  /**
   * The informer first announces every existing child as added: none of those counts, since only a
   * finish seen happening (an update from not done to done) is remembered, and updates come after
   * the initial list.
   */
  private final class ChildEvents<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final Predicate<T> isDone;

    ChildEvents(Predicate<T> isDone) {
      this.isDone = isDone;
    }

    @Override
    public void onAdd(T child) {
      if (!isDone.test(child)) {
        pipelineRunOf(child).flatMap(run -> hops.childCreated(run, clock.instant())).ifPresent(hopTimer::record);
      }
    }

    @Override
    public void onUpdate(T before, T after) {
      if (!isDone.test(before) && isDone.test(after)) {
        pipelineRunOf(after).ifPresent(run -> hops.childFinished(run, clock.instant()));
      }
    }

    @Override
    public void onDelete(T child, boolean finalStateUnknown) {
      // Children go when their PipelineRun is deleted.
      pipelineRunOf(child).ifPresent(hops::forget);
    }
  }

  /** Whether every informer has listed what exists, so that what follows reaches it as events. */
  boolean watching() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  int pipelineRunsWithAFinish() {
    return hops.tracked();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
