package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void nulRightToLeftOverrideAndAnsiEscapeAreWrittenAsEscapes() {
    assertThat(SafeText.escape("1\u0000s\u202e\u001b[31m")).isEqualTo("1\\u0000s\\u202e\\u001b[31m");
  }

  @Test
  void carriageReturnsC1ControlsIsolatesAndLineSeparatorsAreEscapedToo() {
    assertThat(SafeText.escape("a\rb\u009bc\u2066d\u2028e\u200f")).isEqualTo("a\\u000db\\u009bc\\u2066d\\u2028e\\u200f");
  }

  @Test
  void ordinaryTextLinesTabsAndOtherScriptsStayAsTheyAre() {
    String text = "waiting until 2026-03-01T12:00:00Z\n\tfür 5 Minuten, שלום, 待つ 👍🏽";
    assertThat(SafeText.escape(text)).isSameAs(text);
    assertThat(SafeText.escape(null)).isNull();
  }
}
