package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.InMemoryChildStore;
import org.junit.jupiter.api.Test;

/** Child names: deterministic per attempt, with or without a suffix. */
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
}
