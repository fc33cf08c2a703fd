package dev.customtasks.matrix.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduling decisions as a table. Phases are one letter per combination: {@code .} not
 * started, {@code P} pending, {@code R} running, {@code S} succeeded, {@code F} failed,
 * {@code C} cancelled.
 */
class MatrixScheduleTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // name, phases, maxParallel, failFast, start, cancel, verdict, failed
        row("first tick, no limit: everything starts", "......", null, false, "0 1 2 3 4 5", false, "RUNNING", ""),
        row("first tick, maxParallel 2: the first two start", "......", 2, false, "0 1", false, "RUNNING", ""),
        row("both slots taken: nothing starts", "PR....", 2, false, "", false, "RUNNING", ""),
        row("one done: the next in order starts", "SR....", 2, false, "2", false, "RUNNING", ""),
        row("two done at once: two start", "SS....", 2, false, "2 3", false, "RUNNING", ""),
        row("a pending child holds a slot", "SSP...", 2, false, "3", false, "RUNNING", ""),
        row("maxParallel larger than what is left", "SSSS..", 10, false, "4 5", false, "RUNNING", ""),
        row("last ones running: nothing to start", "SSSSRR", 2, false, "", false, "RUNNING", ""),
        row("all succeeded", "SSSSSS", 2, false, "", false, "SUCCEEDED", ""),
        row("without failFast a failure does not stop the others", "SFR...", 2, false, "3", false, "RUNNING", "1"),
        row("without failFast the matrix fails once all are done", "SFSSCS", 2, false, "", false, "FAILED", "1 4"),
        row("failFast: a failure cancels the running and starts none", "SFR...", 2, true, "", true, "FAILED", "1"),
        row("failFast with nothing running: fails without a cancel", "SF....", 2, true, "", false, "FAILED", "1"),
        row("failFast: a child cancelled by someone else counts as failed", "CR....", 3, true, "", true, "FAILED", "0"),
        row("failFast with no failure: as without", "SR....", 2, true, "2", false, "RUNNING", ""),
        row("maxParallel 1: strictly one after the other", "S.....", 1, false, "1", false, "RUNNING", ""),
        row("a single combination", ".", null, false, "0", false, "RUNNING", ""),
        row("more active than maxParallel (lowered by an edit): none starts", "RRR...", 2, false, "", false,
            "RUNNING", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, String phases, Integer maxParallel, boolean failFast, String start, boolean cancel,
      String verdict, String failed) {
    Decision decision = MatrixSchedule.decide(parse(phases), maxParallel, failFast);

    assertThat(decision.start()).as("start").isEqualTo(indices(start));
    assertThat(decision.cancelRunning()).as("cancel").isEqualTo(cancel);
    assertThat(decision.verdict()).as("verdict").isEqualTo(Verdict.valueOf(verdict));
    assertThat(decision.failed()).as("failed").isEqualTo(indices(failed));
  }

  @Test
  void countsWhatIsActiveAndDoneAfterTheStarts() {
    Decision decision = MatrixSchedule.decide(parse("SFR..."), 3, false);
    assertThat(decision.active()).isEqualTo(3);
    assertThat(decision.done()).isEqualTo(2);
  }

  @Test
  void maxParallelBelowOneIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> MatrixSchedule.decide(parse("..."), 0, false))
        .withMessageContaining("at least 1, got 0");
  }

  /**
   * Children finish in a random order, one tick at a time, and each tick may see a stale view
   * (completions not seen yet, children created last not seen yet): never more than maxParallel
   * are active, every child is created once, in order, and the matrix ends when all are done.
   */
  @Test
  void aSimulatedRunWithStaleViewsNeverExceedsMaxParallel() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(20);
      int max = 1 + random.nextInt(5);
      List<ChildPhase> truth = new ArrayList<>(parse(".".repeat(n)));
      List<ChildPhase> lastView = new ArrayList<>(truth);
      int ticks = 0;
      while (true) {
        // A view that lags: with some chance, the previous tick's view of each child.
        List<ChildPhase> view = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          view.add(random.nextInt(3) == 0 ? lastView.get(i) : truth.get(i));
        }
        Decision decision = MatrixSchedule.decide(view, max, false);
        for (int i : decision.start()) {
          if (truth.get(i) == ChildPhase.NOT_STARTED) {
            truth.set(i, ChildPhase.PENDING);
          }
        }
        assertThat(truth.stream().filter(ChildPhase::isActive).count()).isLessThanOrEqualTo(max);
        assertThat(prefixOfStarted(truth)).as("children start in order").isTrue();
        if (decision.isFinished() && view.equals(truth)) {
          assertThat(truth).allMatch(p -> p == ChildPhase.SUCCEEDED);
          break;
        }
        // Some active child finishes.
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (truth.get(i).isActive()) {
            active.add(i);
          }
        }
        if (!active.isEmpty()) {
          truth.set(active.get(random.nextInt(active.size())), ChildPhase.SUCCEEDED);
        }
        lastView = view;
        assertThat(++ticks).as("the matrix ends").isLessThan(10_000);
      }
    }
  }

  private static boolean prefixOfStarted(List<ChildPhase> phases) {
    boolean gap = false;
    for (ChildPhase phase : phases) {
      if (!phase.isStarted()) {
        gap = true;
      } else if (gap) {
        return false;
      }
    }
    return true;
  }

  private static Arguments row(Object... values) {
    return Arguments.of(values);
  }

  static List<ChildPhase> parse(String phases) {
    List<ChildPhase> out = new ArrayList<>();
    for (char c : phases.toCharArray()) {
      out.add(switch (c) {
        case '.' -> ChildPhase.NOT_STARTED;
        case 'P' -> ChildPhase.PENDING;
        case 'R' -> ChildPhase.RUNNING;
        case 'S' -> ChildPhase.SUCCEEDED;
        case 'F' -> ChildPhase.FAILED;
        case 'C' -> ChildPhase.CANCELLED;
        default -> throw new IllegalArgumentException("phase " + c);
      });
    }
    return out;
  }

  private static List<Integer> indices(String s) {
    return s.isBlank() ? List.of() : Stream.of(s.split(" ")).map(Integer::valueOf).toList();
  }
}
