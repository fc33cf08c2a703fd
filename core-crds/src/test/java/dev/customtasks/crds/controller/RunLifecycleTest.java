package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.examples.ParentTask;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.crds.testkit.TaskTester;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The TEP-0002 lifecycle rules, on a fixed clock and in-memory children: no server. */
class RunLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /**
   * One tick of a Timer run: what the run looks like, when the tick happens (seconds after its
   * start, or null for a run not started), and the condition, reason and wake-up it must leave.
   */
  static Stream<Arguments> ticks() {
    return Stream.of(
        Arguments.of("first sight starts the run and waits", timer("5s"), null, "Unknown", "Running", 5L),
        Arguments.of("before the due time it keeps waiting", timer("5s"), 2L, "Unknown", "Running", 5L),
        Arguments.of("at the due time it succeeds", timer("5s"), 5L, "True", "Succeeded", null),
        Arguments.of("the timeout wakes it earlier than the task", timer("5s").timeout("3s"), 1L, "Unknown",
            "Running", 3L),
        Arguments.of("past the timeout it fails TimedOut", timer("5s").timeout("3s"), 3L, "False", "TimedOut", null),
        Arguments.of("a timeout of 0 means none", timer("5s").timeout("0s"), 4L, "Unknown", "Running", 5L),
        Arguments.of("bad input ends InvalidParams", timer("soon"), 0L, "False", "InvalidParams", null),
        Arguments.of("an unknown param ends InvalidParams", timer("1s").param("colour", "red"), 0L, "False",
            "InvalidParams", null),
        Arguments.of("an unreadable timeout ends InvalidRunSpec", timer("1s").timeout("forever"), 0L, "False",
            "InvalidRunSpec", null),
        Arguments.of("negative retries end InvalidRunSpec", timer("1s").retries(-1), 0L, "False", "InvalidRunSpec",
            null),
        Arguments.of("a failed attempt with no retries left fails", timer("1s").param("failAttempts", "1"), 0L,
            "False", "ExampleFailure", null),
        Arguments.of("a failed attempt with retries left starts again", timer("1s").param("failAttempts", "1")
            .retries(1), 0L, "Unknown", "Retrying", 0L),
        Arguments.of("a named object that is missing ends ReferenceNotFound",
            customRun("r").ref(TimerTask.KIND, "nowhere"), 0L, "False", "ReferenceNotFound", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ticks")
  void tick(String name, CustomRunBuilder builder, Long secondsAfterStart, String condition, String reason,
      Long wakeAfterStart) {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = secondsAfterStart == null ? builder.build() : tester.started(builder.build(), T0);
    Instant now = T0.plusSeconds(secondsAfterStart == null ? 0 : secondsAfterStart);

    RunLifecycle.Decision decision = tester.tick(run, now);

    Condition succeeded = run.getStatus().succeededCondition().orElseThrow();
    assertThat(succeeded.getStatus()).isEqualTo(condition);
    assertThat(succeeded.getReason()).isEqualTo(reason);
    assertThat(decision.wakeAt()).isEqualTo(java.util.Optional.ofNullable(wakeAfterStart).map(T0::plusSeconds));
    assertThat(run.getStatus().getCompletionTime() != null).isEqualTo(!"Unknown".equals(condition));
  }

  @Test
  void firstSightRecordsStartTimeAndTellsStarted() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = timer("5s").build();
    RunLifecycle.Decision decision = tester.tick(run, T0);
    assertThat(run.getStatus().startInstant()).isEqualTo(T0);
    assertThat(decision.events()).extracting(RunEvent::reason).containsExactly("Started");
  }

  @Test
  void aRetryKeepsTheFailedAttemptAndStartsAFreshOne() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("2s").param("failAttempts", "1").retries(2).build(), T0);
    RunLifecycle.Decision decision = tester.tick(run, T0.plusSeconds(1));

    CustomRunStatus status = run.getStatus();
    assertThat(status.getRetriesStatus()).hasSize(1);
    assertThat(status.getRetriesStatus().get(0).succeededCondition().orElseThrow().getReason())
        .isEqualTo("ExampleFailure");
    assertThat(status.startInstant()).isEqualTo(T0.plusSeconds(1));
    assertThat(status.succeededCondition().orElseThrow().getMessage()).startsWith("attempt 2 of 3 after:");
    assertThat(status.succeededCondition().orElseThrow().getStatus()).isEqualTo("Unknown");
    assertThat(status.reason()).contains("Retrying");
    assertThat(decision.wakeAt()).contains(T0.plusSeconds(1));
    assertThat(decision.events()).extracting(RunEvent::reason).containsExactly("Retrying");

    // The second attempt does not fail (failAttempts is 1) and is timed from its own start.
    assertThat(tester.tick(run, T0.plusSeconds(2)).wakeAt()).contains(T0.plusSeconds(3));
    assertThat(run.getStatus().reason()).contains("Running");
    tester.tick(run, T0.plusSeconds(3));
    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(run.getStatus().result("attempt").orElseThrow().getValue()).isEqualTo(ParamValue.of("2"));
  }

  @Test
  void bothACustomRefAndACustomSpecEndInvalidRunSpecWithTektonsMessage() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = timer("1s").embedded(TimerTask.KIND, Map.of("duration", "1s")).build();

    tester.tick(run, T0);

    assertThat(run.getStatus().reason()).contains("InvalidRunSpec");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("expected exactly one, got both: spec.customRef, spec.customSpec");
  }

  @Test
  void aSpecStatusOtherThanRunCancelledEndsInvalidRunSpecRatherThanRunning() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = timer("1s").build();
    run.getSpec().setStatus("Bogus");

    tester.tick(run, T0);

    assertThat(run.isDone()).isTrue();
    assertThat(run.getStatus().reason()).contains("InvalidRunSpec");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("invalid value: Bogus should be RunCancelled: spec.status");
  }

  @Test
  void aSucceededConditionEditedToAnUnreadableStatusEndsInvalidStatusWithACompletionTime() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("1h").build(), T0);
    run.getStatus().setSucceeded("Maybe", "Whatever", "edited by hand", T0);

    RunLifecycle.Decision decision = tester.tick(run, T0.plusSeconds(1));

    assertThat(run.getStatus().succeededCondition().orElseThrow()).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("InvalidStatus");
      assertThat(c.getMessage()).isEqualTo("status.conditions[type=Succeeded].status: \"Maybe\" is neither True, "
          + "False nor Unknown");
    });
    assertThat(run.getStatus().completionInstant()).isEqualTo(T0.plusSeconds(1));
    assertThat(run.getStatus().startInstant()).isEqualTo(T0);
    assertThat(decision.events()).extracting(RunEvent::reason).containsExactly("InvalidStatus");
  }

  @Test
  void anUnreadableStartTimeEndsInvalidStatusNamingTheFieldOnce() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("1h").build(), T0);
    run.getStatus().setStartTime("yesterday");

    RunLifecycle.Decision decision = tester.tick(run, T0.plusSeconds(1));

    assertThat(run.getStatus().reason()).contains("InvalidStatus");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo("status.startTime: "
        + "\"yesterday\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z");
    assertThat(run.getStatus().startInstant()).as("readable again for whoever reads it next")
        .isEqualTo(T0.plusSeconds(1));
    assertThat(decision.wakeAt()).isEmpty();
    assertThat(decision.events()).extracting(RunEvent::reason).containsExactly("InvalidStatus");
  }

  @Test
  void aMillionRetriesKeepTheStatusBoundedAndStillCountEveryAttempt() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("10s").timeout("100ms").retries(1_000_000).build(), T0);
    Instant now = T0;
    for (int attempt = 1; attempt <= 25; attempt++) {
      now = now.plusMillis(100);
      tester.tick(run, now);
    }

    CustomRunStatus status = run.getStatus();
    assertThat(run.isDone()).isFalse();
    assertThat(status.getRetriesStatus()).hasSize(RunLifecycle.MAX_RETRIES_STATUS);
    assertThat(status.getAnnotations()).containsEntry(CustomRunStatus.DROPPED_ATTEMPTS, "15");
    assertThat(status.failedAttempts()).isEqualTo(25);
    assertThat(status.getRetriesStatus()).allSatisfy(s -> assertThat(s.getAnnotations()).isNullOrEmpty());
    assertThat(status.succeededCondition().orElseThrow().getMessage()).startsWith("attempt 26 of 1000001 after:");
    assertThat(tester.attempt(run, now).number()).isEqualTo(26);
  }

  @Test
  void retriesStillEndTheRunWhenSpentThoughEarlyAttemptsWereDropped() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("10s").timeout("100ms").retries(12).build(), T0);
    Instant now = T0;
    for (int attempt = 1; attempt <= 13; attempt++) {
      now = now.plusMillis(100);
      tester.tick(run, now);
    }

    assertThat(run.getStatus().reason()).contains("TimedOut");
    assertThat(run.isDone()).isTrue();
    assertThat(run.getStatus().getRetriesStatus()).hasSize(RunLifecycle.MAX_RETRIES_STATUS);
    assertThat(run.getStatus().failedAttempts()).isEqualTo(12);
  }

  @Test
  void aTimedOutAttemptIsRetriedWhileRetriesRemain() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("10s").timeout("2s").retries(1).build(), T0);
    tester.tick(run, T0.plusSeconds(2));
    assertThat(run.isDone()).isFalse();
    assertThat(run.getStatus().reason()).contains("Retrying");
    assertThat(run.getStatus().getRetriesStatus()).singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("TimedOut"));
    tester.tick(run, T0.plusSeconds(4));
    assertThat(run.getStatus().reason()).contains("TimedOut");
    assertThat(run.isDone()).isTrue();
  }

  @Test
  void cancelReleasesTheChildrenAndEndsCancelled() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new ParentTask());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1h").build(), T0);
    tester.tick(run, T0);
    CustomRun child = tester.children().get(CustomRun.class, "p-timer").orElseThrow();
    assertThat(child.isCancelled()).isFalse();

    run.getSpec().setStatus(CustomRun.CANCELLED);
    run.getSpec().setStatusMessage("no longer needed");
    RunLifecycle.Decision decision = tester.tick(run, T0.plusSeconds(1));

    assertThat(run.getStatus().reason()).contains("Cancelled");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("CustomRun \"p\" was cancelled: no longer needed");
    assertThat(tester.children().get(CustomRun.class, "p-timer").orElseThrow().getSpec().getStatusMessage())
        .isEqualTo("parent CustomRun was cancelled");
    assertThat(decision.wakeAt()).isEmpty();
    assertThat(decision.events()).extracting(RunEvent::reason).containsExactly("Cancelled");
  }

  @Test
  void oversizedResultsFailTheRun() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask());
    CustomRun run = tester.started(timer("0s").param("result", "x".repeat(5000)).build(), T0);
    tester.tick(run, T0);
    assertThat(run.getStatus().reason()).contains("ResultsTooLarge");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .contains("result \"echo\"").contains("limit of 4096 bytes");
  }

  @Test
  void theNamedObjectIsReadOncePerTick() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(new TimerTask())
        .withNamedObject("five", Map.of("duration", "5s"));
    CustomRun run = tester.started(customRun("r").ref(TimerTask.KIND, "five").build(), T0);
    assertThat(tester.tick(run, T0).wakeAt()).contains(T0.plusSeconds(5));
    assertThat(tester.namedObjectReads()).isEqualTo(1);

    int[] reads = {0};
    TaskInput input = new TaskInput(run, TimerTask.KIND, () -> {
      reads[0]++;
      return java.util.Optional.of(Map.of("duration", "5s"));
    });
    input.namedObjectSpec();
    input.decode(TimerTask.Spec.class);
    input.namedObjectSpec();
    assertThat(reads[0]).as("however often the task asks").isEqualTo(1);
  }

  @Test
  void aParentFollowsItsChildThroughTheInMemoryStore() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new ParentTask());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1s")
        .param("message", "hello").build(), T0);
    assertThat(tester.progress(run, T0)).isInstanceOf(Step.Running.class);
    assertThat(tester.progress(run, T0)).isInstanceOf(Step.Running.class);
    assertThat(tester.children().creates()).as("the second tick finds the child by name").isEqualTo(1);
    CustomRun child = tester.children().get(CustomRun.class, "p-timer").orElseThrow();
    assertThat(child.getMetadata().getLabels()).containsEntry(Children.PARENT_UID_LABEL, "uid-p")
        .containsEntry(Children.CONTROLLER_LABEL, "parent");
    assertThat(child.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-p"));
    assertThat(ChildRuns.observe(child).phase()).isEqualTo(dev.customtasks.crds.child.ChildOutcome.Phase.PENDING);

    tester.children().succeed("p-timer", T0.plusSeconds(1), Map.of("echo", ParamValue.of("hello")));
    Step<Void> done = tester.progress(run, T0.plusSeconds(1));
    assertThat(done).isInstanceOfSatisfying(Step.Succeeded.class,
        s -> assertThat(s.results()).containsEntry("childEcho", ParamValue.of("hello")));
  }

  @Test
  void aFailedChildFailsTheParentWithItsMessage() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new ParentTask());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1s").build(), T0);
    tester.progress(run, T0);
    tester.children().fail("p-timer", T0.plusSeconds(1), "Boom", "it broke");
    assertThat(tester.progress(run, T0.plusSeconds(1))).isInstanceOfSatisfying(Step.Failed.class,
        f -> assertThat(f.message()).isEqualTo("child p-timer failed: it broke"));
  }

  @Test
  void aRetryNamesItsChildrenApart() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new ParentTask());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1s").retries(1)
        .build(), T0);
    tester.tick(run, T0);
    tester.children().fail("p-timer", T0.plusSeconds(1), "Boom", "it broke");
    tester.tick(run, T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(1));
    assertThat(tester.children().all()).extracting(c -> c.getMetadata().getName())
        .containsExactly("p-timer", "p-r1-timer");
  }

  @Test
  void aCancelledRunWaitsForWhatIsStillStoppingBeforeEndingCancelled() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new WaitingParent());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1h").build(), T0);
    tester.tick(run, T0);
    run.getSpec().setStatus(CustomRun.CANCELLED);

    RunLifecycle.Decision waiting = tester.tick(run, T0.plusSeconds(1));

    assertThat(run.isDone()).isFalse();
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("CustomRun \"p\" was cancelled; waiting for CustomRun \"p-timer\" to stop");
    assertThat(tester.children().get(CustomRun.class, "p-timer").orElseThrow().isCancelled()).isTrue();
    assertThat(waiting.wakeAt()).contains(T0.plusSeconds(1).plus(RunLifecycle.STOP_POLL));
    assertThat(waiting.events()).isEmpty();

    tester.children().fail("p-timer", T0.plusSeconds(2), "Cancelled", "stopped");
    RunLifecycle.Decision done = tester.tick(run, T0.plusSeconds(2));
    assertThat(run.getStatus().reason()).contains("Cancelled");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("CustomRun \"p\" was cancelled");
    assertThat(done.events()).extracting(RunEvent::reason).containsExactly("Cancelled");
  }

  @Test
  void aTimedOutRunWaitsForWhatIsStillStoppingBeforeEndingTimedOut() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new WaitingParent());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1h").timeout("10s")
        .build(), T0);
    tester.tick(run, T0);

    RunLifecycle.Decision waiting = tester.tick(run, T0.plusSeconds(11));
    assertThat(run.isDone()).isFalse();
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("CustomRun \"p\" failed to finish within 10s; waiting for CustomRun \"p-timer\" to stop");
    assertThat(waiting.wakeAt()).as("the passed timeout is not due again").contains(T0.plusSeconds(11)
        .plus(RunLifecycle.STOP_POLL));

    tester.children().fail("p-timer", T0.plusSeconds(12), "Cancelled", "stopped");
    tester.tick(run, T0.plusSeconds(12));
    assertThat(run.getStatus().reason()).contains("TimedOut");
    assertThat(run.isDone()).isTrue();
  }

  @Test
  void aRunThatWaitedForItsChildNeverEndsBeforeIt() {
    TaskTester<ParentTask.Spec, Void> tester = new TaskTester<>(new WaitingParent());
    CustomRun run = tester.started(customRun("p").ref(ParentTask.KIND).param("childDuration", "1h").timeout("10s")
        .build(), T0);
    tester.tick(run, T0);
    tester.tick(run, T0.plusSeconds(11));

    // The tick's instant was taken before the cache showed the child's completion.
    Instant childEnded = T0.plusSeconds(12).plusMillis(110);
    tester.children().fail("p-timer", childEnded, "Cancelled", "stopped");
    RunLifecycle.Decision done = tester.tick(run, T0.plusSeconds(12));

    assertThat(run.getStatus().reason()).contains("TimedOut");
    assertThat(run.getStatus().completionInstant()).isEqualTo(childEnded);
    assertThat(done.events()).extracting(RunEvent::at).containsExactly(childEnded);
  }

  @Test
  void taskInputLooksUpOtherObjectsInTheRunsNamespaceOnlyWhenAsked() {
    CustomRun run = timer("1s").inNamespace("team").build();
    java.util.List<String> reads = new java.util.ArrayList<>();
    TaskInput input = new TaskInput(run, TimerTask.KIND, java.util.Optional::empty, (type, namespace, name) -> {
      reads.add(type.getPlural() + "/" + namespace + "/" + name);
      return "there".equals(name) ? java.util.Optional.of(Map.of("k", "v")) : java.util.Optional.empty();
    });
    input.decode(TimerTask.Spec.class);
    assertThat(reads).isEmpty();
    var pipelines = io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.fromResourceType(
        dev.customtasks.crds.api.pipeline.Pipeline.class);
    assertThat(input.lookup(pipelines, "there")).contains(Map.of("k", "v"));
    assertThat(input.lookup(pipelines, "gone")).isEmpty();
    assertThat(reads).containsExactly("pipelines/team/there", "pipelines/team/gone");
  }

  /** {@link ParentTask} that waits for its child to stop when cancelled or timed out. */
  private static final class WaitingParent implements CustomTask<ParentTask.Spec, Void> {
    private final ParentTask parent = new ParentTask();

    @Override
    public String name() {
      return parent.name();
    }

    @Override
    public java.util.List<dev.customtasks.crds.api.TaskKind> kinds() {
      return parent.kinds();
    }

    @Override
    public Class<Void> stateType() {
      return Void.class;
    }

    @Override
    public java.util.Set<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> childTypes() {
      return parent.childTypes();
    }

    @Override
    public ParentTask.Spec decode(TaskInput input) {
      return parent.decode(input);
    }

    @Override
    public Step<Void> progress(ParentTask.Spec spec, Attempt<Void> attempt) {
      return parent.progress(spec, attempt);
    }

    @Override
    public java.util.Optional<String> stopping(Attempt<Void> attempt) {
      String name = attempt.children().name("timer");
      return attempt.children().outcome(CustomRun.class, name).filter(o -> !o.isDone())
          .map(o -> "CustomRun \"" + name + "\"");
    }
  }

  private static CustomRunBuilder timer(String duration) {
    return customRun("r").ref(TimerTask.KIND).param("duration", duration);
  }

  @Test
  void aFailedAttemptKeepsItsResultsAndARetryStartsWithout() {
    TaskTester<Void, Void> tester = new TaskTester<>(new FailingWithResults());
    CustomRun run = tester.started(customRun("f").ref(FailingWithResults.KIND).retries(1).build(), T0);

    tester.tick(run, T0);
    assertThat(run.getStatus().getResults()).as("the retry starts without results").isNull();
    assertThat(run.getStatus().getRetriesStatus()).singleElement().satisfies(first ->
        assertThat(first.result("failed")).hasValueSatisfying(r -> assertThat(r.getValue()).isEqualTo(
            ParamValue.ofArray(java.util.List.of("1", "3")))));

    tester.tick(run, T0.plusSeconds(1));
    assertThat(run.getStatus().reason()).contains("SomeFailed");
    assertThat(run.getStatus().result("failed")).isPresent();
  }

  /** Fails every attempt, reporting a result. */
  private static final class FailingWithResults implements CustomTask<Void, Void> {
    static final dev.customtasks.crds.api.TaskKind KIND =
        new dev.customtasks.crds.api.TaskKind("example.customtasks.dev/v1alpha1", "FailingWithResults");

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public java.util.List<dev.customtasks.crds.api.TaskKind> kinds() {
      return java.util.List.of(KIND);
    }

    @Override
    public Class<Void> stateType() {
      return Void.class;
    }

    @Override
    public Void decode(TaskInput input) {
      return null;
    }

    @Override
    public Step<Void> progress(Void spec, Attempt<Void> attempt) {
      return Step.<Void>failed("SomeFailed", "two failed")
          .withResults(Map.of("failed", ParamValue.ofArray(java.util.List.of("1", "3"))));
    }
  }

  @Test
  void aTaskMayNameTheReasonOfItsSuccess() {
    CustomTask<TimerTask.Spec, Void> approving = new CustomTask<>() {
      private final TimerTask timer = new TimerTask();

      public String name() {
        return "approving";
      }

      public java.util.List<dev.customtasks.crds.api.TaskKind> kinds() {
        return timer.kinds();
      }

      public Class<Void> stateType() {
        return Void.class;
      }

      public TimerTask.Spec decode(TaskInput input) {
        return timer.decode(input);
      }

      public Step<Void> progress(TimerTask.Spec spec, Attempt<Void> attempt) {
        return Step.succeeded("Approved", "alice approved", Map.of("decision", ParamValue.of("approved")));
      }
    };
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(approving);
    CustomRun run = tester.started(timer("1s").build(), T0);
    RunLifecycle.Decision decision = tester.tick(run, T0);
    Condition succeeded = run.getStatus().succeededCondition().orElseThrow();
    assertThat(succeeded.getStatus()).isEqualTo("True");
    assertThat(succeeded.getReason()).isEqualTo("Approved");
    assertThat(succeeded.getMessage()).isEqualTo("alice approved");
    assertThat(decision.events()).extracting(RunEvent::reason).containsExactly("Approved");
    assertThat(new Step.Succeeded<Void>("done", Map.of(), null).reason()).isEqualTo(Reasons.SUCCEEDED);
  }

  /** A Timer that counts its seconds in its message, and tells Tekton's events when asked to. */
  private static CustomTask<TimerTask.Spec, Void> counting(boolean conditionEvents) {
    return new CustomTask<>() {
      private final TimerTask timer = new TimerTask();

      public String name() {
        return "counting";
      }

      public java.util.List<dev.customtasks.crds.api.TaskKind> kinds() {
        return timer.kinds();
      }

      public Class<Void> stateType() {
        return Void.class;
      }

      public TimerTask.Spec decode(TaskInput input) {
        return timer.decode(input);
      }

      public Step<Void> progress(TimerTask.Spec spec, Attempt<Void> attempt) {
        long seconds = java.time.Duration.between(attempt.startTime(), attempt.now()).toSeconds();
        if (seconds >= 3) {
          return spec.failAttempts() != null ? Step.failed("SomeFailed", "one or more have failed")
              : Step.succeeded("all done", Map.of());
        }
        return Step.running("Iterations completed: " + seconds);
      }

      public boolean conditionEvents(dev.customtasks.crds.api.TaskKind kind) {
        return conditionEvents;
      }
    };
  }

  private static java.util.List<String> told(RunLifecycle.Decision decision) {
    return decision.events().stream().map(e -> (e.warning() ? "Warning " : "Normal ") + e.reason() + " "
        + e.message()).toList();
  }

  @Test
  void aTaskAskingForTektonsEventsTellsEachConditionChangeAsTektonDoes() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(counting(true));
    CustomRun run = timer("1s").build();

    assertThat(told(tester.tick(run, T0))).containsExactly("Normal Started ", "Normal Running Iterations completed: 0");
    assertThat(told(tester.tick(run, T0))).as("an unchanged condition is told once").isEmpty();
    assertThat(told(tester.tick(run, T0.plusSeconds(1)))).containsExactly("Normal Running Iterations completed: 1");
    assertThat(told(tester.tick(run, T0.plusSeconds(3)))).containsExactly("Normal Succeeded all done");

    CustomRun failing = timer("1s").param("failAttempts", "1").build();
    tester.tick(failing, T0);
    assertThat(told(tester.tick(failing, T0.plusSeconds(3)))).as("the reason of an end is Failed, whatever the condition's")
        .containsExactly("Warning Failed one or more have failed");
    assertThat(failing.getStatus().reason()).contains("SomeFailed");

    CustomRun bad = timer("soon").build();
    assertThat(told(tester.tick(bad, T0))).containsExactly("Normal Started ", "Warning Failed "
        + bad.getStatus().succeededCondition().orElseThrow().getMessage());
  }

  @Test
  void otherTasksTellTheLifecyclesOwnEvents() {
    TaskTester<TimerTask.Spec, Void> tester = new TaskTester<>(counting(false));
    CustomRun run = timer("1s").build();
    assertThat(told(tester.tick(run, T0))).containsExactly("Normal Started counting run started");
    assertThat(told(tester.tick(run, T0.plusSeconds(1)))).isEmpty();
  }
}
