package dev.customtasks.concurrency.slots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNamesTest {

  @ParameterizedTest
  @CsvSource({
      "deploy-prod, deploy-prod",
      "Deploy_Prod, deploy-prod-",
      "a.b, a-b-",
      "0123456789012345678901234567890123456789012345678901234567890123456789, 0123456789012345678901234567890123456789012345678901-"})
  void aValidNameIsKeptAndAnyOtherIsHashed(String key, String prefix) {
    String name = KeyNames.objectName(key);

    assertThat(KeyNames.problem(key)).isNull();
    assertThat(name).startsWith(prefix).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    if (!prefix.endsWith("-")) {
      assertThat(name).isEqualTo(key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Deploy_Prod", "deploy_prod", "DEPLOY-PROD"})
  void keysThatDifferOnlyAfterHashingRulesStayDistinct(String key) {
    assertThat(KeyNames.objectName(key)).isNotEqualTo(KeyNames.objectName("deploy-prod"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "deploy prod", "-deploy", "deploy/prod", "prod."})
  void aKeyThatIsNoLabelValueIsRefused(String key) {
    assertThat(KeyNames.problem(key)).isNotNull();
  }
}
