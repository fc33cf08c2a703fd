/**
 * The custom-task controller library: everything of TEP-0002's contract that is not specific to
 * one task, so that a task module holds only its own logic.
 *
 * <h2>The contract</h2>
 *
 * <p>A PipelineRun controller (Tekton's, or this project's {@code pipelinerun-integration}) creates
 * a {@code tekton.dev/v1beta1 CustomRun} for every pipeline task whose {@code taskRef} or
 * {@code taskSpec} names an {@code apiVersion}/{@code kind} that is not a Tekton Task. The task's
 * controller answers it and reports the outcome in {@code status.conditions[type=Succeeded]}.
 * {@link dev.customtasks.crds.controller.CustomTaskReconciler} keeps these rules for every task
 * (the rules themselves, without IO, are {@link dev.customtasks.crds.controller.RunLifecycle}):
 *
 * <ol>
 *   <li>It answers only CustomRuns whose {@code customRef} or {@code customSpec} names one of the
 *       task's {@link dev.customtasks.crds.controller.CustomTask#kinds() kinds} (the first is the
 *       task's own; the others are aliases, such as Tekton's test {@code Wait}).</li>
 *   <li>On first sight it sets {@code status.startTime} and {@code Succeeded=Unknown} (reason
 *       {@code Running}).</li>
 *   <li>It reads the input before anything is done: {@link dev.customtasks.crds.controller.TaskInput}
 *       merges a named object ({@code customRef.name}), an embedded {@code customSpec.spec} and the
 *       {@code params}, later winning, into the task's typed spec. The named object is read once, when
 *       the run starts, and its spec kept in the run's status (annotation
 *       {@code customtasks.dev/named-object-spec}), as a TaskRun keeps {@code status.taskSpec}: once
 *       the input is read and the plan stored, the run no longer depends on the object, and
 *       deleting or editing it changes nothing for runs already started (a Wait deleted mid-wait
 *       still fires at its deadline). Objects a task looks up by name itself
 *       ({@code TaskInput.lookup}, e.g. a sub-pipeline's Pipeline) are read only when the child
 *       they shape is created. Bad input ends the run at once with
 *       {@code Succeeded=False}, a specific reason ({@code InvalidParams}, {@code InvalidSpec},
 *       {@code ReferenceNotFound}, {@code InvalidRunSpec}: a {@code spec.status} other than
 *       {@code RunCancelled}, both {@code customRef} and {@code customSpec}, with Tekton's webhook
 *       messages) and a message naming the field. It is never
 *       retried, and a malformed object never stops the controller (see
 *       {@link dev.customtasks.crds.api.LenientResource}).</li>
 *   <li>{@code spec.status: RunCancelled} ends the run with {@code Cancelled}; {@code spec.timeout},
 *       measured from the attempt's {@code startTime}, ends it with {@code TimedOut}. Both call
 *       {@link dev.customtasks.crds.controller.CustomTask#release} first, which cancels or deletes
 *       the run's children; a task whose children take time to stop (a sub-pipeline) says so in
 *       {@link dev.customtasks.crds.controller.CustomTask#stopping}, and the run stays running,
 *       saying what it waits for, until they have.</li>
 *   <li>{@code spec.retries}: a failed attempt is copied into {@code status.retriesStatus} and a new
 *       attempt starts with a new {@code startTime}, until the retries are spent; in between the
 *       run reads {@code Succeeded=Unknown}, reason {@code Retrying}, as Tekton's test wait
 *       controller writes it. The status stays
 *       bounded however large {@code retries} is: {@code retriesStatus} keeps the latest
 *       {@link dev.customtasks.crds.controller.RunLifecycle#MAX_RETRIES_STATUS} attempts, and the
 *       status annotation {@code customtasks.dev/retries-status-dropped} counts the earlier ones.</li>
 *   <li>Results go to {@code status.results}; a value larger than
 *       {@link dev.customtasks.crds.controller.CustomTask#maxResultBytes()} (Tekton's 4096 bytes by
 *       default) fails the run with {@code ResultsTooLarge}.</li>
 *   <li>All state is in the API server: the run's status (a task keeps its own in
 *       {@code status.extraFields} through {@link dev.customtasks.crds.controller.Step}) and children
 *       with deterministic names ({@link dev.customtasks.crds.controller.Children}). The status is
 *       written as a compare-and-set ({@link dev.customtasks.crds.controller.StatusWriter}), so a
 *       decision made on stale state is made again, never applied twice. A controller restarted at
 *       any moment carries on where the run stood.</li>
 *   <li>The run ends with {@code completionTime} and {@code Succeeded=True|False}; a finished run is
 *       never touched again. A status edited into something that cannot be read (a {@code startTime}
 *       or {@code completionTime} that is no time, a {@code Succeeded} status neither True, False
 *       nor Unknown, a field of the wrong shape) ends the run {@code InvalidStatus}, naming the
 *       field, once, with readable times and a {@code completionTime}, so that it finishes and is
 *       cleaned up (Tekton's {@code IsDone} counts a status neither True, False nor Unknown as
 *       done, and would leave such a run as it is). A status edit is seen when it is made, not at
 *       the run's next wake-up ({@link dev.customtasks.crds.controller.OwnStatusWrites}); the
 *       controller's own status writes cause no reconcile. The PipelineRun controller and the
 *       TaskRun stand-in treat their runs' statuses the same way. A Kubernetes Event is recorded
 *       at each transition.</li>
 * </ol>
 *
 * <h2>Writing a task</h2>
 *
 * <p>Implement {@link dev.customtasks.crds.controller.CustomTask}: a name, its kinds, the type of
 * the state it keeps between ticks (a record, or {@code Void}), a {@code decode} that turns {@link dev.customtasks.crds.controller.TaskInput} into a typed spec (or
 * throws {@link dev.customtasks.crds.controller.InvalidInputException}), and a {@code progress} that
 * looks at one {@link dev.customtasks.crds.controller.Attempt} and returns a
 * {@link dev.customtasks.crds.controller.Step}: still running (with state to keep and an instant to
 * be woken), succeeded with results, or failed. Register it:
 *
 * <pre>{@code
 * Operator operator = Operators.create(client);
 * new CustomTaskReconciler<>(new MyTask(), Clock.systemUTC()).registerWith(operator);
 * operator.start();
 * }</pre>
 *
 * <p>A controller image's {@code main} does the same through
 * {@link dev.customtasks.crds.controller.ControllerProcess}, which also counts reconciles into
 * {@link dev.customtasks.crds.controller.ControllerMetrics} and serves {@code /healthz},
 * {@code /readyz} and {@code /metrics} ({@link dev.customtasks.crds.controller.ControllerEndpoints})
 * on port 8080:
 *
 * <pre>{@code
 * ControllerProcess.start(new KubernetesClientBuilder().build(), System.getenv(), (operator, namespaces) ->
 *     new CustomTaskReconciler<>(new MyTask(), Clock.systemUTC()).registerWith(operator, namespaces))
 *     .stopOnShutdown();
 * }</pre>
 *
 * <h2>Children</h2>
 *
 * <p>A task that runs other runs (a matrix's instances, a loop's iterations, a sub-pipeline)
 * describes each with the {@link dev.customtasks.crds.child} API: a
 * {@link dev.customtasks.crds.child.ChildTarget} (a Task, a custom task or a Pipeline, by
 * reference or embedded, classified as Tekton does) and a
 * {@link dev.customtasks.crds.child.ChildRunSpec}; {@code attempt.children().createRun(suffix,
 * spec, labels)} (or {@code createRun(suffix, spec, labels, annotations)}) creates it under a
 * deterministic name, with the run's labels and annotations plus its own (found again after a
 * restart, never created twice; {@code children().baseName()} is the attempt's own name, for a single child named like
 * its run), {@code children().outcome(type, name)} reads it as a
 * {@link dev.customtasks.crds.child.ChildOutcome} whatever its kind, and cancel and timeout stop
 * it the way Tekton stops its kind. The task lists the run types it creates in
 * {@code childTypes()} to be woken whenever one changes. The PipelineRun controller uses the same
 * API for its TaskRuns and CustomRuns.
 *
 * <p>A task that stands for its run by one object (an approval's request) names it
 * {@code children().baseName()}, writes that child's status compare-and-set with
 * {@code children().updateStatus(child)} and tells people with {@code children().event(...)}.
 * Objects that concern a run without being its children (the decisions people create) are a
 * {@link dev.customtasks.crds.controller.RelatedType} listed in {@code relatedTypes()}: the
 * controller watches them, wakes the run each names, and the task reads them with
 * {@code children().related(type)}.
 *
 * <h2>Testing a task</h2>
 *
 * <p>A task's decisions are unit tests: the test kit's {@code TaskTester} (core-crds' test-jar,
 * package {@code dev.customtasks.crds.testkit}) runs {@code decode} and {@code progress}, or the
 * whole lifecycle, at instants the test chooses, over in-memory children the test moves along
 * ({@code InMemoryChildStore}: start, succeed, fail). Embedded-server ITs are for what needs a
 * server: informers, conflicts, restarts. {@code WaitTaskTest} and {@code RunLifecycleTest} show
 * both.
 *
 * <h2>One reconcile cycle</h2>
 *
 * <p>Every reconciler here ends a reconcile the same way
 * ({@link dev.customtasks.crds.controller.ReconcileCycle}): decide on a copy of the run; write the
 * status compare-and-set; only then arm the next wake-up and record the events. A decision lost to
 * a conflict is made again and never told twice. An error that outlives the retries fails the run
 * through the same writer.
 *
 * <p>Two small examples live in the test kit: {@code TimerTask} finishes on a timer (the shape of
 * {@code Wait}), {@code ParentTask} runs a child CustomRun and finishes as it finishes (the shape of
 * matrix, loop and pipeline-in-pipeline). {@code task-wait} is a complete module to copy.
 *
 * <h2>Time</h2>
 *
 * <p>Wake-ups at an instant go through one process-wide Quartz scheduler
 * ({@link dev.customtasks.crds.controller.WakeUpScheduler}): a pending wake-up is a trigger in an
 * in-memory store, not a thread. The instant itself always comes from the run's status, so a
 * restarted process re-arms every wake-up from what it reads. Time comes from an injected
 * {@link java.time.Clock}.
 */
package dev.customtasks.crds.controller;
