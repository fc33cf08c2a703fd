package dev.customtasks.e2e.concurrency;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.ConcurrencyKeyStatus;
import dev.customtasks.e2e.bench.Percentiles;
import dev.customtasks.embedded.RequestTally;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a hand-over's time goes, from the benchmark's own watch on the {@code ConcurrencyKey}:
 * when each Lock was first seen in line and first seen holding the slot (the key's
 * compare-and-set), and, where the embedded server counts requests ({@link RequestTally}), the
 * requests and the 409 conflicts while the Locks were still arriving and after. All times are
 * {@link System#nanoTime()} at receipt.
 */
final class HandOverTimeline implements Watcher<ConcurrencyKey> {

  private final int runs;
  private final Optional<RequestTally> tally;
  private final Map<String, Long> inLine = new ConcurrentHashMap<>();
  private final Map<String, Long> holding = new ConcurrentHashMap<>();
  private volatile long allInLine;
  private volatile Map<RequestTally.Key, Long> requestsArriving = Map.of();
  private volatile Map<RequestTally.Key, Long> conflictsArriving = Map.of();

  HandOverTimeline(int runs, Optional<RequestTally> tally) {
    this.runs = runs;
    this.tally = tally;
  }

  @Override
  public synchronized void eventReceived(Action action, ConcurrencyKey key) {
    long now = System.nanoTime();
    ConcurrencyKeyStatus status = key.getStatus();
    if (action == Action.DELETED || status == null) {
      return;
    }
    Optional.ofNullable(status.holders()).orElse(List.of()).forEach(e -> {
      inLine.putIfAbsent(e.name(), now);
      holding.putIfAbsent(e.name(), now);
    });
    Optional.ofNullable(status.queue()).orElse(List.of()).forEach(e -> inLine.putIfAbsent(e.name(), now));
    if (allInLine == 0 && inLine.size() >= runs) {
      allInLine = now;
      tally.ifPresent(t -> {
        requestsArriving = t.snapshot();
        conflictsArriving = t.conflicts();
      });
    }
  }

  @Override
  public void onClose(WatcherException cause) {
  }

  /** When the Lock {@code name} was first seen in line (or holding), or null. */
  Long inLine(String name) {
    return inLine.get(name);
  }

  /** When the Lock {@code name} was first seen holding the slot, or null. */
  Long holding(String name) {
    return holding.get(name);
  }

  /** When every Lock was in line at least once (0 if never). */
  long allInLine() {
    return allInLine;
  }

  /**
   * One hand-over, in milliseconds from the holder's PipelineRun seen done: the key seen with the
   * next Lock holding, the next Lock seen {@code Succeeded=True}.
   */
  record HandOver(int index, String next, double created, double inLine, double keyWritten, double succeeded,
      boolean arriving) {

    String describe() {
      return String.format(Locale.ROOT, "#%d %s: Lock created %s ms, in line %s ms, key %s ms, Succeeded %s ms%s",
          index, next, ms(created), ms(inLine), ms(keyWritten), ms(succeeded),
          arriving ? " (Locks still arriving)" : "");
    }
  }

  static String breakdown(List<HandOver> handOvers) {
    Percentiles key = Percentiles.of(handOvers.stream().map(HandOver::keyWritten).toList());
    Percentiles write = Percentiles.of(handOvers.stream().map(h -> h.succeeded() - h.keyWritten()).toList());
    return "done to key written: " + key.describe() + "; key written to Lock Succeeded: " + write.describe();
  }

  static String byPhase(List<HandOver> handOvers) {
    return Stream.of(true, false).map(arriving -> {
      List<Double> of = handOvers.stream().filter(h -> h.arriving() == arriving).map(HandOver::succeeded).toList();
      return (arriving ? "while Locks arrive: " : "after all are in line: ")
          + (of.isEmpty() ? "none" : Percentiles.of(of).describe());
    }).collect(Collectors.joining("; "));
  }

  static String slowest(List<HandOver> handOvers, int count) {
    return handOvers.stream().sorted(Comparator.comparingDouble(HandOver::succeeded).reversed()).limit(count)
        .map(HandOver::describe).collect(Collectors.joining("; "));
  }

  /**
   * Requests per hand-over after every Lock was in line, the busiest resources first, e.g.
   * {@code customruns/status patch 98.5, concurrencykeys/status patch 1.0}.
   */
  Optional<String> requestsPerHandOver(int handOversAfterArrival) {
    return tally.filter(t -> allInLine != 0 && handOversAfterArrival > 0).map(t -> {
      Map<String, Long> after = minus(byResource(t.snapshot()), byResource(requestsArriving));
      long total = after.values().stream().mapToLong(Long::longValue).sum();
      return String.format(Locale.ROOT, "%.1f in all: ", (double) total / handOversAfterArrival)
          + after.entrySet().stream().filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
          .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), (double) e.getValue() / handOversAfterArrival))
          .collect(Collectors.joining(", "));
    });
  }

  /** 409s on the key and on the runs, while the Locks arrived and after. */
  Optional<String> conflicts() {
    return tally.filter(t -> allInLine != 0).map(t -> {
      Map<String, Long> arriving = byResource(conflictsArriving);
      Map<String, Long> after = minus(byResource(t.conflicts()), arriving);
      return "while Locks arrive: " + describe(arriving) + "; after: " + describe(after);
    });
  }

  private static String describe(Map<String, Long> conflicts) {
    String text = conflicts.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    return text.isEmpty() ? "none" : text;
  }

  private static Map<String, Long> byResource(Map<RequestTally.Key, Long> counts) {
    return counts.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().resource() + " " + e.getKey().verb(),
        Map.Entry::getValue, Long::sum, TreeMap::new));
  }

  private static Map<String, Long> minus(Map<String, Long> total, Map<String, Long> part) {
    Map<String, Long> rest = new TreeMap<>(total);
    part.forEach((k, v) -> rest.merge(k, -v, Long::sum));
    return rest;
  }

  private static String ms(double millis) {
    return Math.abs(millis) >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
        : String.format(Locale.ROOT, "%.1f", millis);
  }
}
