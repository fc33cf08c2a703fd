package dev.customtasks.crds.controller;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What a controller process measures, in one Prometheus registry: JOSDK's reconcile counters per
 * controller ({@code operator_sdk_controllers_execution_reconcile_success_total{controller="wait"}},
 * ...; give {@link #josdk()} to the operator, as {@link ControllerProcess} does) and the JVM's basics
 * (memory, GC, threads, classes, CPU, uptime: {@code jvm_*}, {@code process_*}, {@code system_*}).
 * A process adds its own meters to {@link #registry()}; {@link ControllerEndpoints} serves
 * {@link #scrape()} on {@code /metrics}.
 */
public final class ControllerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final Metrics josdk;
  private final JvmGcMetrics gc;

  private ControllerMetrics(PrometheusMeterRegistry registry, Metrics josdk, JvmGcMetrics gc) {
    this.registry = registry;
    this.josdk = josdk;
    this.gc = gc;
  }

  /** A fresh registry with the JVM's meters bound and JOSDK's ready to be. */
  public static ControllerMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    // Per-resource meters would make a series for every run that ever existed.
    return new ControllerMetrics(registry, MicrometerMetrics.withoutPerResourceMetrics(registry), gc);
  }

  /** What to give JOSDK's configuration ({@code withMetrics}), so that it counts reconciles per controller. */
  public Metrics josdk() {
    return josdk;
  }

  /** Where a process adds meters of its own. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in Prometheus' text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** Stops listening for GC notifications and closes the registry. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
