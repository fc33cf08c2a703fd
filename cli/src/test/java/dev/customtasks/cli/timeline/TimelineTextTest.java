package dev.customtasks.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimelineTextTest {

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  @Test
  void sequentialTasksOnEightyColumnsWithTheWaitsScheduledTimeAsWaiting() {
    assertThat(text(SpansTest.SEQUENTIAL, "10:05:00", 80)).isEqualTo("""
        Timeline: release-run  Succeeded  19.9s, one column = 641ms
          TASK             KIND     STATE        TOOK  0s                          19.9s
          build            TaskRun  Succeeded    2.0s  | ===                           |
          wait-for-window  Wait     Succeeded   12.2s  |     ~~~~~~~~~~~~~~~~~~#       |
          deploy           TaskRun  Succeeded    2.8s  |                          =====|
        Hops over 500ms: 1 of 3 (predecessor done -> run created):
          wait-for-window -> deploy    1.6s  <- longest
        Legend:  = TaskRun  # custom task
                 ~ waiting (Wait, Approval, Lock, Loop interval)  x failed attempt
                 > still running
        """);
  }

  @Test
  void parallelBranchesASkippedTaskAndFinallyOnSixtyColumns() {
    assertThat(text(SpansTest.PARALLEL, "10:05:00", 60)).isEqualTo("""
        Timeline: fan-in  Succeeded  10.0s, one column = 625ms
          TASK        KIND     STATE        TOOK  0s           10.0s
          unit-tests  TaskRun  Succeeded    3.0s  |=====           |
          lint        TaskRun  Succeeded    1.0s  |==              |
          cool-down   Wait     Succeeded    5.1s  |      ~~~~~~~~  |
          publish              Skipped            | When Expressi..|
          finally:
          notify      TaskRun  Succeeded   900ms  |               =|
        Hops: none of 4 over 500ms; the longest
            (predecessor done -> run created):
          (tasks) -> notify   300ms  <- longest
        Legend:  = TaskRun  # custom task
                 ~ waiting (Wait, Approval, Lock, Loop interval)
                 x failed attempt  > still running
        """);
  }

  @Test
  void aNestedPipelineRunIsIndentedUnderItsTask() {
    assertThat(text(SpansTest.NESTED, "10:05:00", 72)).isEqualTo("""
        Timeline: outer  Succeeded  6.0s, one column = 260ms
          TASK         KIND         STATE        TOOK  0s                   6.0s
          build-all    Pipeline     Succeeded    5.7s  | ######################|
            build      PipelineRun  Succeeded    5.4s  |  ==================== |
              compile  TaskRun      Succeeded    2.4s  |  ==========           |
              scan     TaskRun      Succeeded    1.6s  |                ====== |
        Hops over 500ms: 1 of 3 (predecessor done -> run created):
          build-all/build/compile -> build-all/build/scan    1.0s  <- longest
        Legend:  = TaskRun  # custom task
                 ~ waiting (Wait, Approval, Lock, Loop interval)
                 x failed attempt  > still running
        """);
  }

  @Test
  void aRetriedTaskShowsItsFailedAttempts() {
    assertThat(text(SpansTest.RETRIED, "10:00:06", 60)).isEqualTo("""
        Timeline: flaky  Running  6.0s so far, one column = 333ms
          TASK      KIND     STATE        TOOK  0s              6.0s
          test      TaskRun  Succeeded    5.8s  | xx==xxxx=========|
        Hops: none of 1 over 500ms; the longest
            (predecessor done -> run created):
          (start) -> test   100ms  <- longest
        Legend:  = TaskRun  # custom task
                 ~ waiting (Wait, Approval, Lock, Loop interval)
                 x failed attempt  > still running
        """);
  }

  @Test
  void aRunStillGoingEndsItsBarNowAndATaskNotCreatedYetHasNone() {
    assertThat(text(SpansTest.IN_PROGRESS, "10:00:10", 60)).isEqualTo("""
        Timeline: going  Running  10.0s so far, one column = 476ms
          TASK      KIND  STATE        TOOK  0s                10.0s
          hold      Wait  Running      9.8s  |~~~~~~~~~~~~~~~~~~~~>|
          after           Pending            |                     |
        Hops: none of 1 over 500ms; the longest
            (predecessor done -> run created):
          (start) -> hold   100ms  <- longest
        Legend:  = TaskRun  # custom task
                 ~ waiting (Wait, Approval, Lock, Loop interval)
                 x failed attempt  > still running
        """);
  }

  @Test
  void theHopsHeadingSaysWhatTheListHoldsOverOrUnderTheThreshold() {
    Timeline timeline = Spans.of(Fixtures.tree(SpansTest.SEQUENTIAL), SpansTest.at("10:05:00"));

    // hops of 200ms, 500ms and 1.6s: over 100ms all three, over 500ms one, over 2s none
    assertThat(hopLines(timeline, Duration.ofMillis(100))).containsExactly(
        "Hops over 100ms: 3 of 3 (predecessor done -> run created):",
        "  (start) -> build            200ms",
        "  build -> wait-for-window    500ms",
        "  wait-for-window -> deploy    1.6s  <- longest");
    assertThat(hopLines(timeline, Duration.ofSeconds(2))).containsExactly(
        "Hops: none of 3 over 2.0s; the longest (predecessor done -> run created):",
        "  wait-for-window -> deploy    1.6s  <- longest");
    // never a heading over a list whose longest is under the threshold it names
    for (long ms : new long[] {100, 500, 1000, 1600, 2000, 60_000}) {
      List<String> lines = hopLines(timeline, Duration.ofMillis(ms));
      if (lines.get(0).startsWith("Hops over ")) {
        assertThat(timeline.shownHops(Duration.ofMillis(ms))).allMatch(h -> h.duration().toMillis() > ms);
      }
    }
  }

  private static List<String> hopLines(Timeline timeline, Duration threshold) {
    List<String> lines = new TimelineText(timeline, 80, false, threshold).lines();
    int from = 0;
    while (!lines.get(from).startsWith("Hops")) {
      from++;
    }
    int to = from + 1;
    while (lines.get(to).startsWith("  ")) {
      to++;
    }
    return lines.subList(from, to);
  }

  /** Refused before any task ran: Tekton's reason and message, the pipeline's tasks copied into status. */
  static final String REFUSED = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: refused, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00.100Z"
        completionTime: "2026-06-01T10:00:00.150Z"
        conditions: [{type: Succeeded, status: "False", reason: PipelineValidationFailed,
          message: "Pipeline default/refused can't be Run; it has an invalid spec: invalid value: nowhere: spec.tasks[0].runAfter"}]
        pipelineSpec:
          tasks:
          - {name: a, runAfter: [nowhere], taskSpec: {steps: [{name: s, image: alpine}]}}
      """;

  @Test
  void aRunRefusedAtValidationSaysItDidNotStartAndWhyRatherThanAnEmptyChart() {
    assertThat(text(REFUSED, "10:05:00", 100)).isEqualTo("""
        Timeline: refused  Failed  50ms
          PipelineRun refused did not start: it ended before any task ran, PipelineValidationFailed:
            Pipeline default/refused can't be Run; it has an invalid spec: invalid value: nowhere:
            spec.tasks[0].runAfter
        """);
    // no status.pipelineSpec at all (CouldntGetPipeline): the same, never a header over no rows
    String noSpec = REFUSED.replaceAll("(?s)\\n  pipelineSpec:.*$", "\n").replace("PipelineValidationFailed",
        "CouldntGetPipeline");
    assertThat(text(noSpec, "10:05:00", 60)).startsWith("Timeline: refused  Failed  50ms\n"
        + "  PipelineRun refused did not start: it ended before any\n    task ran, CouldntGetPipeline: Pipeline")
        .doesNotContain("TASK", "|");
  }

  @Test
  void aMessagesOwnLineBreaksStaySoThatACelErrorsCaretStaysUnderItsExpression() {
    String cel = REFUSED.replace("message: \"Pipeline default/refused can't be Run; it has an invalid spec: invalid "
        + "value: nowhere: spec.tasks[0].runAfter\"", "message: \"when: CEL expression \\\"'a' == \\\" does not compile: "
        + "ERROR: <input>:1:8: mismatched input\\n | 'a' == \\n | .......^\"");

    assertThat(text(cel, "10:05:00", 100)).isEqualTo("""
        Timeline: refused  Failed  50ms
          PipelineRun refused did not start: it ended before any task ran, PipelineValidationFailed: when:
            CEL expression "'a' == " does not compile: ERROR: <input>:1:8: mismatched input
             | 'a' ==
             | .......^
        """);
  }

  @Test
  void aRunWhoseTasksWereAllSkippedStillShowsItsRows() {
    Timeline timeline = Spans.of(Fixtures.tree(SpansTest.PARALLEL), SpansTest.at("10:05:00"));
    assertThat(timeline.endedBeforeAnyTask()).isFalse();
    assertThat(Spans.of(Fixtures.tree(REFUSED), SpansTest.at("10:05:00")).endedBeforeAnyTask()).isTrue();
    // still going and nothing created yet: the rows, not "did not start"
    assertThat(Spans.of(Fixtures.tree(REFUSED.replaceAll("(?m)^    completionTime.*\\n", "")
        .replace("status: \"False\"", "status: \"Unknown\"")), SpansTest.at("10:00:01")).endedBeforeAnyTask())
        .isFalse();
  }

  @Test
  void aMatrixsCombinationsAreSubRows() {
    assertThat(text(SpansTest.MATRIX, "10:05:00", 72)).contains(
        "  test      Matrix   Failed       3.8s  | #######################      |",
        "    [0]     TaskRun  Succeeded    1.5s  |   =========                  |",
        "    [1]     TaskRun  Failed       3.4s  |   ====================       |");
  }

  @Test
  void tooNarrowForBarsEachTasksStartAndDurationAreListed() {
    assertThat(text(SpansTest.SEQUENTIAL, "10:05:00", 45)).isEqualTo("""
        Timeline: release-run  Succeeded  19.9s
          TASK              START   TOOK  STATE
          build            +400ms   2.0s  Succeeded
          wait-for-window   +3.1s  12.2s  Succeeded
          deploy           +17.0s   2.8s  Succeeded
        Hops over 500ms: 1 of 3
            (predecessor done -> run created):
          wait-for-window -> deploy    1.6s  <- longe
        """);
    // narrower: the title wraps, start and duration keep their columns, the state goes where it does not fit whole
    assertThat(text(SpansTest.SEQUENTIAL, "10:05:00", 30)).isEqualTo("""
        Timeline: release-run
          Succeeded  19.9s
          TASK            START   TOOK
          build          +400ms   2.0s
          wait-for-wi..   +3.1s  12.2s
          deploy         +17.0s   2.8s
        Hops over 500ms: 1 of 3
            (predecessor done -> run
            created):
          wait-for-window -> deploy
        """);
    assertThat(text(SpansTest.PARALLEL, "10:05:00", 44)).contains(
        "  publish                    Skipped When Ex",
        "  finally:",
        "  notify       +9.1s  900ms  Succeeded");
  }

  @Test
  void atEveryWidthEveryTaskThatRanShowsItsDuration() {
    for (String fixture : List.of(SpansTest.SEQUENTIAL, SpansTest.PARALLEL, SpansTest.NESTED, SpansTest.IN_PROGRESS,
        SpansTest.MATRIX)) {
      Timeline timeline = Spans.of(Fixtures.tree(fixture), SpansTest.at("10:05:00"));
      for (int columns = 24; columns <= 160; columns++) {
        int width = columns;
        List<String> lines = new TimelineText(timeline, width, false, Duration.ofMillis(500)).lines();
        for (Span span : timeline.all()) {
          span.duration(timeline.now()).map(dev.customtasks.cli.output.Durations::elapsed).ifPresent(took ->
              assertThat(lines).as("width %d, %s", width, span.path()).anyMatch(l -> l.contains(" " + took + " ")
                  || l.endsWith(" " + took)));
        }
      }
    }
  }

  @Test
  void noLineIsWiderThanTheWidthWithOrWithoutColour() {
    for (String fixture : List.of(SpansTest.SEQUENTIAL, SpansTest.PARALLEL, SpansTest.RETRIED, SpansTest.MATRIX,
        SpansTest.TEKTON_MATRIX, SpansTest.NESTED, SpansTest.IN_PROGRESS, SpansTest.GATED, REFUSED)) {
      // Read once per fixture: parsing its YAML for each of the ~100 widths was most of this test's time.
      Timeline timeline = Spans.of(Fixtures.tree(fixture), SpansTest.at("10:05:00"));
      for (int width = 10; width <= 160; width += 3) {
        for (boolean colour : new boolean[] {false, true}) {
          for (String line : new TimelineText(timeline, width, colour, Duration.ofMillis(500)).lines()) {
            assertThat(ANSI.matcher(line).replaceAll("")).as("width %d colour %s", width, colour).hasSizeLessThanOrEqualTo(width);
          }
        }
      }
    }
  }

  @Test
  void colourOnlyWhenAskedAndTheSameCharactersEitherWay() {
    Timeline timeline = Spans.of(Fixtures.tree(SpansTest.SEQUENTIAL), SpansTest.at("10:05:00"));
    List<String> coloured = new TimelineText(timeline, 80, true, Duration.ofMillis(500)).lines();
    List<String> plain = new TimelineText(timeline, 80, false, Duration.ofMillis(500)).lines();

    assertThat(String.join("\n", coloured)).contains("\u001B[36m~~~~").contains("\u001B[32mSucceeded");
    assertThat(String.join("\n", plain)).doesNotContain("\u001B");
    assertThat(coloured.stream().map(l -> ANSI.matcher(l).replaceAll("")).toList()).isEqualTo(plain);
  }

  static String text(String fixture, String now, int width) {
    return String.join("\n", new TimelineText(Spans.of(Fixtures.tree(fixture), SpansTest.at(now)), width, false,
        Duration.ofMillis(500)).lines()) + "\n";
  }
}
