package dev.customtasks.cli.metrics;

import dev.customtasks.cli.describe.RunKind;
import dev.customtasks.cli.describe.RunRow;
import dev.customtasks.cli.describe.RunState;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ctk_runs{kind, state}}: how many PipelineRuns, CustomRuns and TaskRuns are in each state,
 * in every namespace. Counted by listing each kind every {@code interval}, not on each scrape, so
 * that a scrape never reaches the API server. A kind the server does not serve (no Tekton CRD for
 * it) has no series until it does.
 */
public final class RunStateGauges implements AutoCloseable {

  static final String NAME = "ctk.runs";
  private static final Logger LOG = LoggerFactory.getLogger(RunStateGauges.class);

  private final KubernetesClient client;
  private final MeterRegistry registry;
  private final Map<RunKind, Map<RunState, AtomicLong>> counts = new EnumMap<>(RunKind.class);
  private final Set<RunKind> failing = new HashSet<>();
  private ScheduledExecutorService refresher;

  RunStateGauges(KubernetesClient client, MeterRegistry registry) {
    this.client = client;
    this.registry = registry;
  }

  /** Counts now and then every {@code interval}, on a daemon thread, until {@link #close()}. */
  public static RunStateGauges start(KubernetesClient client, MeterRegistry registry, Duration interval) {
    RunStateGauges gauges = new RunStateGauges(client, registry);
    gauges.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "ctk-run-states");
      thread.setDaemon(true);
      return thread;
    });
    gauges.refresher.scheduleWithFixedDelay(gauges::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return gauges;
  }

  /** Lists each kind once and sets its gauges; a kind that cannot be listed keeps its last counts. */
  synchronized void refresh() {
    for (RunKind kind : RunKind.values()) {
      List<RunRow> runs;
      try {
        runs = kind.list(client, null);
      } catch (KubernetesClientException e) {
        // Said once per outage, not every interval: the next success says it is over.
        if (failing.add(kind)) {
          LOG.warn("ctk_runs: cannot list {} ({}); their counts are not updated until it works", kind.plural(),
              e.getCode() == 404 ? "the server does not serve them" : e.getMessage());
        }
        continue;
      } catch (RuntimeException e) {
        // The scheduler drops a task that throws: log it and try again next time.
        LOG.warn("ctk_runs: counting {} failed", kind.plural(), e);
        continue;
      }
      if (failing.remove(kind)) {
        LOG.info("ctk_runs: counting {} again", kind.plural());
      }
      Map<RunState, AtomicLong> byState = counts.computeIfAbsent(kind, this::register);
      Map<RunState, Long> fresh = new EnumMap<>(RunState.class);
      runs.forEach(run -> fresh.merge(run.state(), 1L, Long::sum));
      byState.forEach((state, count) -> count.set(fresh.getOrDefault(state, 0L)));
    }
  }

  private Map<RunState, AtomicLong> register(RunKind kind) {
    Map<RunState, AtomicLong> byState = new EnumMap<>(RunState.class);
    String kindLabel = kindLabel(kind);
    for (RunState state : RunState.values()) {
      AtomicLong count = new AtomicLong();
      Gauge.builder(NAME, count, AtomicLong::get)
          .description("Runs by kind and state, as listed from the API server every --metrics-refresh")
          .tag("kind", kindLabel)
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
      byState.put(state, count);
    }
    return byState;
  }

  /** The kind as Kubernetes spells it, e.g. PipelineRun. */
  static String kindLabel(RunKind kind) {
    return switch (kind) {
      case PIPELINERUNS -> PipelineRun.KIND;
      case CUSTOMRUNS -> CustomRun.KIND;
      case TASKRUNS -> TaskRun.KIND;
    };
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }
}
