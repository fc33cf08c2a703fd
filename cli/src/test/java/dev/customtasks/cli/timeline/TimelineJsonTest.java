package dev.customtasks.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TimelineJsonTest {

  @Test
  void spansCarryTaskKindTimesHopAndStateForScripts() {
    JsonNode json = TimelineJson.of(Spans.of(Fixtures.tree(SpansTest.SEQUENTIAL), SpansTest.at("10:05:00")));

    assertThat(json.get("pipelineRun").asText()).isEqualTo("release-run");
    assertThat(json.get("durationMs").asLong()).isEqualTo(19_900);
    JsonNode wait = json.get("spans").get(1);
    assertThat(wait.get("task").asText()).isEqualTo("wait-for-window");
    assertThat(wait.get("section").asText()).isEqualTo("tasks");
    assertThat(wait.get("kind").asText()).isEqualTo("Wait");
    assertThat(wait.get("custom").asBoolean()).isTrue();
    assertThat(wait.get("state").asText()).isEqualTo("Succeeded");
    assertThat(wait.get("start").asText()).isEqualTo("2026-06-01T10:00:03.200Z");
    assertThat(wait.get("end").asText()).isEqualTo("2026-06-01T10:00:15.400Z");
    assertThat(wait.get("durationMs").asLong()).isEqualTo(12_200);
    assertThat(wait.get("waitedMs").asLong()).isEqualTo(11_800);
    assertThat(wait.get("hopMs").asLong()).isEqualTo(500);
    assertThat(wait.get("hopFrom").asText()).isEqualTo("build");
    assertThat(wait.get("segments").findValuesAsText("phase")).containsExactly("waiting", "working");
    assertThat(json.get("hops").findValuesAsText("to")).containsExactly("build", "wait-for-window", "deploy",
        "deploy");
    assertThat(json.get("hops").get(3).get("released").asBoolean()).isFalse();
  }

  @Test
  void aSkippedTaskAndAFinallyTaskKeepTheirPlace() {
    JsonNode json = TimelineJson.of(Spans.of(Fixtures.tree(SpansTest.PARALLEL), SpansTest.at("10:05:00")));

    JsonNode publish = json.get("spans").get(3);
    assertThat(publish.get("state").asText()).isEqualTo("Skipped");
    assertThat(publish.get("start").isNull()).isTrue();
    assertThat(publish.has("durationMs")).isFalse();
    JsonNode notify = json.get("spans").get(4);
    assertThat(notify.get("section").asText()).isEqualTo("finally");
    assertThat(notify.get("hopFrom").asText()).isEqualTo(Hop.TASKS);
  }
}
