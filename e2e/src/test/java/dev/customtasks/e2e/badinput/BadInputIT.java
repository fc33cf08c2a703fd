package dev.customtasks.e2e.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.RunLifecycle;
import io.fabric8.kubernetes.client.KubernetesClientException;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.wait.WaitReasons;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed PipelineRuns and CustomRuns, each of which must end in a clear failure with a
 * specific reason, while the controllers go on serving the next good run.
 */
@E2ETest
class BadInputIT {

  private static final String WAIT = "{apiVersion: customtasks.dev/v1alpha1, kind: Wait}";
  private static final String SPEC_STATUS = "invalid value: %s should be Cancelled, CancelledRunFinally, "
      + "StoppedRunFinally or PipelineRunPending: spec.status";
  private static final String ON_ERROR = "invalid value: ignore: spec.pipelineSpec.%s.OnError\nPipelineTask OnError "
      + "must be either \"continue\" or \"stopAndFail\"";
  private static final String WHEN = "invalid value: operator \"equals\" is not recognized. valid operators: "
      + "in,notin: spec.pipelineSpec.tasks[0].when[0]";
  private static final String PARAM_TYPE = "invalid value: duration: spec.pipelineSpec.params.how-long.type\n"
      + "spec.pipelineSpec.params.how-long.type must be one of \"string\", \"array\" or \"object\"";
  private static ControllerHarness controllers;
  private static ClusterTarget target;
  private static Runs runs;

  /**
   * One bad input: the object (YAML without namespace), the reason expected, a part of the message;
   * and for input that admission refuses where it runs (the embedded server, a cluster with
   * Tekton's webhook), a part of the refusal. A case whose reason is null is refused by every
   * server that checks (a real API server, Tekton's webhook) and left unanswered elsewhere.
   */
  record Case(String label, String kind, String name, String yaml, String reason, String messagePart,
      String refusedWith) {
    Case(String label, String kind, String name, String yaml, String reason, String messagePart) {
      this(label, kind, name, yaml, reason, messagePart, null);
    }

    Case refusedWith(String refusal) {
      return new Case(label, kind, name, yaml, reason, messagePart, refusal);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        pipelineRun("unknown custom kind: nothing answers, the run's timeout ends it", "unknown-kind", """
            spec:
              timeouts: {pipeline: 2s}
              pipelineSpec:
                tasks: [{name: a, taskRef: {apiVersion: nobody.dev/v1, kind: Nope}}]
            """, PipelineRunReason.TIMED_OUT, "failed to finish within"),
        pipelineRun("bad wait duration", "bad-duration", """
            spec:
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: ten minutes}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED, "Failed: 1"),
        pipelineRun("cycle", "cycle", """
            spec:
              pipelineSpec:
                tasks:
                - {name: a, runAfter: [c], taskRef: %1$s}
                - {name: b, runAfter: [a], taskRef: %1$s}
                - {name: c, runAfter: [b], taskRef: %1$s}
            """.formatted(WAIT), PipelineRunReason.INVALID_GRAPH, "cycle in the pipeline's tasks: a -> c -> b -> a"),
        pipelineRun("missing param", "missing-param", """
            spec:
              pipelineSpec:
                params: [{name: how-long}]
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: "$(params.how-long)"}]}]
            """.formatted(WAIT), PipelineRunReason.PARAMETER_MISSING, "how-long"),
        pipelineRun("result reference to an unknown task", "unknown-result-task", """
            spec:
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: "$(tasks.ghost.results.t)"}]}]
            """.formatted(WAIT), PipelineRunReason.INVALID_TASK_RESULT_REFERENCE, "unknown task \"ghost\""),
        pipelineRun("absurdly long task name", "long-task-name", """
            spec:
              pipelineSpec:
                tasks: [{name: %s, taskRef: %s, params: [{name: duration, value: 1s}]}]
            """.formatted("t".repeat(200), WAIT), PipelineRunReason.FAILED_VALIDATION, "DNS-1123 label"),
        pipelineRun("absurdly long run name", "r".repeat(200), """
            spec:
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 1s}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, "at most 63 characters"),
        pipelineRun("not-a-list where tasks belong", "tasks-not-a-list", """
            spec:
              pipelineSpec: {tasks: "build, then deploy"}
            """, PipelineRunReason.FAILED_VALIDATION, "spec.pipelineSpec.tasks: expected an array but got a string"),
        pipelineRun("string where a taskRef object belongs", "taskref-string", """
            spec:
              pipelineSpec:
                tasks: [{name: a, taskRef: "Wait"}]
            """, PipelineRunReason.FAILED_VALIDATION, "spec.pipelineSpec.tasks[0].taskRef: expected an object"),
        pipelineRun("neither pipelineRef nor pipelineSpec", "no-pipeline", """
            spec: {params: [{name: x, value: y}]}
            """, PipelineRunReason.FAILED_VALIDATION, "got neither"),
        customRun("huge param value", "huge-param", """
            spec:
              customRef: %s
              params: [{name: duration, value: "%s"}]
            """.formatted(WAIT, "9".repeat(100_000)), "InvalidDuration", "param \"duration\""),
        customRun("retries not a number", "retries-word", """
            spec:
              customRef: %s
              retries: many
              params: [{name: duration, value: 1s}]
            """.formatted(WAIT), Reasons.INVALID_RUN_SPEC, "spec.retries"),
        customRun("negative timeout", "negative-timeout", """
            spec:
              customRef: %s
              timeout: -1s
              params: [{name: duration, value: 1s}]
            """.formatted(WAIT), Reasons.INVALID_RUN_SPEC, "spec.timeout"),
        customRun("unknown param", "unknown-param", """
            spec:
              customRef: %s
              params: [{name: duration, value: 1s}, {name: colour, value: red}]
            """.formatted(WAIT), "UnexpectedParams", "unknown param \"colour\""),
        customRun("object where a param value belongs", "nested-param", """
            spec:
              customRef: %s
              params: [{name: duration, value: {seconds: {value: 5}}}]
            """.formatted(WAIT), Reasons.INVALID_PARAMS, "param \"duration\""),
        customRun("spec.status neither empty nor RunCancelled", "bogus-status", """
            spec:
              customRef: %s
              status: Bogus
              params: [{name: duration, value: 1h}]
            """.formatted(WAIT), Reasons.INVALID_RUN_SPEC, "invalid value: Bogus should be RunCancelled: spec.status")
            .refusedWith("invalid value: Bogus should be RunCancelled: spec.status"),
        customRun("both customRef and customSpec", "ref-and-spec", """
            spec:
              customRef: %1$s
              customSpec: {apiVersion: customtasks.dev/v1alpha1, kind: Wait, spec: {duration: 1s}}
              params: [{name: duration, value: 1s}]
            """.formatted(WAIT), Reasons.INVALID_RUN_SPEC, "expected exactly one, got both")
            .refusedWith("expected exactly one, got both: spec.customRef, spec.customSpec"),
        customRun("customRef without a kind", "ref-without-kind", """
            spec:
              customRef: {apiVersion: customtasks.dev/v1alpha1}
              params: [{name: duration, value: 1s}]
            """, null, null).refusedWith("missing field(s): spec.customRef.kind"),
        customRun("NUL, right-to-left override and ANSI escape in a param", "hostile-chars", """
            spec:
              customRef: %s
              params: [{name: duration, value: "1\\u0000s\\u202e\\u001b[31m"}]
            """.formatted(WAIT), WaitReasons.INVALID_DURATION, "1\\u0000s\\u202e\\u001b[31m"),
        customRun("many retries of a quick timeout: the status stays bounded", "retry-storm", """
            spec:
              customRef: %s
              timeout: 50ms
              retries: 25
              params: [{name: duration, value: 1h}]
            """.formatted(WAIT), Reasons.TIMED_OUT, "failed to finish within 50ms"),
        pipelineRun("timeouts.tasks longer than timeouts.pipeline", "tasks-longer", """
            spec:
              timeouts: {pipeline: 5s, tasks: 1h}
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 1s}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, "1h0m0s should be <= pipeline duration")
            .refusedWith("invalid value: 1h0m0s should be <= pipeline duration: spec.timeouts.tasks"),
        pipelineRun("a name that is no DNS-1123 subdomain", "Release_Run.v1", """
            spec:
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 1s}]}]
            """.formatted(WAIT), null, null).refusedWith("a lowercase RFC 1123 subdomain"),
        pipelineRun("PipelineRun spec.status none of Tekton's four", "misspelt-cancel", """
            spec:
              status: Canceled
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 1h}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, SPEC_STATUS.formatted("Canceled"))
            .refusedWith(SPEC_STATUS.formatted("Canceled")),
        pipelineRun("v1beta1's removed PipelineRunCancelled", "old-cancel", """
            spec:
              status: PipelineRunCancelled
              pipelineSpec:
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 1h}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, SPEC_STATUS.formatted("PipelineRunCancelled"))
            .refusedWith(SPEC_STATUS.formatted("PipelineRunCancelled")),
        pipelineRun("pipeline task onError neither continue nor stopAndFail", "bad-on-error", """
            spec:
              pipelineSpec:
                tasks: [{name: a, onError: ignore, taskRef: %s, params: [{name: duration, value: 1s}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, ON_ERROR.formatted("tasks[0]"))
            .refusedWith(ON_ERROR.formatted("tasks[0]")),
        pipelineRun("finally task onError neither continue nor stopAndFail", "bad-finally-on-error", """
            spec:
              pipelineSpec:
                tasks: [{name: a, taskRef: %1$s, params: [{name: duration, value: 1s}]}]
                finally: [{name: f, onError: Continue, taskRef: %1$s, params: [{name: duration, value: 1s}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION,
            "invalid value: Continue: spec.pipelineSpec.finally[0].OnError")
            .refusedWith("invalid value: Continue: spec.pipelineSpec.finally[0].OnError"),
        pipelineRun("when operator neither in nor notin", "bad-when-operator", """
            spec:
              pipelineSpec:
                tasks:
                - {name: a, when: [{input: x, operator: equals, values: [x]}], taskRef: %s,
                   params: [{name: duration, value: 1s}]}
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, WHEN)
            .refusedWith(WHEN),
        pipelineRun("param type none of string, array, object", "bad-param-type", """
            spec:
              pipelineSpec:
                params: [{name: how-long, type: duration, default: 1s}]
                tasks: [{name: a, taskRef: %s, params: [{name: duration, value: "$(params.how-long)"}]}]
            """.formatted(WAIT), PipelineRunReason.FAILED_VALIDATION, PARAM_TYPE)
            .refusedWith(PARAM_TYPE),
        pipelineRun("embedded task result type none of string, array, object", "bad-result-type", """
            spec:
              pipelineSpec:
                tasks:
                - {name: a, taskSpec: {results: [{name: r, type: list}], steps: [{name: s, image: busybox}]}}
            """, PipelineRunReason.FAILED_VALIDATION, "invalid value: list: spec.pipelineSpec.tasks[0].taskSpec."
            + "results[0].type").refusedWith("invalid value: list: spec.pipelineSpec.tasks[0].taskSpec.results[0].type"),
        customRun("Lock onNewer none of queue, cancel-older, skip-newer", "bad-on-newer", """
            spec:
              customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
              params: [{name: key, value: k}, {name: onNewer, value: cancel-newer}]
            """, Reasons.INVALID_PARAMS, "param \"onNewer\": must be one of queue, cancel-older, skip-newer, got "
            + "\"cancel-newer\""),
        customRun("Approval onTimeout neither reject nor approve", "bad-on-timeout", """
            spec:
              customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Approval}
              params: [{name: approvers, value: [alice]}, {name: onTimeout, value: maybe}]
            """, Reasons.INVALID_PARAMS, "param \"onTimeout\": must be \"reject\" or \"approve\", got \"maybe\""),
        customRun("Loop onFailure neither stop nor continue", "bad-on-failure", """
            spec:
              customSpec:
                apiVersion: customtasks.dev/v1alpha1
                kind: Loop
                spec: {taskRef: %s, iterateParam: duration, items: [1s], onFailure: skip}
            """.formatted(WAIT), Reasons.INVALID_SPEC, "\"onFailure\": must be \"stop\" or \"continue\""),
        customRun("Matrix failFast neither true nor false", "bad-fail-fast", """
            spec:
              customSpec:
                apiVersion: customtasks.dev/v1alpha1
                kind: Matrix
                spec: {taskRef: %s, matrix: {params: [{name: duration, value: [1s]}]}}
              params: [{name: failFast, value: "yes"}]
            """.formatted(WAIT), Reasons.INVALID_PARAMS, "param \"failFast\": \"yes\" is not a valid"),
        named("a named Approval whose onTimeout its CRD does not list", "Approval", "bad-policy",
            "{approvers: [alice], onTimeout: maybe}")
            .refusedWith("spec.onTimeout: Unsupported value: \"maybe\": supported values: \"approve\", \"reject\""),
        named("a named Loop whose onFailure its CRD does not list", "Loop", "bad-loop",
            "{taskRef: %s, iterateParam: duration, items: [1s], onFailure: skip}".formatted(WAIT))
            .refusedWith("spec.onFailure: Unsupported value: \"skip\": supported values: \"continue\", \"stop\""));
  }

  /** An object of one of our own kinds, which its CRD's schema refuses: nothing runs it. */
  private static Case named(String label, String kind, String name, String specYaml) {
    return new Case(label, kind, name, "apiVersion: customtasks.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: "
        + name + "}\nspec: " + specYaml + "\n", null, null);
  }

  private static Case pipelineRun(String label, String name, String specYaml, String reason, String part) {
    return new Case(label, "PipelineRun", name, "apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: "
        + name + "}\n" + specYaml, reason, part);
  }

  private static Case customRun(String label, String name, String specYaml, String reason, String part) {
    return new Case(label, "CustomRun", name, "apiVersion: tekton.dev/v1beta1\nkind: CustomRun\nmetadata: {name: "
        + name + "}\n" + specYaml, reason, part);
  }

  /**
   * A run's status edited by hand while it waits an hour (a JSON merge patch of its status): the
   * edit must reach the controller at once, and a status it cannot read ends the run
   * {@code InvalidStatus} naming the field, with a completion time; a PipelineRun's child is cancelled.
   */
  record StatusEdit(String label, String kind, String name, String statusPatch, String messagePart) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<StatusEdit> statusEdits() {
    return Stream.of(
        new StatusEdit("CustomRun startTime edited to yesterday", "CustomRun", "cr-yesterday",
            "{\"status\":{\"startTime\":\"yesterday\"}}", "status.startTime: \"yesterday\" is not a time"),
        new StatusEdit("CustomRun Succeeded status edited to Maybe", "CustomRun", "cr-maybe",
            "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"Maybe\"}]}}",
            "\"Maybe\" is neither True, False nor Unknown"),
        new StatusEdit("CustomRun retriesStatus edited to a word", "CustomRun", "cr-retries-word",
            "{\"status\":{\"retriesStatus\":\"lots\"}}", "status.retriesStatus: expected an array but got a string"),
        new StatusEdit("PipelineRun startTime edited to yesterday", "PipelineRun", "pr-yesterday",
            "{\"status\":{\"startTime\":\"yesterday\"}}", "status.startTime: \"yesterday\" is not a time"),
        new StatusEdit("PipelineRun Succeeded status edited to Maybe", "PipelineRun", "pr-maybe",
            "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"Maybe\"}]}}",
            "\"Maybe\" is neither True, False nor Unknown"),
        new StatusEdit("PipelineRun childReferences edited to a word", "PipelineRun", "pr-children-word",
            "{\"status\":{\"childReferences\":\"all\"}}", "status.childReferences: expected an array but got a string"),
        new StatusEdit("PipelineRun status.pipelineSpec that does not read", "PipelineRun", "pr-spec-word",
            "{\"status\":{\"pipelineSpec\":{\"tasks\":\"build\"}}}",
            "status.pipelineSpec.tasks: expected an array but got a string"),
        new StatusEdit("PipelineRun completionTime edited to soon", "PipelineRun", "pr-completion-soon",
            "{\"status\":{\"completionTime\":\"soon\"}}", "status.completionTime: \"soon\" is not a time"));
  }

  @BeforeAll
  static void start(ClusterTarget clusterTarget) {
    target = clusterTarget;
    controllers = Stack.on(target).start();
    runs = new Runs(target);
  }

  @AfterAll
  static void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endsInAClearFailureAndTheNextGoodRunIsServed(Case bad) {
    GenericKubernetesResource object = Serialization.unmarshal(bad.yaml(), GenericKubernetesResource.class);
    object.getMetadata().setNamespace(target.namespace());
    boolean created = createOrRefused(bad, object);
    if (created && bad.reason() != null) {
      assertEndsInAClearFailure(bad);
    } else if (created) {
      // Nothing here refuses it, and nothing answers it: what a real API server or Tekton's webhook prevents.
      target.client().resource(object).delete();
    }
    assertTheNextGoodRunIsServed(bad);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statusEdits")
  void aStatusEditedIntoSomethingUnreadableEndsTheRunAtOnceNamingTheField(StatusEdit edit) {
    Class<? extends dev.customtasks.crds.api.RunResource<?, ?>> type = edit.kind().equals("PipelineRun")
        ? PipelineRun.class : CustomRun.class;
    if (type == PipelineRun.class) {
      runs.start("""
          metadata: {name: %s}
          spec:
            pipelineSpec:
              tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 1h}]}]
          """.formatted(edit.name(), WAIT));
      RunAwaits.awaitStarted(target.client(), target.namespace(), edit.name() + "-a");
    } else {
      target.client().resource(Serialization.unmarshal(("apiVersion: tekton.dev/v1beta1\nkind: CustomRun\n"
          + "metadata: {name: %s, namespace: %s}\nspec:\n  customRef: %s\n  params: [{name: duration, value: 1h}]\n")
          .formatted(edit.name(), target.namespace(), WAIT), CustomRun.class)).create();
      RunAwaits.awaitStarted(target.client(), target.namespace(), edit.name());
    }

    target.client().resources(type).inNamespace(target.namespace()).withName(edit.name()).subresource("status")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), edit.statusPatch());
    // Within the default bound, far below the hour: the edit is seen when made, not at a wake-up.
    RunStatus status = RunAwaits.awaitObject(target.client(), type, target.namespace(), edit.name(),
        dev.customtasks.crds.api.RunResource::isFailure).getStatus();

    assertThat(status.reason()).as(edit.label()).contains(Reasons.INVALID_STATUS);
    assertThat(status.succeededCondition().orElseThrow().getMessage()).as(edit.label()).contains(edit.messagePart());
    assertThat(status.completionInstant()).as(edit.label()).isNotNull();
    if (type == PipelineRun.class) {
      assertThat(RunAwaits.awaitDone(target.client(), target.namespace(), edit.name() + "-a").getStatus().reason())
          .as("the child of " + edit.label()).contains(Reasons.CANCELLED);
    }
    assertTheNextGoodRunIsServed(new Case(edit.label(), edit.kind(), edit.name(), "", null, null));
  }

  /**
   * Creates the object; false when the server refused it as the case says it may (the embedded
   * server always checks; a cluster when Tekton's webhook or the API server's own checks apply).
   */
  private static boolean createOrRefused(Case bad, GenericKubernetesResource object) {
    try {
      target.client().resource(object).create();
    } catch (KubernetesClientException e) {
      assertThat(bad.refusedWith()).as("%s was refused: %s", bad.label(), e.getMessage()).isNotNull();
      assertThat(e.getCode()).as(bad.label()).isBetween(400, 499);
      assertThat(e.getStatus().getMessage()).as(bad.label()).contains(bad.refusedWith());
      return false;
    }
    assertThat(target.name().equals("embedded") && bad.refusedWith() != null)
        .as("the embedded server refuses %s", bad.label()).isFalse();
    return true;
  }

  private static void assertEndsInAClearFailure(Case bad) {
    RunStatus status = bad.kind().equals("PipelineRun")
        ? runs.awaitDone(bad.name()).getStatus()
        : RunAwaits.awaitDone(target.client(), target.namespace(), bad.name()).getStatus();

    assertThat(status.isFailed()).isTrue();
    assertThat(status.reason()).as(bad.label()).contains(bad.reason());
    String message = status.succeededCondition().orElseThrow().getMessage();
    assertThat(message).as(bad.label()).contains(bad.messagePart()).hasSizeLessThanOrEqualTo(RunStatus.MAX_MESSAGE);
    assertThat(message).as("control and bidi characters escaped").doesNotContain("\u0000", "\u202e", "\u001b");
    if (status instanceof CustomRunStatus custom) {
      assertThat(custom.getRetriesStatus() == null ? 0 : custom.getRetriesStatus().size()).as(bad.label())
          .isLessThanOrEqualTo(RunLifecycle.MAX_RETRIES_STATUS);
    }
  }

  /** A label an edit sets is checked as one a create sets: 422 from every API server, the embedded one too. */
  @Test
  void aLabelPatchedToAnInvalidValueIsRefusedAsOnCreate() {
    runs.start("""
        metadata: {name: label-patched, labels: {team: blue}}
        spec:
          pipelineSpec:
            tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 0s}]}]
        """.formatted(WAIT));
    var run = target.client().resources(PipelineRun.class).inNamespace(target.namespace()).withName("label-patched");

    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"team\":\"blue team\"}}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).contains("metadata.labels: Invalid value: \"blue team\"");
        });
    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"add\",\"path\":\"/metadata/labels/bad key\",\"value\":\"x\"}]"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(runs.awaitDone("label-patched").getMetadata().getLabels()).containsEntry("team", "blue");
  }

  private static void assertTheNextGoodRunIsServed(Case bad) {
    String good = "good-after-" + Math.abs(bad.name().hashCode());
    runs.start("""
        metadata: {name: %s}
        spec:
          pipelineSpec:
            tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 0s}]}]
        """.formatted(good, WAIT));
    PipelineRun goodRun = runs.awaitDone(good);
    assertThat(goodRun.getStatus().isSuccessful()).as("good run after " + bad.label()).isTrue();
    CustomRun child = runs.customRun(good + "-a");
    assertThat(child.getStatus().isSuccessful()).isTrue();
  }
}
