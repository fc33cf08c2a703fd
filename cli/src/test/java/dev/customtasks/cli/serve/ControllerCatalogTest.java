package dev.customtasks.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerCatalogTest {

  private final ControllerCatalog catalog = ControllerCatalog.standard();

  @Test
  void everyTaskModuleOnTheClassPathIsAController() {
    assertThat(catalog.names()).startsWith("pipelinerun").contains("wait").endsWith(ControllerCatalog.STAND_IN);
    assertThat(catalog.named("wait").orElseThrow().crds())
        .containsExactly("META-INF/fabric8/waits.customtasks.dev-v1.yml");
  }

  @Test
  void noneChoosesNoController() {
    assertThat(catalog.select(List.of(ControllerCatalog.NONE))).isEmpty();
    assertThat(catalog.select(List.of())).hasSameSizeAs(catalog.all());
    assertThatThrownBy(() -> catalog.select(List.of("none", "wait"))).hasMessageContaining("unknown controller none");
  }
}
