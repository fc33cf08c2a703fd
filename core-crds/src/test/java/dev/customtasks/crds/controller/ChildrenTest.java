package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.InMemoryChildStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Child names: deterministic per attempt, with or without a suffix; what a child inherits. */
class ChildrenTest {

  private static Children children(String runName, int attempt) {
    CustomRun run = customRun(runName).ref(TimerTask.KIND).build();
    run.getMetadata().setUid("uid-" + runName);
    return new Children(new InMemoryChildStore(), run, "test", attempt);
  }

  @Test
  void theBaseNameIsTheRunsOnTheFirstAttemptAndCarriesTheRetryAfter() {
    assertThat(children("build-all", 1).baseName()).isEqualTo("build-all");
    assertThat(children("build-all", 2).baseName()).isEqualTo("build-all-r1");
    assertThat(children("build-all", 3).baseName()).isEqualTo("build-all-r2");
  }

  @Test
  void anEmptySuffixIsTheBaseName() {
    assertThat(children("build-all", 1).name("")).isEqualTo("build-all");
    assertThat(children("build-all", 2).name(null)).isEqualTo("build-all-r1");
    assertThat(children("build-all", 1).name("x")).isEqualTo("build-all-x");
    assertThat(children("build-all", 2).name("x")).isEqualTo("build-all-r1-x");
  }

  @Test
  void aLongBaseNameIsShortenedLikeAnyChildName() {
    String longName = "p".repeat(60);
    String retry = children(longName, 2).baseName();
    assertThat(retry).hasSizeLessThanOrEqualTo(63).isEqualTo(Children.shorten(longName + "-r1"));
    assertThat(children(longName, 1).baseName()).isEqualTo(longName);
  }

  @Test
  void aChildRunCarriesTheParentsAnnotationsAndItsOwnButNotKubectlsRecord() {
    CustomRun run = customRun("loop").ref(TimerTask.KIND).label("team", "a").build();
    run.getMetadata().setUid("uid-loop");
    run.getMetadata().setAnnotations(Map.of("owner", "ops", "note", "from the run",
        Children.LAST_APPLIED_ANNOTATION, "{}"));
    InMemoryChildStore store = new InMemoryChildStore();
    Children children = new Children(store, run, "test", 1);

    HasMetadata child = children.createRun("00001", ChildRunSpec.of(new ChildTarget.TaskByRef(new TaskRef(null, null, "build")),
        List.of()), Map.of("iteration", "1"), Map.of("note", "the child's own", "item", "\"eu-west-1\""));

    assertThat(child).isInstanceOf(TaskRun.class);
    assertThat(child.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "owner", "ops", "note", "the child's own", "item", "\"eu-west-1\""));
    assertThat(child.getMetadata().getLabels()).containsEntry("team", "a").containsEntry("iteration", "1")
        .containsEntry(Children.PARENT_UID_LABEL, "uid-loop");
  }

  @Test
  void aChildOfARunWithoutAnnotationsHasOnlyItsOwn() {
    Children children = children("plain", 1);
    HasMetadata none = children.createRun("a", ChildRunSpec.of(new ChildTarget.TaskByRef(new TaskRef(null, null, "build")),
        List.of()), Map.of());
    HasMetadata own = children.createRun("b", ChildRunSpec.of(new ChildTarget.TaskByRef(new TaskRef(null, null, "build")),
        List.of()), Map.of(), Map.of("k", "v"));

    assertThat(none.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(own.getMetadata().getAnnotations()).containsExactly(Map.entry("k", "v"));
  }
}
