package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.embedded.FieldSelector.Requirement;
import org.junit.jupiter.api.Test;

/** Field selectors read as apimachinery's {@code fields.ParseSelector} reads them. */
class FieldSelectorTest {

  @Test
  void termsAreSplitAtTheFirstOperator() {
    assertThat(FieldSelector.parse("involvedObject.name=x,type!=Normal,reason==Started,involvedObject.fieldPath=")
        .requirements()).containsExactly(new Requirement("involvedObject.fieldPath", true, ""),
        new Requirement("involvedObject.name", true, "x"), new Requirement("reason", true, "Started"),
        new Requirement("type", false, "Normal"));
    assertThat(FieldSelector.parse("").requirements()).isEmpty();
    assertThat(FieldSelector.parse("a=b,,").requirements()).containsExactly(new Requirement("a", true, "b"));
  }

  @Test
  void escapedCommasEqualsAndBackslashesAreData() {
    assertThat(FieldSelector.parse("reason=a\\,b\\=c\\\\,type=d").requirements()).containsExactly(
        new Requirement("reason", true, "a,b=c\\"), new Requirement("type", true, "d"));
  }

  @Test
  void whatIsNoSelectorGetsApimachinerysMessage() {
    assertThatThrownBy(() -> FieldSelector.parse("z,a=b,reason")).hasMessage(
        "invalid selector: 'z,a=b,reason'; can't understand 'reason'");
    assertThatThrownBy(() -> FieldSelector.parse("a=b=c")).hasMessage(
        "invalid field selector: unescaped character in value: 61");
    assertThatThrownBy(() -> FieldSelector.parse("a=b\\x")).hasMessage(
        "invalid field selector: invalid escape sequence: \\x");
    assertThatThrownBy(() -> FieldSelector.parse("a=b\\")).hasMessage(
        "invalid field selector: invalid escape sequence: \\");
  }
}
