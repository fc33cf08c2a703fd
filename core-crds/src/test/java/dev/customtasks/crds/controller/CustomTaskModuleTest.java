package dev.customtasks.crds.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.examples.ParentTask;
import dev.customtasks.crds.examples.TimerTask;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomTaskModuleTest {

  public static final class TimerModule implements CustomTaskModule {
    @Override
    public CustomTask<?, ?> task() {
      return new TimerTask();
    }

    @Override
    public String description() {
      return "timer";
    }

    @Override
    public List<String> crds() {
      return List.of();
    }
  }

  public static final class ParentModule implements CustomTaskModule {
    @Override
    public CustomTask<?, ?> task() {
      return new ParentTask();
    }

    @Override
    public String description() {
      return "parent";
    }

    @Override
    public List<String> crds() {
      return List.of("crds/example.yaml");
    }
  }

  /** A second module that calls its controller "timer" too. */
  public static final class OtherTimerModule implements CustomTaskModule {
    @Override
    public CustomTask<?, ?> task() {
      return new TimerTask();
    }

    @Override
    public String description() {
      return "another timer";
    }

    @Override
    public List<String> crds() {
      return List.of();
    }
  }

  @Test
  void modulesListedInServicesAreFoundByName(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader = servicesLoader(dir, TimerModule.class, ParentModule.class)) {
      assertThat(CustomTaskModule.discover(loader)).extracting(CustomTaskModule::name)
          .containsExactly("parent", "timer");
    }
  }

  @Test
  void twoModulesWithOneNameAreRefused(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader = servicesLoader(dir, TimerModule.class, OtherTimerModule.class)) {
      assertThatThrownBy(() -> CustomTaskModule.discover(loader))
          .hasMessageStartingWith("two task modules are named \"timer\"");
    }
  }

  private static URLClassLoader servicesLoader(Path dir, Class<?>... modules) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    StringBuilder lines = new StringBuilder();
    for (Class<?> module : modules) {
      lines.append(module.getName()).append('\n');
    }
    Files.writeString(services.resolve(CustomTaskModule.class.getName()), lines);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, CustomTaskModuleTest.class.getClassLoader());
  }
}
