package dev.customtasks.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LockModuleTest {

  @Test
  void lockAndUnlockDeclareThemselvesWithTheConcurrencyKeyCrd() {
    Map<String, CustomTaskModule> modules = CustomTaskModule.discover().stream()
        .collect(Collectors.toMap(CustomTaskModule::name, Function.identity()));

    assertThat(modules.get("lock").task()).isInstanceOf(LockTask.class);
    assertThat(modules.get("unlock").task()).isInstanceOf(UnlockTask.class);
    assertThat(modules.get("lock").crds()).singleElement().satisfies(crd ->
        assertThat(getClass().getClassLoader().getResource(crd)).as("CRD %s on the class path", crd).isNotNull());
  }
}
