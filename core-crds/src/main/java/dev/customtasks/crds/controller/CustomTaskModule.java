package dev.customtasks.crds.controller;

import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.admission.ObjectReads;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * How a task module declares itself, once, to whatever runs controllers ({@code ctk serve},
 * {@code ctk run}, the e2e suite): its task and the CRDs it installs. A module lists its
 * implementation in {@code META-INF/services/dev.customtasks.crds.controller.CustomTaskModule};
 * adding the module to the reactor and to the CLI's dependencies is then all it takes to get its
 * controller into {@code ctk}.
 */
public interface CustomTaskModule {

  /** A new instance of the module's task; its {@link CustomTask#name()} names the controller. */
  CustomTask<?, ?> task();

  /** One line saying what the task does, for {@code ctk serve --help} and the banner. */
  String description();

  /**
   * The CRDs the task's kinds need, as class path resources (e.g. the ones fabric8's CRD
   * generator writes under {@code META-INF/fabric8/}); empty when the task only answers
   * CustomRuns.
   */
  List<String> crds();

  /**
   * Validating admission handlers the module's kinds need (e.g. who may create an approval
   * decision), given where to read what they check against. {@code ctk serve --embedded} hands
   * them to the embedded API server, which calls them in-process with reads from its own store
   * (see {@link ObjectReads}); in a cluster the module serves them as a webhook, reading through a
   * client ({@link ObjectReads#of}). Empty by default.
   */
  default List<AdmissionHandler> admissionHandlers(ObjectReads reads) {
    return List.of();
  }

  /** The controller's name: the task's. */
  default String name() {
    return task().name();
  }

  /**
   * Every module on the class path of {@code loader}, by name.
   *
   * @throws IllegalStateException when two modules share a name
   */
  static List<CustomTaskModule> discover(ClassLoader loader) {
    // name() builds a task by default: ask each module once, not at every comparison.
    Map<String, CustomTaskModule> byName = new TreeMap<>();
    ServiceLoader.load(CustomTaskModule.class, loader).stream().map(ServiceLoader.Provider::get).forEach(module -> {
      CustomTaskModule other = byName.putIfAbsent(module.name(), module);
      if (other != null) {
        throw new IllegalStateException("two task modules are named \"" + module.name() + "\": "
            + other.getClass().getName() + " and " + module.getClass().getName());
      }
    });
    return List.copyOf(byName.values());
  }

  /** Every module on the class path of this interface's class loader. */
  static List<CustomTaskModule> discover() {
    return discover(CustomTaskModule.class.getClassLoader());
  }
}
