package dev.customtasks.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Timestamps, per controller and resource, of each step a hop takes through JOSDK and the API
 * client, by this JVM's {@link System#nanoTime()}: as a JOSDK {@link Metrics} (event received,
 * submitted to the reconcile executor, execution started, the reconcile itself, execution ended)
 * and as a fabric8 {@link Interceptor} on the controllers' client (a CustomRun create and a status
 * patch: sent, answered). {@link HopStages} pairs them into a hop's stages. Also counts reconciles
 * and the CPU time of the threads that ran them, per controller.
 *
 * <p>Every hook only appends to a queue: JOSDK calls the event hooks under its event processor's
 * lock, so they must stay cheap.
 */
public final class HopTrace implements Metrics, Interceptor {

  /** One step, in the order a hop takes them. */
  public enum Mark {
    /** JOSDK's event processor got an event for the resource (its own, a child's, a wake-up). */
    RECEIVED,
    /** JOSDK handed a reconcile of the resource to its executor. */
    SUBMITTED,
    /** An executor thread began that execution. */
    STARTED,
    /** The execution ended (status written, or failed, or conflict retried). */
    ENDED,
    /** The client sent a create of the CustomRun named. */
    CREATE_SENT,
    /** The create's response came back. */
    CREATE_ANSWERED,
    /** The client sent a status patch of the resource named. */
    STATUS_SENT,
    /** The status patch's response came back. */
    STATUS_ANSWERED
  }

  /** One timestamp: {@code who} is the controller's name for JOSDK marks, the plural for requests. */
  public record Entry(String who, String name, Mark mark, long nanos) {
  }

  /** Reconciles and their threads' CPU time, per controller. */
  public record Work(long reconciles, long cpuNanos) {
  }

  private static final String CREATE_PATH = "/customruns";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final Map<String, LongAdder> reconciles = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuNanos = new ConcurrentHashMap<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private volatile boolean recording = true;

  /** Forgets what was recorded and records from now on. */
  public void restart() {
    recording = false;
    entries.clear();
    reconciles.clear();
    cpuNanos.clear();
    recording = true;
  }

  /** Records nothing more, keeping what it has. */
  public void pause() {
    recording = false;
  }

  public List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  /** Reconciles and their CPU time so far, for the controller named. */
  public Work work(String controller) {
    LongAdder count = reconciles.get(controller);
    LongAdder cpu = cpuNanos.get(controller);
    return new Work(count == null ? 0 : count.sum(), cpu == null ? 0 : cpu.sum());
  }

  private void mark(String who, String name, Mark mark) {
    if (recording) {
      entries.add(new Entry(who, name, mark, System.nanoTime()));
    }
  }

  private static String controller(Map<String, Object> metadata) {
    return String.valueOf(metadata.get(Constants.CONTROLLER_NAME));
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    mark(controller(metadata), event.getRelatedCustomResourceID().getName(), Mark.RECEIVED);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retry, Map<String, Object> metadata) {
    mark(controller(metadata), resource.getMetadata().getName(), Mark.SUBMITTED);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    mark(controller(metadata), resource.getMetadata().getName(), Mark.STARTED);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    mark(controller(metadata), resource.getMetadata().getName(), Mark.ENDED);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long cpuBefore = threads.getCurrentThreadCpuTime();
    try {
      return execution.execute();
    } finally {
      if (recording && "reconcile".equals(execution.name())) {
        reconciles.computeIfAbsent(execution.controllerName(), c -> new LongAdder()).increment();
        cpuNanos.computeIfAbsent(execution.controllerName(), c -> new LongAdder())
            .add(threads.getCurrentThreadCpuTime() - cpuBefore);
      }
    }
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    request(request, true);
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    request(request, false);
  }

  /** Marks a CustomRun create ({@code POST .../customruns}) or a status patch ({@code PATCH .../NAME/status}). */
  private void request(HttpRequest request, boolean sent) {
    if (!recording) {
      return;
    }
    String path = request.uri().getPath();
    if ("POST".equals(request.method()) && path.endsWith(CREATE_PATH)) {
      mark("customruns", createdName(request), sent ? Mark.CREATE_SENT : Mark.CREATE_ANSWERED);
    } else if ("PATCH".equals(request.method()) && path.endsWith("/status")) {
      String[] parts = path.split("/");
      mark(parts[parts.length - 3], parts[parts.length - 2], sent ? Mark.STATUS_SENT : Mark.STATUS_ANSWERED);
    }
  }

  private static String createdName(HttpRequest request) {
    try {
      JsonNode body = JSON.readTree(request.bodyString());
      return body.path("metadata").path("name").asText();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
