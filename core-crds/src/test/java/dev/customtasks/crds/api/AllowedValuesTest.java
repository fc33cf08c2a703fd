package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllowedValuesTest {

  private static final AllowedValues ON_NEWER = AllowedValues.of("queue", "cancel-older", "skip-newer");

  @Test
  void listsTheValuesAsTektonDoes() {
    assertThat(ON_NEWER.listed()).isEqualTo("queue, cancel-older or skip-newer");
    assertThat(ON_NEWER.quoted()).isEqualTo("\"queue\", \"cancel-older\" or \"skip-newer\"");
    assertThat(AllowedValues.of("a").listed()).isEqualTo("a");
  }

  @Test
  void matchesExactly() {
    assertThat(ON_NEWER.allows("queue")).isTrue();
    assertThat(ON_NEWER.allows("Queue")).isFalse();
    assertThat(ON_NEWER.allows(" queue")).isFalse();
    assertThat(ON_NEWER.allows(null)).isFalse();
  }

  @Test
  void theProblemNamesTheFieldAndTheValues() {
    assertThat(ON_NEWER.problem("spec.params.onNewer", "cancel-newer", true))
        .contains("invalid value: cancel-newer: spec.params.onNewer\nspec.params.onNewer must be one of \"queue\", "
            + "\"cancel-older\" or \"skip-newer\"");
    assertThat(AllowedValues.of("x").problem("f", "y", false)).contains("invalid value: y: f\nf must be \"x\"");
  }

  @Test
  void anUnsetOptionalFieldTakesItsDefault() {
    assertThat(ON_NEWER.problem("f", null, true)).isEmpty();
    assertThat(ON_NEWER.problem("f", "", true)).isEmpty();
    assertThat(ON_NEWER.problem("f", "", false)).contains("invalid value: : f\nf must be one of \"queue\", "
        + "\"cancel-older\" or \"skip-newer\"");
    assertThat(ON_NEWER.problem("f", "skip-newer", false)).isEmpty();
  }
}
