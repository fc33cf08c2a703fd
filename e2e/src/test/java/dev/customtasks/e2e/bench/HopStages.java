package dev.customtasks.e2e.bench;

import dev.customtasks.e2e.bench.HopTrace.Entry;
import dev.customtasks.e2e.bench.HopTrace.Mark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * A hop cut into stages, from a {@link HopTrace} and the benchmark's {@link CustomRunWatch}. Each
 * controller's turn is one reaction: a request of the other controller (the cause) makes the
 * server send an event; the reacting controller receives it, JOSDK submits a reconcile of the
 * resource (after the one in flight for the same resource, if any), an executor thread starts it,
 * the reconcile makes its request (the effect), and the benchmark's watch sees the result.
 *
 * <ul>
 *   <li>PipelineRun controller: cause = the Wait's status patch of task i's CustomRun; resource =
 *       the PipelineRun; effect = the create of task i+1's CustomRun; seen = its ADDED.
 *   <li>Wait controller: cause = that create; resource = the new CustomRun; effect = its status
 *       patch to {@code Succeeded=True}; seen = its MODIFIED.
 * </ul>
 *
 * The execution that made the effect is the last one started before it; the submission, the last
 * one before that; the event, the first one received after the cause was sent. Stages in ms:
 * event delivery (cause sent to event received), behind the same resource's reconcile (received
 * to submitted; 0 when it was submitted before the event came, which the execution then saw),
 * executor queue (submitted or received, the later, to started), reconcile until the effect
 * (started to effect sent), effect to watch (sent to seen); they add up to the turn's total.
 * Besides: the effect request's round trip, and what the execution did after it (until ended).
 */
public final class HopStages {

  /** The stages of one controller's turn, as rows, in order. */
  public static final List<String> STAGES = List.of(
      "event delivery: cause sent -> event received by JOSDK",
      "behind the same resource's reconcile: received -> submitted",
      "executor queue: submitted -> execution started",
      "reconcile until the effect: started -> effect sent",
      "effect seen: effect sent -> benchmark's watch",
      "total: cause sent -> effect seen",
      "(of which the effect's round trip: sent -> answered)",
      "(after the effect, the execution ran on for: answered -> ended)");

  /** One controller's turns: per stage, the samples in ms; and how many turns could not be paired. */
  public record Turns(Map<String, List<Double>> byStage, int unpaired) {

    public Percentiles stage(String stage) {
      return Percentiles.of(byStage.get(stage));
    }

    public int count() {
      return byStage.get(STAGES.get(0)).size();
    }
  }

  private final Map<String, Map<String, Map<Mark, List<Long>>>> times = new HashMap<>();

  public HopStages(List<Entry> entries) {
    for (Entry e : entries) {
      times.computeIfAbsent(e.who(), w -> new HashMap<>()).computeIfAbsent(e.name(), n -> new HashMap<>())
          .computeIfAbsent(e.mark(), m -> new ArrayList<>()).add(e.nanos());
    }
    times.values().forEach(byName -> byName.values().forEach(byMark -> byMark.values().forEach(l -> l.sort(null))));
  }

  /**
   * The PipelineRun controller's turns in {@code pipelineRuns} of {@code tasks} chained tasks, named
   * {@code <run>-<task>} ({@link BenchObjects#chainTask}).
   */
  public Turns pipelineRunTurns(String controller, List<String> pipelineRuns, int tasks, CustomRunWatch watch) {
    Turns turns = new Turns(emptyStages(), 0);
    int unpaired = 0;
    for (String run : pipelineRuns) {
      for (int i = 1; i < tasks; i++) {
        String done = run + "-" + BenchObjects.chainTask(i);
        String next = run + "-" + BenchObjects.chainTask(i + 1);
        long cause = last(at("customruns", done, Mark.STATUS_SENT));
        long effect = first(at("customruns", next, Mark.CREATE_SENT));
        long answered = first(at("customruns", next, Mark.CREATE_ANSWERED));
        long seen = watch.sighting(next).map(CustomRunWatch.Sighting::addedNanos).orElse(CustomRunWatch.UNSEEN);
        unpaired += turn(turns, controller, run, cause, effect, answered, seen) ? 0 : 1;
      }
    }
    return new Turns(turns.byStage(), unpaired);
  }

  /** The Wait controller's turns on the CustomRuns of the same PipelineRuns (task 2 on: created in a hop). */
  public Turns waitTurns(String controller, List<String> pipelineRuns, int tasks, CustomRunWatch watch) {
    Turns turns = new Turns(emptyStages(), 0);
    int unpaired = 0;
    for (String run : pipelineRuns) {
      for (int i = 2; i <= tasks; i++) {
        String child = run + "-" + BenchObjects.chainTask(i);
        long cause = first(at("customruns", child, Mark.CREATE_SENT));
        List<Long> patches = at("customruns", child, Mark.STATUS_SENT);
        long effect = last(patches);
        long answered = last(at("customruns", child, Mark.STATUS_ANSWERED));
        long seen = watch.sighting(child).map(CustomRunWatch.Sighting::succeededNanos).orElse(CustomRunWatch.UNSEEN);
        unpaired += turn(turns, controller, child, cause, effect, answered, seen) ? 0 : 1;
      }
    }
    return new Turns(turns.byStage(), unpaired);
  }

  private boolean turn(Turns turns, String controller, String resource, long cause, long effect, long answered,
      long seen) {
    if (cause == UNSET || effect == UNSET || answered == UNSET || seen == CustomRunWatch.UNSEEN || effect < cause) {
      return false;
    }
    long started = lastWhere(at(controller, resource, Mark.STARTED), t -> t <= effect);
    long submitted = lastWhere(at(controller, resource, Mark.SUBMITTED), t -> t <= started);
    long received = firstWhere(at(controller, resource, Mark.RECEIVED), t -> t >= cause);
    long ended = firstWhere(at(controller, resource, Mark.ENDED), t -> t >= effect);
    if (started == UNSET || submitted == UNSET || received == UNSET || ended == UNSET || received > started) {
      return false;
    }
    Map<String, List<Double>> s = turns.byStage();
    add(s, 0, received - cause);
    add(s, 1, Math.max(0, submitted - received));
    add(s, 2, started - Math.max(submitted, received));
    add(s, 3, effect - started);
    add(s, 4, seen - effect);
    add(s, 5, seen - cause);
    add(s, 6, answered - effect);
    add(s, 7, ended - answered);
    return true;
  }

  private static void add(Map<String, List<Double>> stages, int stage, long nanos) {
    stages.get(STAGES.get(stage)).add(nanos / 1e6);
  }

  private static Map<String, List<Double>> emptyStages() {
    Map<String, List<Double>> stages = new LinkedHashMap<>();
    STAGES.forEach(s -> stages.put(s, new ArrayList<>()));
    return stages;
  }

  private static final long UNSET = Long.MIN_VALUE;

  private List<Long> at(String who, String name, Mark mark) {
    return times.getOrDefault(who, Map.of()).getOrDefault(name, Map.of()).getOrDefault(mark, List.of());
  }

  private static long first(List<Long> sorted) {
    return sorted.isEmpty() ? UNSET : sorted.get(0);
  }

  private static long last(List<Long> sorted) {
    return sorted.isEmpty() ? UNSET : sorted.get(sorted.size() - 1);
  }

  private static long firstWhere(List<Long> sorted, LongPredicate test) {
    return sorted.stream().mapToLong(Long::longValue).filter(test).findFirst().orElse(UNSET);
  }

  private static long lastWhere(List<Long> sorted, LongPredicate test) {
    long found = UNSET;
    for (long t : sorted) {
      if (test.test(t)) {
        found = t;
      }
    }
    return found;
  }

  /**
   * The stage table in markdown: one row per stage, p50 and p99 for each controller.
   *
   * @param columns controller label to its turns, in column order
   */
  public static String table(Map<String, Turns> columns) {
    StringBuilder md = new StringBuilder("| stage |");
    columns.forEach((label, t) -> md.append(' ').append(label).append(" p50 / p99 (ms) |"));
    md.append("\n| --- |");
    columns.forEach((label, t) -> md.append(" --- |"));
    md.append('\n');
    for (String stage : STAGES) {
      md.append("| ").append(stage).append(" |");
      columns.forEach((label, t) -> {
        if (t.byStage().get(stage).isEmpty()) {
          md.append(" - |");
        } else {
          Percentiles p = t.stage(stage);
          md.append(String.format(Locale.ROOT, " %s / %s |", Percentiles.ms(p.p50()), Percentiles.ms(p.p99())));
        }
      });
      md.append('\n');
    }
    md.append("| turns paired (not paired) |");
    columns.forEach((label, t) -> md.append(String.format(Locale.ROOT, " %d (%d) |", t.count(), t.unpaired())));
    return md.append('\n').toString();
  }
}
