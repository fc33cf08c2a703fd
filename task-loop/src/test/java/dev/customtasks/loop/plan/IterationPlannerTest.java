package dev.customtasks.loop.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.loop.plan.Iteration.Phase;
import dev.customtasks.loop.plan.LoopEnd.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IterationPlannerTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final Predicate<Iteration> NEVER = i -> false;

  /** Iterations from a compact picture: one letter each, in order. R running, P pending, S succeeded, F failed, C cancelled. */
  private static List<Iteration> picture(String letters) {
    List<Iteration> iterations = new ArrayList<>();
    for (int i = 0; i < letters.length(); i++) {
      Phase phase = switch (letters.charAt(i)) {
        case 'R' -> Phase.RUNNING;
        case 'P' -> Phase.PENDING;
        case 'S' -> Phase.SUCCEEDED;
        case 'F' -> Phase.FAILED;
        case 'C' -> Phase.CANCELLED;
        default -> throw new IllegalArgumentException(letters);
      };
      Instant done = phase.isDone() ? T0.plusSeconds(i) : null;
      iterations.add(new Iteration(i + 1, phase, done, Map.of()));
    }
    return iterations;
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // total, concurrency, onFailure, started, expected starts, expected outcome (null: goes on), running
        Arguments.of(3, 1, OnFailure.STOP, "", List.of(1), null, 1),
        Arguments.of(3, 1, OnFailure.STOP, "R", List.of(), null, 1),
        Arguments.of(3, 1, OnFailure.STOP, "P", List.of(), null, 1),
        Arguments.of(3, 1, OnFailure.STOP, "S", List.of(2), null, 1),
        Arguments.of(3, 1, OnFailure.STOP, "SSS", List.of(), Outcome.SUCCEEDED, 0),
        Arguments.of(5, 3, OnFailure.STOP, "", List.of(1, 2, 3), null, 3),
        Arguments.of(5, 3, OnFailure.STOP, "SRR", List.of(4), null, 3),
        Arguments.of(5, 3, OnFailure.STOP, "SSRRR", List.of(), null, 3),
        Arguments.of(5, 0, OnFailure.STOP, "", List.of(1, 2, 3, 4, 5), null, 5),
        Arguments.of(2, 5, OnFailure.STOP, "", List.of(1, 2), null, 2),
        Arguments.of(5, 1, OnFailure.STOP, "SF", List.of(), Outcome.FAILED, 0),
        Arguments.of(5, 3, OnFailure.STOP, "SFR", List.of(), null, 1),
        Arguments.of(5, 3, OnFailure.STOP, "SFS", List.of(), Outcome.FAILED, 0),
        Arguments.of(5, 1, OnFailure.STOP, "C", List.of(), Outcome.FAILED, 0),
        Arguments.of(3, 1, OnFailure.CONTINUE, "F", List.of(2), null, 1),
        Arguments.of(3, 1, OnFailure.CONTINUE, "FSS", List.of(), Outcome.FAILED, 0),
        Arguments.of(3, 2, OnFailure.CONTINUE, "FSR", List.of(), null, 1));
  }

  @ParameterizedTest(name = "total {0}, concurrency {1}, {2}, started \"{3}\"")
  @MethodSource("table")
  void startsInOrderWithinConcurrencyAndEndsAsTaskLoopDid(int total, int concurrency, OnFailure onFailure,
      String started, List<Integer> starts, Outcome outcome, int running) {
    LoopPlan plan = IterationPlanner.plan(new LoopShape(total, concurrency, onFailure, Duration.ZERO, false),
        picture(started), NEVER, T0);

    assertThat(plan.start()).isEqualTo(starts);
    assertThat(plan.ended().map(LoopEnd::outcome).orElse(null)).isEqualTo(outcome);
    assertThat(plan.running()).isEqualTo(running);
    assertThat(plan.waitUntil()).isEmpty();
  }

  @Test
  void continueNamesEveryFailedIteration() {
    LoopPlan plan = IterationPlanner.plan(new LoopShape(4, 0, OnFailure.CONTINUE, Duration.ZERO, false),
        picture("FSCS"), NEVER, T0);
    assertThat(plan.end()).isEqualTo(new LoopEnd(Outcome.FAILED, 4, List.of(1, 3), 0));
    assertThat(plan.completed()).isEqualTo(4);
  }

  @Test
  void untilThatHoldsOnTheThirdIterationEndsTheLoopThere() {
    LoopShape shape = new LoopShape(20, 1, OnFailure.STOP, Duration.ZERO, true);
    Predicate<Iteration> third = i -> i.number() == 3;
    assertThat(IterationPlanner.plan(shape, picture("SS"), third, T0).start()).containsExactly(3);
    LoopPlan plan = IterationPlanner.plan(shape, picture("SSS"), third, T0);
    assertThat(plan.start()).isEmpty();
    assertThat(plan.end()).isEqualTo(new LoopEnd(Outcome.UNTIL_HELD, 3, List.of(), 3));
    assertThat(plan.end().outcome().isSuccess()).isTrue();
  }

  @Test
  void untilIsAskedOnlyOfSucceededIterations() {
    List<Integer> asked = new ArrayList<>();
    IterationPlanner.plan(new LoopShape(5, 1, OnFailure.CONTINUE, Duration.ZERO, true), picture("SFS"),
        i -> asked.add(i.number()) && false, T0);
    assertThat(asked).containsExactly(1, 3);
  }

  @Test
  void untilThatNeverHoldsEndsWithMaxIterationsReached() {
    LoopPlan plan = IterationPlanner.plan(new LoopShape(3, 1, OnFailure.STOP, Duration.ZERO, true), picture("SSS"),
        NEVER, T0);
    assertThat(plan.end()).isEqualTo(new LoopEnd(Outcome.MAX_ITERATIONS_REACHED, 3, List.of(), 0));
    assertThat(plan.end().outcome().isSuccess()).isFalse();
  }

  @Test
  void aFailedIterationWinsOverAConditionThatHeldLater() {
    LoopPlan plan = IterationPlanner.plan(new LoopShape(5, 1, OnFailure.CONTINUE, Duration.ZERO, true),
        picture("FS"), i -> true, T0);
    assertThat(plan.end().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(plan.end().untilHeldAt()).isEqualTo(2);
  }

  @Test
  void anIntervalWaitsFromThePreviousEndThenStarts() {
    LoopShape shape = new LoopShape(5, 1, OnFailure.STOP, Duration.ofSeconds(30), true);
    List<Iteration> one = List.of(Iteration.succeeded(1, T0, Map.of()));

    assertThat(IterationPlanner.plan(shape, List.of(), NEVER, T0).start()).containsExactly(1);
    LoopPlan waiting = IterationPlanner.plan(shape, one, NEVER, T0.plusSeconds(29));
    assertThat(waiting.start()).isEmpty();
    assertThat(waiting.waitUntil()).contains(T0.plusSeconds(30));
    assertThat(waiting.ended()).isEmpty();
    assertThat(IterationPlanner.plan(shape, one, NEVER, T0.plusSeconds(30)).start()).containsExactly(2);
  }

  @Test
  void noIntervalIsWaitedAfterTheLastIteration() {
    LoopShape shape = new LoopShape(1, 1, OnFailure.STOP, Duration.ofMinutes(1), false);
    LoopPlan plan = IterationPlanner.plan(shape, List.of(Iteration.succeeded(1, T0, Map.of())), NEVER, T0);
    assertThat(plan.end().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aRestartSeesTheSameIterationsAndStartsNoneTwice() {
    LoopShape shape = new LoopShape(4, 2, OnFailure.STOP, Duration.ZERO, false);
    List<Iteration> before = picture("SRR");
    LoopPlan first = IterationPlanner.plan(shape, before, NEVER, T0);
    LoopPlan again = IterationPlanner.plan(shape, before, NEVER, T0.plusSeconds(5));
    assertThat(first).isEqualTo(again);
    assertThat(first.start()).isEmpty();
  }

  @Test
  void gapsAndOverrunsAreProgrammingErrors() {
    LoopShape shape = LoopShape.sequential(3);
    assertThatThrownBy(() -> IterationPlanner.plan(shape, List.of(Iteration.running(2)), NEVER, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IterationPlanner.plan(LoopShape.sequential(1), picture("SS"), NEVER, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoopShape(3, 2, OnFailure.STOP, Duration.ofSeconds(1), false))
        .hasMessageContaining("interval needs concurrency 1");
  }
}
