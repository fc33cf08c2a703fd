package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kube-apiserver's table of Events: its columns, and each cell as printEvent fills it. */
class EventTableTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void columnsAreKubeApiserversWithTheWideOnesOfPriorityOne() {
    ObjectNode table = EventTable.of(List.of(), "7", NOW);

    assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Last Seen", "Type",
        "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
    assertThat(table.path("columnDefinitions").findValues("priority")).extracting(JsonNode::asInt)
        .containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
  }

  @Test
  void anEventOfTheCoreApiGivesItsTimesObjectSourceAndCount() {
    JsonNode row = row("""
        {"metadata": {"name": "gate.1"}, "type": "Warning", "reason": "TimedOut", "message": " timed out\\n",
         "involvedObject": {"kind": "ApprovalRequest", "name": "gate", "fieldPath": "spec.approvers"},
         "source": {"component": "approval-controller", "host": "node-1"},
         "firstTimestamp": "2026-01-01T11:00:00Z", "lastTimestamp": "2026-01-01T11:59:30Z", "count": 3}
        """);

    assertThat(texts(row)).containsExactly("30s", "Warning", "TimedOut", "approvalrequest/gate", "spec.approvers",
        "approval-controller, node-1", "timed out", "60m", "3", "gate.1");
  }

  @Test
  void anEventOfTheEventsApiFallsBackToEventTimeTheReporterAndItsSeries() {
    JsonNode row = row("""
        {"metadata": {"name": "run.2"}, "type": "Normal", "reason": "Started", "message": "began",
         "involvedObject": {"kind": "CustomRun"},
         "reportingController": "wait-controller", "reportingInstance": "pod-a",
         "eventTime": "2026-01-01T11:58:00.123456Z",
         "series": {"count": 4, "lastObservedTime": "2026-01-01T11:59:50.000000Z"}}
        """);

    assertThat(texts(row)).containsExactly("10s", "Normal", "Started", "customrun", "", "wait-controller, pod-a",
        "began", "119s", "4", "run.2");
  }

  @Test
  void missingTimesAreUnknownAndASingletonCountsOne() {
    JsonNode row = row("""
        {"metadata": {"name": "bare"}, "involvedObject": {"kind": "Pod", "name": "p"}}
        """);

    assertThat(texts(row)).containsExactly("<unknown>", "", "", "pod/p", "", "", "", "<unknown>", "1", "bare");
    assertThat(row.path("object").path("metadata").path("name").asText()).isEqualTo("bare");
  }

  private static JsonNode row(String event) {
    try {
      return EventTable.of(List.of(Serialization.jsonMapper().readTree(event)), "1", NOW).path("rows").get(0);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> texts(JsonNode row) {
    List<String> texts = new java.util.ArrayList<>();
    row.path("cells").forEach(c -> texts.add(c.asText()));
    return texts;
  }
}
