package dev.customtasks.matrix.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.matrix.Combination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildLabelsTest {

  @Test
  void labelsRecordTheIndexTheCombinationAndEachValidParam() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("jdk", "17");
    params.put("os", "linux");
    Map<String, String> labels = ChildLabels.of(3, new Combination(params, List.of()));

    assertThat(labels).containsEntry(ChildLabels.INDEX, "3")
        .containsEntry("matrix.customtasks.dev/jdk", "17")
        .containsEntry("matrix.customtasks.dev/os", "linux")
        .containsEntry(ChildLabels.COMBINATION, ChildLabels.combinationHash(params));
    assertThat(labels.get(ChildLabels.COMBINATION)).matches("sha256-[0-9a-f]{12}");
  }

  @Test
  void anInvalidValueIsHashedAndAnInvalidNameLeftOut() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("GOARCH", "linux/amd64");
    params.put("flags", "-v");
    params.put("long", "x".repeat(64));
    params.put("empty", "");
    params.put("-bad-name-", "v");
    params.put("n".repeat(64), "v");
    Map<String, String> labels = ChildLabels.of(0, new Combination(params, List.of()));

    assertThat(labels.get("matrix.customtasks.dev/GOARCH")).matches("sha256-[0-9a-f]{12}");
    assertThat(labels.get("matrix.customtasks.dev/flags")).matches("sha256-[0-9a-f]{12}");
    assertThat(labels.get("matrix.customtasks.dev/long")).matches("sha256-[0-9a-f]{12}");
    assertThat(labels).containsEntry("matrix.customtasks.dev/empty", "");
    assertThat(labels.keySet()).noneMatch(k -> k.contains("bad-name") || k.contains("nnnn"));
    assertThat(labels.values()).allMatch(v -> v.isEmpty() || ChildLabels.isValid(v));
  }

  @Test
  void theCombinationHashDependsOnEveryNameAndValue() {
    assertThat(ChildLabels.combinationHash(Map.of("a", "b=c")))
        .isNotEqualTo(ChildLabels.combinationHash(Map.of("a=b", "c")));
    assertThat(ChildLabels.combinationHash(Map.of("os", "linux")))
        .isEqualTo(ChildLabels.combinationHash(Map.of("os", "linux")));
  }
}
