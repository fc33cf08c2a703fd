package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Native {@code matrix} and CEL {@code when} through the embedded API server, with the TaskRun
 * stand-in completing TaskRuns and the example Timer custom task answering CustomRuns.
 *
 * <p>The table holds every matrix example (and the CEL when example) of tektoncd/pipeline's
 * {@code examples/v1/pipelineruns/} (beta/pipelinerun-with-matrix*.yaml,
 * alpha/pipelinerun-with-cel-when-expressions.yaml), as written there except: steps are left out
 * (no Pod runs), what a step would write as a result is the stand-in's result annotation, and the
 * runs have names instead of {@code generateName}. Each case runs in its own namespace.
 */
class NativeMatrixIT {

  private static final Pattern KIND = Pattern.compile("(?m)^kind: (\\w+)$");
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).withMaxMatrixCombinations(256).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(50)).registerWith(operator);
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  /** What a finished example shows. */
  record Outcome(String namespace, PipelineRun run) {

    List<ChildStatusReference> refs(String task) {
      return run.getStatus().getChildReferences().stream().filter(r -> task.equals(r.getPipelineTaskName())).toList();
    }

    List<String> names(String task) {
      return refs(task).stream().map(ChildStatusReference::getName).toList();
    }

    List<String> params(String taskRun) {
      return paramsOf(client.resources(TaskRun.class).inNamespace(namespace).withName(taskRun).get()
          .getSpec().getParams());
    }

    Map<String, String> skipped() {
      Map<String, String> skipped = new LinkedHashMap<>();
      if (run.getStatus().getSkippedTasks() != null) {
        run.getStatus().getSkippedTasks().forEach(s -> skipped.put(s.getName(), s.getReason()));
      }
      return skipped;
    }

    String reason() {
      return run.getStatus().reason().orElse("");
    }
  }

  record Example(String name, String yaml, Consumer<Outcome> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Example> tektonExamples() {
    return Stream.of(
        new Example("pipelinerun-with-matrix", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: platform-browsers}
            spec:
              params: [{name: platform}, {name: browser}]
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: matrixed-pr}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              pipelineSpec:
                tasks:
                - name: platforms-and-browsers
                  displayName: "Platform: $(params.platform) with Browser: $(params.browser)"
                  matrix:
                    params:
                    - {name: platform, value: [linux]}
                    - {name: browser, value: [chrome, firefox]}
                  taskRef: {name: platform-browsers}
                - name: matrix-and-params
                  matrix:
                    params: [{name: platform, value: [linux]}]
                  params: [{name: browser, value: chrome}]
                  taskRef: {name: platform-browsers}
                - name: matrix-and-params-include
                  matrix:
                    include:
                    - name: "Platform: $(params.platform) with Browser: $(params.browser)"
                      params: [{name: platform, value: linux}]
                  params: [{name: browser, value: chrome}]
                  taskRef: {name: platform-browsers}
                - name: matrix-params-with-empty-array-skipped
                  matrix:
                    params: [{name: version, value: []}]
                  taskSpec:
                    params: [{name: version}]
                - name: matrix-with-task-using-onerror
                  matrix:
                    params: [{name: version, value: ["1"]}]
                  taskSpec:
                    params: [{name: version}]
                - name: matrix-with-task-retries
                  retries: 1
                  params: [{name: pipelineTask-retries, value: $(context.pipelineTask.retries)}]
                  matrix:
                    params: [{name: version, value: ["1"]}]
                  taskSpec:
                    params: [{name: version}, {name: pipelineTask-retries}]
                finally:
                - name: matrix-params-with-empty-array-skipped-in-finally
                  matrix:
                    params: [{name: version, value: []}]
                  taskSpec:
                    params: [{name: version}]
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.COMPLETED);
              assertThat(o.names("platforms-and-browsers"))
                  .containsExactly("matrixed-pr-platforms-and-browsers-0", "matrixed-pr-platforms-and-browsers-1");
              assertThat(o.refs("platforms-and-browsers")).extracting(ChildStatusReference::getDisplayName)
                  .containsExactly("Platform: linux with Browser: chrome", "Platform: linux with Browser: firefox");
              assertThat(o.params("matrixed-pr-platforms-and-browsers-1")).containsExactly("browser=firefox",
                  "platform=linux");
              // One combination: Tekton names the child like an unmatrixed task's.
              assertThat(o.names("matrix-and-params")).containsExactly("matrixed-pr-matrix-and-params");
              assertThat(o.params("matrixed-pr-matrix-and-params")).containsExactly("platform=linux", "browser=chrome");
              assertThat(o.refs("matrix-and-params-include")).singleElement().satisfies(r -> assertThat(
                  r.getDisplayName()).isEqualTo("Platform: linux with Browser: chrome"));
              assertThat(o.params("matrixed-pr-matrix-with-task-retries")).containsExactly("version=1",
                  "pipelineTask-retries=1");
              assertThat(o.skipped())
                  .containsEntry("matrix-params-with-empty-array-skipped", SkippingReason.EMPTY_ARRAY_IN_MATRIX_PARAMS)
                  .containsEntry("matrix-params-with-empty-array-skipped-in-finally",
                      SkippingReason.EMPTY_ARRAY_IN_MATRIX_PARAMS);
              assertThat(o.run().getStatus().succeededCondition().orElseThrow().getMessage())
                  .isEqualTo("Tasks Completed: 5 (Failed: 0, Cancelled 0), Skipped: 2");
            }),
        new Example("pipelinerun-with-matrix-include", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: mytask}
            spec:
              params:
              - {name: GOARCH, default: ''}
              - {name: version, default: ''}
              - {name: flags, default: ''}
              - {name: context, default: ''}
              - {name: package, default: ''}
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: matrixed-include-pr}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              pipelineSpec:
                tasks:
                - name: matrix-include
                  matrix:
                    params:
                    - {name: GOARCH, value: [linux/amd64, linux/ppc64le, linux/s390x]}
                    - {name: version, value: [go1.17, go1.18.1]}
                    include:
                    - name: common-package
                      params: [{name: package, value: path/to/common/package/}]
                    - name: s390x-no-race
                      params: [{name: GOARCH, value: linux/s390x}, {name: flags, value: '-cover -v'}]
                    - name: go117-context
                      params: [{name: version, value: go1.17}, {name: context, value: path/to/go117/context}]
                    - name: non-existent-arch
                      params: [{name: GOARCH, value: I-do-not-exist}]
                  taskRef: {name: mytask}
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.SUCCEEDED);
              assertThat(o.names("matrix-include")).hasSize(7);
              String p = "package=path/to/common/package/";
              String c = "context=path/to/go117/context";
              assertThat(IntStream.range(0, 7).mapToObj(i -> o.params("matrixed-include-pr-matrix-include-" + i))
                  .toList()).containsExactly(
                      List.of("GOARCH=linux/amd64", c, p, "version=go1.17"),
                      List.of("GOARCH=linux/ppc64le", c, p, "version=go1.17"),
                      List.of("GOARCH=linux/s390x", c, "flags=-cover -v", p, "version=go1.17"),
                      List.of("GOARCH=linux/amd64", p, "version=go1.18.1"),
                      List.of("GOARCH=linux/ppc64le", p, "version=go1.18.1"),
                      List.of("GOARCH=linux/s390x", "flags=-cover -v", p, "version=go1.18.1"),
                      List.of("GOARCH=I-do-not-exist"));
              assertThat(o.refs("matrix-include")).extracting(ChildStatusReference::getDisplayName).containsExactly(
                  "common-package go117-context", "common-package go117-context",
                  "common-package s390x-no-race go117-context", "common-package", "common-package",
                  "common-package s390x-no-race", "non-existent-arch");
            }),
        new Example("pipelinerun-with-matrix-include-explicit", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: mytask}
            spec:
              params: [{name: IMAGE}, {name: DOCKERFILE}]
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: explicit-combos}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              pipelineSpec:
                tasks:
                - name: matrix-include
                  matrix:
                    include:
                    - name: build-1
                      params: [{name: IMAGE, value: image-1}, {name: DOCKERFILE, value: path/to/Dockerfile1}]
                    - name: build-2
                      params: [{name: IMAGE, value: image-2}, {name: DOCKERFILE, value: path/to/Dockerfile2}]
                    - name: build-3
                      params: [{name: IMAGE, value: image-3}, {name: DOCKERFILE, value: path/to/Dockerfile3}]
                  taskRef: {name: mytask}
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.SUCCEEDED);
              assertThat(o.refs("matrix-include")).extracting(ChildStatusReference::getDisplayName)
                  .containsExactly("build-1", "build-2", "build-3");
              assertThat(o.params("explicit-combos-matrix-include-2"))
                  .containsExactly("DOCKERFILE=path/to/Dockerfile3", "IMAGE=image-3");
            }),
        new Example("pipelinerun-with-matrix-array-references", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: platform-browsers}
            spec:
              params: [{name: platform, default: ""}, {name: browser, default: ""}]
            ---
            apiVersion: tekton.dev/v1
            kind: Pipeline
            metadata: {name: matrixed-pipeline}
            spec:
              params: [{name: platforms, type: array}, {name: browsers, type: array}]
              tasks:
              - name: platforms-and-browsers
                matrix:
                  params:
                  - {name: platform, value: "$(params.platforms[*])"}
                  - {name: browser, value: "$(params.browsers[*])"}
                taskRef: {name: platform-browsers}
              finally:
              - name: platforms-and-browsers-in-finally
                matrix:
                  params:
                  - {name: platform, value: "$(params.platforms[*])"}
                  - {name: browser, value: "$(params.browsers[*])"}
                taskRef: {name: platform-browsers}
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: matrixed-pr}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              params:
              - {name: platforms, value: [linux, mac, windows]}
              - {name: browsers, value: [chrome, safari, firefox]}
              pipelineRef: {name: matrixed-pipeline}
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.SUCCEEDED);
              assertThat(o.names("platforms-and-browsers")).hasSize(9);
              assertThat(o.names("platforms-and-browsers-in-finally")).hasSize(9);
              assertThat(o.params("matrixed-pr-platforms-and-browsers-2")).containsExactly("browser=chrome",
                  "platform=windows");
              assertThat(o.params("matrixed-pr-platforms-and-browsers-in-finally-3")).containsExactly(
                  "browser=safari", "platform=linux");
              TaskRun inFinally = client.resources(TaskRun.class).inNamespace(o.namespace())
                  .withName("matrixed-pr-platforms-and-browsers-in-finally-8").get();
              assertThat(inFinally.getMetadata().getLabels())
                  .containsEntry(TektonLabels.MEMBER_OF, TektonLabels.MEMBER_OF_FINALLY)
                  .containsEntry(TektonLabels.PIPELINE, "matrixed-pipeline");
            }),
        new Example("pipelinerun-with-matrix-and-results", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: platform-browsers}
            spec:
              params: [{name: platform}, {name: browser}, {name: url}]
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: matrixed-pr}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              pipelineSpec:
                tasks:
                - name: get-platforms
                  taskSpec:
                    metadata:
                      annotations: {customtasks.dev/stand-in-result.platforms: '["linux", "mac", "windows"]'}
                    results: [{name: platforms, type: array}]
                - name: get-browsers-and-url
                  taskSpec:
                    metadata:
                      annotations:
                        customtasks.dev/stand-in-result.browsers: '["chrome", "safari", "firefox"]'
                        customtasks.dev/stand-in-result.url: some-url
                    results: [{name: browsers, type: array}, {name: url}]
                - name: platforms-and-browsers-dag
                  matrix:
                    params:
                    - {name: platform, value: "$(tasks.get-platforms.results.platforms[*])"}
                    - name: browser
                      value:
                      - $(tasks.get-browsers-and-url.results.browsers[0])
                      - $(tasks.get-browsers-and-url.results.browsers[2])
                    - {name: url, value: ["$(tasks.get-browsers-and-url.results.url)"]}
                  taskRef: {name: platform-browsers}
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.SUCCEEDED);
              assertThat(IntStream.range(0, 6).mapToObj(i -> o.params("matrixed-pr-platforms-and-browsers-dag-" + i))
                  .toList()).containsExactly(
                      List.of("browser=chrome", "platform=linux", "url=some-url"),
                      List.of("browser=chrome", "platform=mac", "url=some-url"),
                      List.of("browser=chrome", "platform=windows", "url=some-url"),
                      List.of("browser=firefox", "platform=linux", "url=some-url"),
                      List.of("browser=firefox", "platform=mac", "url=some-url"),
                      List.of("browser=firefox", "platform=windows", "url=some-url"));
              TaskRun first = client.resources(TaskRun.class).inNamespace(o.namespace())
                  .withName("matrixed-pr-platforms-and-browsers-dag-0").get();
              TaskRun platforms = client.resources(TaskRun.class).inNamespace(o.namespace())
                  .withName("matrixed-pr-get-platforms").get();
              assertThat(first.getMetadata().getCreationTimestamp())
                  .isGreaterThanOrEqualTo(platforms.getStatus().getCompletionTime());
            }),
        new Example("pipelinerun-with-matrix-emitting-results", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: echo-platform}
            spec:
              params: [{name: url, type: string}]
            ---
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: validate-array-url}
            spec:
              params: [{name: url, type: array}]
            ---
            apiVersion: tekton.dev/v1
            kind: Task
            metadata:
              name: task-producing-results
              annotations:
                customtasks.dev/stand-in-result.report-url: https://api.example/get-report/$(params.platform)-$(params.browser)
            spec:
              params: [{name: platform, default: ""}, {name: browser, default: ""}]
              results: [{name: report-url, type: string}]
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: platforms-with-results}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              pipelineSpec:
                results:
                - {name: pr-result-1, value: "$(tasks.matrix-emitting-results.results.report-url[*])"}
                tasks:
                - name: matrix-emitting-results
                  matrix:
                    params:
                    - {name: platform, value: [linux, mac, windows]}
                    - {name: browser, value: [chrome, safari, firefox]}
                  taskRef: {name: task-producing-results, kind: Task}
                - name: task-consuming-results
                  taskRef: {name: validate-array-url, kind: Task}
                  params: [{name: url, value: "$(tasks.matrix-emitting-results.results.report-url[*])"}]
                - name: matrix-consuming-results
                  taskRef: {name: echo-platform, kind: Task}
                  matrix:
                    params: [{name: url, value: "$(tasks.matrix-emitting-results.results.report-url[*])"}]
            """, o -> {
              List<String> urls = Stream.of("chrome", "safari", "firefox").flatMap(b -> Stream.of("linux", "mac", "windows")
                  .map(p -> "https://api.example/get-report/" + p + "-" + b)).toList();
              assertThat(o.reason()).isEqualTo(PipelineRunReason.SUCCEEDED);
              assertThat(o.run().getStatus().result("pr-result-1")).map(r -> r.getValue())
                  .contains(ParamValue.ofArray(urls));
              TaskRun consumer = client.resources(TaskRun.class).inNamespace(o.namespace())
                  .withName("platforms-with-results-task-consuming-results").get();
              assertThat(consumer.getSpec().getParams()).singleElement()
                  .satisfies(p -> assertThat(p.getValue()).isEqualTo(ParamValue.ofArray(urls)));
              assertThat(o.names("matrix-consuming-results")).hasSize(9);
              assertThat(o.params("platforms-with-results-matrix-consuming-results-4")).containsExactly(
                  "url=" + urls.get(4));
            }),
        new Example("pipelinerun-with-matrix-context-variables", """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: validate-matrix-result-length}
            spec:
              params: [{name: matrixlength, type: string}]
            ---
            apiVersion: tekton.dev/v1
            kind: Task
            metadata: {name: validate-matrix-results-length}
            spec:
              params: [{name: matrixresultslength-1, type: string}, {name: matrixresultslength-2, type: string}]
            ---
            apiVersion: tekton.dev/v1
            kind: Task
            metadata:
              name: taskwithresults
              annotations: {customtasks.dev/stand-in-result.IMAGE-DIGEST: "sha-of-$(params.DIGEST)"}
            spec:
              params: [{name: IMAGE}, {name: DIGEST, default: ""}]
              results: [{name: IMAGE-DIGEST}, {name: IMAGE-URL}]
            ---
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: matrix-context-variables}
            spec:
              taskRunTemplate: {serviceAccountName: default}
              pipelineSpec:
                tasks:
                - name: matrix-emitting-results
                  matrix:
                    include:
                    - name: build-1
                      params: [{name: IMAGE, value: image-1}, {name: DIGEST, value: path/to/Dockerfile1}]
                    - name: build-2
                      params: [{name: IMAGE, value: image-2}, {name: DIGEST, value: path/to/Dockerfile2}]
                    - name: build-3
                      params: [{name: IMAGE, value: image-3}]
                  taskRef: {name: taskwithresults, kind: Task}
                - name: matrixed-echo-length
                  runAfter: [matrix-emitting-results]
                  params: [{name: matrixlength, value: $(tasks.matrix-emitting-results.matrix.length)}]
                  taskRef: {name: validate-matrix-result-length, kind: Task}
                - name: matrixed-echo-results-length
                  runAfter: [matrix-emitting-results]
                  params:
                  - {name: matrixresultslength-1, value: $(tasks.matrix-emitting-results.matrix.IMAGE-DIGEST.length)}
                  - {name: matrixresultslength-2, value: $(tasks.matrix-emitting-results.matrix.IMAGE-URL.length)}
                  taskRef: {name: validate-matrix-results-length, kind: Task}
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.SUCCEEDED);
              assertThat(o.params("matrix-context-variables-matrixed-echo-length")).containsExactly("matrixlength=3");
              // The stand-in writes every declared result, so IMAGE-URL has 3 values here; in Tekton's
              // example a step writes it for one combination only, and its length is 1.
              assertThat(o.params("matrix-context-variables-matrixed-echo-results-length")).containsExactly(
                  "matrixresultslength-1=3", "matrixresultslength-2=3");
            }),
        new Example("pipelinerun-with-cel-when-expressions", """
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: {name: guarded-pr-by-cel}
            spec:
              pipelineSpec:
                params: [{name: path, type: string}]
                workspaces: [{name: source}]
                tasks:
                - name: create-file
                  when: [{cel: "'$(params.path)' == 'README.md'"}]
                  workspaces: [{name: source, workspace: source}]
                  taskSpec:
                    workspaces: [{name: source}]
                - name: check-file
                  params: [{name: path, value: "$(params.path)"}]
                  workspaces: [{name: source, workspace: source}]
                  runAfter: [create-file]
                  taskSpec:
                    metadata:
                      annotations: {customtasks.dev/stand-in-result.exists: "yes"}
                    params: [{name: path}]
                    workspaces: [{name: source}]
                    results: [{name: exists}]
                - name: echo-file-exists
                  when: [{cel: "'$(tasks.check-file.results.exists)' == 'yes'"}]
                  taskSpec: {}
                - name: task-should-be-skipped-1
                  when: [{cel: "'$(tasks.check-file.results.exists)'=='missing'"}]
                  taskSpec: {}
                - name: task-should-be-skipped-2
                  when: [{cel: "'$(params.path)'!='README.md'"}]
                  taskSpec: {}
                - name: task-should-be-skipped-3
                  runAfter: [echo-file-exists]
                  when: [{cel: "'monday'=='friday'"}]
                  taskSpec: {}
                finally:
                - name: finally-task-should-be-skipped-1
                  when: [{cel: "'$(tasks.echo-file-exists.status)'=='Failure'"}]
                  taskSpec: {}
                - name: finally-task-should-be-skipped-2
                  when: [{cel: "'$(tasks.check-file.results.exists)'=='missing'"}]
                  taskSpec: {}
                - name: finally-task-should-be-skipped-3
                  when: [{cel: "'$(params.path)'!='README.md'"}]
                  taskSpec: {}
                - name: finally-task-should-be-skipped-4
                  when: [{cel: "'$(tasks.status)'=='Failure'"}]
                  taskSpec: {}
                - name: finally-task-should-be-skipped-5
                  when: [{cel: "'$(tasks.status)'=='Succeeded'"}]
                  taskSpec: {}
                - name: finally-task-should-be-executed
                  when:
                  - cel: "'$(tasks.status)'=='Completed'"
                  - cel: "'$(tasks.check-file.results.exists)'=='yes'"
                  - cel: "'$(params.path)'=='README.md'"
                  taskSpec: {}
              params: [{name: path, value: README.md}]
              workspaces:
              - name: source
                volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 16Mi}}}}
            """, o -> {
              assertThat(o.reason()).isEqualTo(PipelineRunReason.COMPLETED);
              assertThat(o.run().getStatus().getChildReferences()).extracting(ChildStatusReference::getPipelineTaskName)
                  .containsExactlyInAnyOrder("create-file", "check-file", "echo-file-exists",
                      "finally-task-should-be-executed");
              assertThat(o.skipped()).containsOnlyKeys("task-should-be-skipped-1", "task-should-be-skipped-2",
                  "task-should-be-skipped-3", "finally-task-should-be-skipped-1", "finally-task-should-be-skipped-2",
                  "finally-task-should-be-skipped-3", "finally-task-should-be-skipped-4",
                  "finally-task-should-be-skipped-5");
              assertThat(o.skipped().values()).containsOnly(SkippingReason.WHEN_EXPRESSIONS);
              assertThat(o.run().getStatus().getSkippedTasks()).filteredOn(s -> s.getName().equals("task-should-be-skipped-2"))
                  .singleElement().extracting(SkippedTask::getWhenExpressions).asList().hasSize(1);
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tektonExamples")
  void runsTektonsExample(Example example) {
    String namespace = example.name().replace("pipelinerun-with-", "ex-");
    String runName = null;
    for (String doc : example.yaml().split("(?m)^---$")) {
      Matcher kind = KIND.matcher(doc);
      assertThat(kind.find()).as("kind in %s", doc).isTrue();
      Class<? extends HasMetadata> type = switch (kind.group(1)) {
        case "Task" -> Task.class;
        case "Pipeline" -> Pipeline.class;
        default -> PipelineRun.class;
      };
      HasMetadata object = Serialization.unmarshal(doc, type);
      object.getMetadata().setNamespace(namespace);
      client.resource(object).create();
      if (object instanceof PipelineRun) {
        runName = object.getMetadata().getName();
      }
    }

    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, namespace, runName, PipelineRun::isDone);

    example.expect().accept(new Outcome(namespace, done));
  }

  static Stream<Object[]> customTaskPipelines() {
    String matrixed = """
          - name: platforms-and-browsers
            taskRef: {apiVersion: example.dev/v0, kind: Example}
            matrix:
              params:
              - {name: platform, value: [linux, mac, windows]}
              - {name: browser, value: [chrome, safari, firefox]}
            params: [{name: version, value: v0.1}]
        """;
    return Stream.of(
        new Object[] {"p-dag", TektonLabels.MEMBER_OF_TASKS, """
            apiVersion: tekton.dev/v1
            kind: Pipeline
            metadata: {name: p-dag}
            spec:
              tasks:
            """ + matrixed},
        new Object[] {"p-finally", TektonLabels.MEMBER_OF_FINALLY, """
            apiVersion: tekton.dev/v1
            kind: Pipeline
            metadata: {name: p-finally}
            spec:
              tasks:
              - name: unmatrixed-pt
                params: [{name: platform, value: linux}, {name: browser, value: chrome}, {name: version, value: v0.0}]
                taskRef: {name: mytask}
              finally:
            """ + matrixed});
  }

  /**
   * {@code TestReconciler_PipelineTaskMatrixWithCustomTask} in tektoncd/pipeline's
   * {@code pkg/reconciler/pipelinerun/pipelinerun_test.go}: the CustomRuns (names, params and their
   * order, custom ref, service account, labels, owner) and the child references a matrixed custom
   * task gets, in {@code tasks} and in {@code finally}. No controller answers {@code Example}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("customTaskPipelines")
  void customTaskMatrixCreatesTheCustomRunsTektonsTestsExpect(String pipeline, String memberOf, String yaml) {
    String ns = "custom-" + pipeline;
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: mytask}
        spec:
          params: [{name: platform}, {name: browser}, {name: version}]
        """, Task.class);
    create(ns, yaml, Pipeline.class);
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: pr}
        spec:
          taskRunTemplate: {serviceAccountName: test-sa}
          pipelineRef: {name: %s}
        """.formatted(pipeline), PipelineRun.class);

    PipelineRun running = RunAwaits.awaitObject(client, PipelineRun.class, ns, "pr",
        r -> r.getStatus() != null && r.getStatus().getChildReferences() != null
            && r.getStatus().getChildReferences().stream()
                .filter(c -> c.getPipelineTaskName().equals("platforms-and-browsers")).count() == 9);

    List<String> names = IntStream.range(0, 9).mapToObj(i -> "pr-platforms-and-browsers-" + i).toList();
    List<ChildStatusReference> refs = running.getStatus().getChildReferences().stream()
        .filter(c -> c.getPipelineTaskName().equals("platforms-and-browsers")).toList();
    assertThat(refs).extracting(ChildStatusReference::getApiVersion, ChildStatusReference::getKind)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("tekton.dev/v1beta1", "CustomRun"));
    assertThat(refs).extracting(ChildStatusReference::getName).containsExactlyElementsOf(names);
    if (memberOf.equals(TektonLabels.MEMBER_OF_TASKS)) {
      assertThat(running.getStatus().succeededCondition().orElseThrow().getMessage())
          .isEqualTo("Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0");
    }
    String[][] combos = {{"chrome", "linux"}, {"chrome", "mac"}, {"chrome", "windows"}, {"safari", "linux"},
        {"safari", "mac"}, {"safari", "windows"}, {"firefox", "linux"}, {"firefox", "mac"}, {"firefox", "windows"}};
    for (int i = 0; i < 9; i++) {
      CustomRun run = client.resources(CustomRun.class).inNamespace(ns).withName(names.get(i)).get();
      assertThat(paramsOf(run.getSpec().getParams())).containsExactly("browser=" + combos[i][0],
          "platform=" + combos[i][1], "version=v0.1");
      assertThat(run.getSpec().getCustomRef().getApiVersion()).isEqualTo("example.dev/v0");
      assertThat(run.getSpec().getCustomRef().getKind()).isEqualTo("Example");
      assertThat(run.getSpec().getServiceAccountName()).isEqualTo("test-sa");
      assertThat(run.getMetadata().getLabels())
          .containsEntry(TektonLabels.PIPELINE, pipeline)
          .containsEntry(TektonLabels.PIPELINE_RUN, "pr")
          .containsEntry(TektonLabels.PIPELINE_TASK, "platforms-and-browsers")
          .containsEntry(TektonLabels.MEMBER_OF, memberOf);
      assertThat(run.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(running.getMetadata().getUid()));
    }
    setSpecStatus(ns, "pr", "Cancelled");
    RunAwaits.awaitObject(client, PipelineRun.class, ns, "pr", PipelineRun::isDone);
  }

  @Test
  void moreCombinationsThanTheLimitFailTheRunBeforeAnythingIsCreated() {
    String ns = "matrix-limit";
    String values = IntStream.range(0, 257).mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElseThrow();
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: too-many}
        spec:
          params: [{name: many, value: [%s]}]
          pipelineSpec:
            params: [{name: many, type: array}]
            tasks:
            - {name: first, taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}, params: [{name: duration, value: 0s}]}
            - name: fan
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              params: [{name: duration, value: 0s}]
              matrix: {params: [{name: n, value: "$(params.many[*])"}]}
        """.formatted(values), PipelineRun.class);

    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, ns, "too-many", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED_VALIDATION);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("pipeline task \"fan\": matrix: 257 combinations, more than the limit of 256");
    assertThat(done.getStatus().getChildReferences()).isNullOrEmpty();
    assertThat(client.resources(CustomRun.class).inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void everyChildGetsTheTasksRetriesAndTimeoutAndCancellingTheRunCancelsEveryChild() {
    String ns = "matrix-cancel";
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: slow}
        spec:
          pipelineSpec:
            tasks:
            - name: wait
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              retries: 2
              timeout: 30m
              matrix: {params: [{name: duration, value: [1h, 2h, 3h]}]}
        """, PipelineRun.class);
    await().atMost(Duration.ofSeconds(60)).until(() -> client.resources(CustomRun.class).inNamespace(ns).list()
        .getItems().stream().filter(r -> r.getStatus() != null && r.getStatus().hasStarted()).count() == 3);

    List<CustomRun> children = client.resources(CustomRun.class).inNamespace(ns).list().getItems();
    assertThat(children).allSatisfy(c -> {
      assertThat(c.getSpec().getRetries()).isEqualTo(2);
      assertThat(c.getSpec().getTimeout()).isEqualTo("30m0s");
    });

    setSpecStatus(ns, "slow", "Cancelled");
    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, ns, "slow", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.CANCELLED);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .as("Tekton's sentence: a cancel ends the run at once, without a tally (cancel.go)")
        .isEqualTo("PipelineRun \"slow\" was cancelled");
    assertThat(client.resources(CustomRun.class).inNamespace(ns).list().getItems()).hasSize(3)
        .allSatisfy(c -> assertThat(ChildRuns.isCancelRequested(c)).isTrue());
  }

  @Test
  void thePipelineTimeoutCancelsEveryRunningChild() {
    String ns = "matrix-timeout";
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: late}
        spec:
          timeouts: {pipeline: 3s}
          pipelineSpec:
            tasks:
            - name: wait
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              matrix: {params: [{name: duration, value: [0s, 1h, 2h]}]}
        """, PipelineRun.class);

    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, ns, "late", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.TIMED_OUT);
    List<CustomRun> children = client.resources(CustomRun.class).inNamespace(ns).list().getItems();
    assertThat(children).extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("late-wait-0", "late-wait-1", "late-wait-2");
    assertThat(children).filteredOn(c -> !c.getMetadata().getName().equals("late-wait-0")).hasSize(2)
        .allSatisfy(c -> assertThat(c.getSpec().getStatusMessage())
            .isEqualTo(ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE_TIMEOUT));
    assertThat(client.resources(CustomRun.class).inNamespace(ns).withName("late-wait-0").get().isCancelled())
        .isFalse();
  }

  @Test
  void aFanOutFoundCutShortIsCompletedWithoutCreatingAnyChildTwice() {
    String ns = "matrix-resume";
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: resume}
        spec:
          status: PipelineRunPending
          pipelineSpec:
            tasks:
            - name: wait
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              matrix: {params: [{name: duration, value: [0s, 0s, 0s]}]}
        """, PipelineRun.class);
    PipelineRun pending = client.resources(PipelineRun.class).inNamespace(ns).withName("resume").get();
    // What a controller stopped after the first of its creates left behind: one child, no childReferences.
    CustomRun left = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata:
          name: resume-wait-1
          labels: {tekton.dev/pipelineRun: resume, tekton.dev/pipelineTask: wait, tekton.dev/memberOf: tasks}
        spec:
          customRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
          params: [{name: duration, value: 0s}]
        """, CustomRun.class);
    left.getMetadata().setNamespace(ns);
    left.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withApiVersion("tekton.dev/v1").withKind("PipelineRun").withName("resume")
        .withUid(pending.getMetadata().getUid()).withController(true).build()));
    String leftUid = client.resource(left).create().getMetadata().getUid();

    client.resources(PipelineRun.class).inNamespace(ns).withName("resume")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":null}}");
    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, ns, "resume", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.SUCCEEDED);
    assertThat(done.getStatus().getChildReferences()).extracting(ChildStatusReference::getName)
        .containsExactlyInAnyOrder("resume-wait-0", "resume-wait-1", "resume-wait-2");
    assertThat(client.resources(CustomRun.class).inNamespace(ns).list().getItems()).hasSize(3);
    assertThat(client.resources(CustomRun.class).inNamespace(ns).withName("resume-wait-1").get().getMetadata()
        .getUid()).isEqualTo(leftUid);
  }

  @Test
  void aFailedChildWithOnErrorContinueLetsDependentsRun() {
    String ns = "matrix-onerror";
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: tolerant}
        spec:
          pipelineSpec:
            tasks:
            - name: try
              onError: continue
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              params: [{name: duration, value: 0s}]
              matrix: {params: [{name: failAttempts, value: ["0", "1"]}]}
            - name: after
              runAfter: [try]
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              params: [{name: duration, value: 0s}]
        """, PipelineRun.class);

    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, ns, "tolerant", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.SUCCEEDED);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0");
    assertThat(done.getStatus().getChildReferences()).extracting(ChildStatusReference::getName)
        .containsExactly("tolerant-try-0", "tolerant-try-1", "tolerant-after");
  }

  @Test
  void aCelWhenThatFailsToEvaluateFailsTheRunWithTektonsReason() {
    String ns = "cel-bad";
    create(ns, """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: bad-cel}
        spec:
          params: [{name: n, value: x}]
          pipelineSpec:
            params: [{name: n}]
            tasks:
            - {name: first, taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}, params: [{name: duration, value: 0s}]}
            - name: a
              runAfter: [first]
              taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
              params: [{name: duration, value: 0s}]
              when: [{cel: "int('$(params.n)') > 1"}]
        """, PipelineRun.class);

    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, ns, "bad-cel", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.CEL_EVALUATION_FAILED);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .startsWith("Error evaluating CEL bad-cel: CEL expression \"int('x') > 1\" failed");
    // As Tekton evaluates it once params are applied: before any task starts.
    assertThat(client.resources(CustomRun.class).inNamespace(ns).list().getItems()).isEmpty();
  }

  private static <T extends HasMetadata> void create(String namespace, String yaml, Class<T> type) {
    T object = Serialization.unmarshal(yaml, type);
    object.getMetadata().setNamespace(namespace);
    client.resource(object).create();
  }

  private static void setSpecStatus(String namespace, String name, String status) {
    client.resources(PipelineRun.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"" + status + "\"}}");
  }

  private static List<String> paramsOf(List<Param> params) {
    return params.stream().map(p -> p.getName() + "=" + (p.getValue().type() == ParamValue.Type.STRING
        ? p.getValue().asString() : p.getValue().toString())).toList();
  }
}
