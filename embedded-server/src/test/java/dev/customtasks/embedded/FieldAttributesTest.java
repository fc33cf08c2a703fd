package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Field selectors rewritten into attributes the mock reads. */
class FieldAttributesTest {

  @Test
  void encodingKeepsLettersAndDigitsAndTellsEveryOtherCharacterApart() {
    assertThat(FieldAttributes.encode("tekton.dev/v1beta1")).isEqualTo("tekton_002edev_002fv1beta1");
    assertThat(FieldAttributes.encode("a_002e")).isNotEqualTo(FieldAttributes.encode("a."));
    assertThat(FieldAttributes.encode("")).isEmpty();
  }

  @Test
  void theFieldSelectorAloneIsRewrittenAndNoMetadataNameIsLeftForTheMocksWatch() {
    String path = "/api/v1/namespaces/ns/events?fieldSelector=metadata.name%3Dx%2Ctype%21%3DNormal&watch=true";

    assertThat(FieldAttributes.storePath(path)).isEqualTo("/api/v1/namespaces/ns/events?fieldSelector="
        + "fields/metadata_002ename=vx,fields/type!=vNormal&watch=true");
  }

  @Test
  void pathsWithoutAFieldSelectorOrWithOneThatDoesNotParseAreLeftAlone() {
    assertThat(FieldAttributes.storePath("/api/v1/events?labelSelector=a%3Db")).isEqualTo(
        "/api/v1/events?labelSelector=a%3Db");
    assertThat(FieldAttributes.storePath("/api/v1/events?fieldSelector=reason")).isEqualTo(
        "/api/v1/events?fieldSelector=reason");
  }
}
