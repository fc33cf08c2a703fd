package dev.customtasks.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.describe.Answerers;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The follow lines' TASK column is as wide as the pipeline's longest task from the first line on,
 * for a PipelineRun by {@code pipelineRef} too, before its status names the tasks.
 */
class FollowerColumnsIT {

  private static final String NS = "default";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    for (String document : """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: inner}
        spec:
          tasks:
          - {name: compile-everything-twice, taskSpec: {steps: [{name: s, image: alpine}]}}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: release}
        spec:
          tasks:
          - {name: a, taskSpec: {steps: [{name: s, image: alpine}]}}
          - {name: smoke-test-in-staging, runAfter: [a], taskSpec: {steps: [{name: s, image: alpine}]}}
          - {name: nested, runAfter: [a], taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: inner}}
          finally:
          - {name: tidy, taskSpec: {steps: [{name: s, image: alpine}]}}
        """.split("(?m)^---$")) {
      HasMetadata object = Serialization.unmarshal(document);
      object.getMetadata().setNamespace(NS);
      client.resource(object).create();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Follower follower() {
    return new Follower(client, NS, new PrintWriter(new StringWriter()), Terminal.plain(), false,
        Clock.systemUTC(), Answerers.silent());
  }

  private static PipelineRun byRef(String pipeline) {
    return Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: release-run, namespace: default}
        spec: {pipelineRef: {name: %s}}
        """.formatted(pipeline), PipelineRun.class);
  }

  @Test
  void aRunByPipelineRefIsAsWideAsItsPipelinesLongestTaskBeforeItsStatusNamesThem() {
    Follower follower = follower();
    TaskLine first = new TaskLine("a", "TaskRun", "Running", "1.0s", "");

    int width = follower.width(byRef("release"), List.of(first));

    // nested/compile-everything-twice: the nested pipeline's task, as its lines are named
    assertThat(width).isEqualTo("nested/compile-everything-twice".length());
    assertThat(first.render(width).indexOf("TaskRun"))
        .isEqualTo(new TaskLine("smoke-test-in-staging", "TaskRun", "Pending", "", "").render(width)
            .indexOf("TaskRun"));
  }

  @Test
  void theColumnNeverNarrowsAndAnUnreadablePipelineFallsBackToTheLinesSeen() {
    Follower follower = follower();
    TaskLine longLine = new TaskLine("a-task-seen-already", "TaskRun", "Running", "", "");

    assertThat(follower.width(byRef("nowhere"), List.of(longLine))).isEqualTo("a-task-seen-already".length());
    assertThat(follower.width(byRef("nowhere"), List.of(new TaskLine("a", "TaskRun", "Running", "", ""))))
        .isEqualTo("a-task-seen-already".length());
  }
}
