package dev.customtasks.e2e.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

/** What the figures were measured on: they mean little without it. */
public record Machine(int cores, long maxHeapMiB, String java, String garbageCollectors, String os) {

  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / HeapGauge.MIB,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", ")),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  public String describe() {
    return cores + " cores, max heap " + maxHeapMiB + " MiB, " + java + " (" + garbageCollectors + "), " + os;
  }
}
