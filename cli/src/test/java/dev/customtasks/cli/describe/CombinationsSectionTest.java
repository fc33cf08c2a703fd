package dev.customtasks.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CombinationsSectionTest {

  private static final CustomRun MATRIX = Serialization.unmarshal("""
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: test, namespace: ci}
      spec:
        customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Matrix, name: platforms}
      status:
        startTime: "2026-06-01T10:00:00Z"
        conditions: [{type: Succeeded, status: Unknown, reason: Running, message: "1 of 3 combinations done, 2 running"}]
        extraFields:
          combinations: 3
          children:
          - {index: 0, child: test-0, params: {jdk: "17", os: linux}, displayName: linux-arm, state: Failed, message: tests failed}
          - {index: 1, child: test-1, params: {jdk: "17", os: mac}, state: Running}
          - {index: 2, child: test-2, params: {jdk: "21", os: linux}, state: NotStarted}
      """, CustomRun.class);

  @Test
  void aMatrixRunListsEveryCombinationWithItsChildAndState() {
    String text = describe(MATRIX);

    assertThat(text).contains("Combinations: 3 (1 Failed, 1 Running, 1 NotStarted)");
    assertThat(text.lines().filter(l -> l.startsWith("  ")).map(String::strip).toList()).containsSubsequence(
        "INDEX   CHILD    STATE        PARAMS             NAME        MESSAGE",
        "0       test-0   Failed       jdk=17, os=linux   linux-arm   tests failed",
        "1       test-1   Running      jdk=17, os=mac     -           -",
        "2       test-2   NotStarted   jdk=21, os=linux   -           -");
  }

  @Test
  void aRunWithoutCombinationsPrintsNoSection() {
    CustomRun wait = Serialization.clone(MATRIX);
    wait.getStatus().setExtraFields(java.util.Map.of("deadline", "2026-06-01T10:00:05.000Z"));
    assertThat(describe(wait)).doesNotContain("Combinations");
  }

  private static String describe(CustomRun run) {
    StringWriter text = new StringWriter();
    CustomRunDescription.print(run, new PrintWriter(text), Terminal.plain(), Instant.parse("2026-06-01T10:00:10Z"));
    return text.toString();
  }
}
