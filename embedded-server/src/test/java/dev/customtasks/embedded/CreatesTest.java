package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Generated names as apimachinery's {@code names.SimpleNameGenerator} makes them. */
class CreatesTest {

  @Test
  void aGeneratedNameIsThePrefixAndFiveCharactersOfKubernetesAlphabet() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      assertThat(Creates.generateName("pr-", random)).matches("pr-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }
  }

  @Test
  void aLongPrefixIsCutSoThatTheNameFitsALabel() {
    String name = Creates.generateName("p".repeat(70), new SplittableRandom(1));

    assertThat(name).hasSize(63).startsWith("p".repeat(58));
    assertThat(name.substring(58)).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void aPrefixWithoutHyphenGetsNone() {
    assertThat(Creates.generateName("build", new SplittableRandom(3))).matches("build[a-z0-9]{5}");
  }
}
