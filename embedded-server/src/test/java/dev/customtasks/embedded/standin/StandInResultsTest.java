package dev.customtasks.embedded.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.TaskResult;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandInResultsTest {

  @Test
  void aResultAnnotationTakesTheTaskRunsStringParams() {
    List<Param> params = List.of(Param.of("platform", "linux"), new Param("list", ParamValue.ofArray(List.of("a"))));
    TaskResult image = new TaskResult();
    image.setName("image");
    TaskResult other = new TaskResult();
    other.setName("other");

    List<TaskRunResult> results = TaskRunStandIn.results(List.of(image, other), Map.of(
        TaskRunStandIn.RESULT_PREFIX + "image", "img-$(params.platform)-$(params.list)-$(params.missing)"), params);

    assertThat(results).extracting(TaskRunResult::getValue).containsExactly(
        ParamValue.of("img-linux-$(params.list)-$(params.missing)"), ParamValue.of(""));
  }

  @Test
  void anArrayResultAnnotationIsAJsonArray() {
    TaskResult platforms = new TaskResult("platforms", "array");
    TaskResult single = new TaskResult("single", "array");
    TaskResult none = new TaskResult("none", "array");

    List<TaskRunResult> results = TaskRunStandIn.results(List.of(platforms, single, none), Map.of(
        TaskRunStandIn.RESULT_PREFIX + "platforms", "[\"linux\", \"$(params.os)\"]",
        TaskRunStandIn.RESULT_PREFIX + "single", "linux"), List.of(Param.of("os", "mac")));

    assertThat(results).extracting(TaskRunResult::getValue).containsExactly(
        ParamValue.ofArray(List.of("linux", "mac")), ParamValue.ofArray(List.of("linux")),
        ParamValue.ofArray(List.of()));
  }
}
