package dev.customtasks.subpipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.controller.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain of pipelines a run carries, and the two ways it refuses to go deeper. */
class NestingTest {

  @Test
  void aCustomRunOfATopLevelPipelineRunStartsTheChainWithItsPipeline() {
    Nesting top = Nesting.of(Map.of("tekton.dev/pipeline", "release"), null);
    assertThat(top).isEqualTo(new Nesting(List.of("release"), 0));

    Nesting child = top.enter("build", 10);
    assertThat(child.chain()).containsExactly("release", "build");
    assertThat(child.depth()).isEqualTo(1);
    assertThat(child.chainAnnotation()).isEqualTo("release > build");
  }

  @Test
  void aBareCustomRunStartsWithNothing() {
    Nesting bare = Nesting.of(null, null);
    assertThat(bare.chain()).isEmpty();
    assertThat(bare.enter("hello-world", 10)).isEqualTo(new Nesting(List.of("hello-world"), 1));
  }

  @Test
  void theChainTravelsDownThroughTheAnnotationAndTheDepthLabel() {
    Nesting child = Nesting.of(Map.of("tekton.dev/pipeline", "release"), null).enter("build", 10);
    // The child PipelineRun's controller copies both onto the CustomRuns of its tasks.
    Nesting inChild = Nesting.of(
        Map.of("tekton.dev/pipeline", "build", Nesting.DEPTH_LABEL, Integer.toString(child.depth())),
        Map.of(Nesting.CHAIN_ANNOTATION, child.chainAnnotation()));
    assertThat(inChild).isEqualTo(child);
    assertThat(inChild.enter("compile", 10)).isEqualTo(new Nesting(List.of("release", "build", "compile"), 2));
  }

  @Test
  void aPipelineThatRunsItselfIsACycle() {
    Nesting top = Nesting.of(Map.of("tekton.dev/pipeline", "loop"), null);
    assertThatThrownBy(() -> top.enter("loop", 10)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.reason()).isEqualTo("PipelineCycle");
      assertThat(e.getMessage()).isEqualTo("Pipeline \"loop\" includes itself: loop -> loop");
    });
  }

  @Test
  void aCycleThroughOthersShowsTheWholeChain() {
    Nesting deep = new Nesting(List.of("release", "a", "b"), 2);
    assertThatThrownBy(() -> deep.enter("a", 10)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.reason()).isEqualTo("PipelineCycle");
      assertThat(e.getMessage()).isEqualTo(
          "Pipeline \"a\" includes itself: a -> b -> a (chain: release -> a -> b -> a)");
    });
  }

  @Test
  void embeddedPipelinesAreNeverACycle() {
    Nesting twice = new Nesting(List.of("release", PipelineSource.EMBEDDED), 1);
    assertThat(twice.enter(PipelineSource.EMBEDDED, 10).chain())
        .containsExactly("release", "(embedded)", "(embedded)");
  }

  @Test
  void theDepthLimitStopsRunawayNesting() {
    Nesting atLimit = new Nesting(List.of("p0", "p1", "p2", "p3"), 3);
    assertThat(atLimit.enter("p4", 4).depth()).isEqualTo(4);
    assertThatThrownBy(() -> atLimit.enter("p4", 3)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.reason()).isEqualTo("NestingTooDeep");
      assertThat(e.getMessage()).isEqualTo(
          "running p4 here would nest pipelines 4 deep, more than the limit of 3: p0 -> p1 -> p2 -> p3 -> p4");
    });
  }

  @Test
  void aBrokenDepthLabelFallsBackOnTheChain() {
    Nesting read = Nesting.of(Map.of(Nesting.DEPTH_LABEL, "x"), Map.of(Nesting.CHAIN_ANNOTATION, "a > b > c"));
    assertThat(read).isEqualTo(new Nesting(List.of("a", "b", "c"), 2));
  }
}
