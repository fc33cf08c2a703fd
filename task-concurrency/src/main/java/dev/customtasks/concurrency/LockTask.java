package dev.customtasks.concurrency;

import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.KeySlots;
import dev.customtasks.concurrency.slots.KeySlots.Arrival;
import dev.customtasks.concurrency.slots.KeySlots.Claim;
import dev.customtasks.concurrency.slots.Messages;
import dev.customtasks.concurrency.slots.OnNewer;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.concurrency.slots.Standing;
import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.LockSpec;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.duration.GoDuration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code Lock}: waits, {@code Running}, until its run holds one of the {@code limit} slots of
 * {@code key}, then succeeds with results {@code waited} (a Go duration from the run's start) and
 * {@code position} (its place in line on arrival; 0 when a slot was free). The slots live in a
 * {@code ConcurrencyKey} object, changed compare-and-set ({@link Keys}); the line is first come,
 * first served by the CustomRun's creation. A slot is held until the run's PipelineRun ends, an
 * {@code Unlock} runs in it, or, for a standalone Lock, its CustomRun is deleted. Cancel or
 * timeout of a waiting Lock takes it out of the line ({@link #release}).
 */
public final class LockTask implements CustomTask<LockTask.Request, LockTask.LockState> {

  public static final TaskKind KIND = new TaskKind(ConcurrencyKey.API_VERSION, "Lock");
  /** The reason a {@code skip-newer} Lock fails with while the key is busy. */
  public static final String BUSY = "Busy";
  /** The reason a waiting Lock fails with once a newer {@code cancel-older} run took it out of line. */
  public static final String SUPERSEDED = "Superseded";

  /**
   * The environment variable naming the namespace the {@code ConcurrencyKey}s of cluster keys live
   * in; unset or empty, {@link #DEFAULT_CLUSTER_KEYS_NAMESPACE}.
   */
  public static final String CLUSTER_KEYS_NAMESPACE_ENV = "CLUSTER_KEYS_NAMESPACE";
  /** Where cluster keys live by default: the namespace the controller is deployed in. */
  public static final String DEFAULT_CLUSTER_KEYS_NAMESPACE = "customtasks";

  private volatile Keys keys;
  private volatile LockedRuns runs;
  private final String clusterNamespace;

  /** A typed, checked Lock: a valid key, a limit of at least 1, what to do to older runs, who shares the key. */
  public record Request(String key, int limit, OnNewer onNewer, Scope scope) {

    /** A namespace key. */
    public Request(String key, int limit, OnNewer onNewer) {
      this(key, limit, onNewer, Scope.NAMESPACE);
    }
  }

  /**
   * What the run keeps in {@code status.extraFields} once it is in line.
   *
   * @param key the full key
   * @param keyObject the {@code ConcurrencyKey} object's name
   * @param position its place in line on arrival, 0 when a slot was free
   * @param arrived when it got in line (RFC 3339)
   */
  public record LockState(String key, String keyObject, Integer position, String arrived) {
  }

  /** A Lock whose keys and runs come from the controller's client, bound when it registers. */
  public LockTask() {
    this.clusterNamespace = clusterKeysNamespace(System.getenv());
  }

  /** A Lock over the given keys and runs (unit tests), cluster keys in {@code customtasks}. */
  public LockTask(Keys keys, LockedRuns runs) {
    this.keys = keys;
    this.runs = runs;
    this.clusterNamespace = DEFAULT_CLUSTER_KEYS_NAMESPACE;
  }

  /** The namespace of cluster keys' objects, from {@link #CLUSTER_KEYS_NAMESPACE_ENV} in {@code env}. */
  static String clusterKeysNamespace(Map<String, String> env) {
    String namespace = env.get(CLUSTER_KEYS_NAMESPACE_ENV);
    return namespace == null || namespace.isBlank() ? DEFAULT_CLUSTER_KEYS_NAMESPACE : namespace.trim();
  }

  @Override
  public String name() {
    return "lock";
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND);
  }

  @Override
  public Class<LockState> stateType() {
    return LockState.class;
  }

  @Override
  public List<EventSource<?, CustomRun>> eventSources(EventSourceContext<CustomRun> context) {
    LockEvents events = new LockEvents(context, (key, namespace, pipelineRun) -> releaseEnded(
        new KeyId(key.getMetadata().getNamespace(), key.getSpec().key(), Scope.of(key.getSpec().scope())),
        namespace, pipelineRun), this::keyIdOf);
    keys = new ApiKeys(context.getClient(), events.keys::get);
    runs = new ApiLockedRuns(context.getClient(), events.pipelineRuns, events.lockRuns, this);
    return events.all();
  }

  @Override
  public Request decode(TaskInput input) {
    LockSpec spec = input.decode(LockSpec.class);
    return new Request(key(spec.key()), limit(spec.limit()), onNewer(input, spec.onNewer()),
        scope(input, spec.scope()));
  }

  static Scope scope(TaskInput input, String text) {
    return word(input, "scope", text, Scope.NAMESPACE, Scope::parse, Scope.words());
  }

  /**
   * The value a word field spells ({@code parse}), {@code absent} when it is missing or blank.
   *
   * @throws InvalidInputException naming {@code field} where it came from, and the {@code words} allowed
   */
  private static <T> T word(TaskInput input, String field, String text, T absent,
      Function<String, Optional<T>> parse, String words) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    return parse.apply(text.trim()).orElseThrow(() -> input.invalid(field,
        "must be one of " + words + ", got \"" + text + "\""));
  }

  static String key(String key) {
    String problem = KeyNames.problem(key);
    if (problem != null) {
      throw InvalidInputException.param("key", problem);
    }
    return key;
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return 1;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below, as for a number below 1
    }
    throw InvalidInputException.param("limit", "must be a whole number of at least 1, got \"" + text + "\"");
  }

  private static OnNewer onNewer(TaskInput input, String text) {
    return word(input, "onNewer", text, OnNewer.QUEUE, OnNewer::parse, OnNewer.words());
  }

  @Override
  public Step<LockState> progress(Request request, Attempt<LockState> attempt) {
    CustomRun run = attempt.run();
    Instant now = attempt.now().truncatedTo(ChronoUnit.MILLIS);
    Optional<LockState> kept = attempt.state();
    Entry me = entry(run, now);
    KeyId id = KeyId.of(request.key(), request.scope(), me.namespace(), clusterNamespace);
    // Read only when this run could take a slot: a run far back in line needs no look at who else exists.
    java.util.function.Supplier<List<Entry>> arriving = memoized(() -> runs.unfinished(id));
    AtomicReference<Arrival> arrival = new AtomicReference<>();
    AtomicReference<Claim> claim = new AtomicReference<>();
    keys.update(id, request.limit(), stored -> {
      KeySlots slots = stored.prune(e -> !e.uid().equals(me.uid()) && runs.isOver(e, stored.holds(e.uid())));
      arrival.set(null);
      claim.set(null);
      if (kept.isEmpty() || request.onNewer() == OnNewer.CANCEL_OLDER) {
        Arrival arrived = slots.arrive(me, request.limit(), request.onNewer());
        arrival.set(arrived);
        if (arrived.outcome() == Arrival.Outcome.BUSY) {
          return slots;
        }
        slots = arrived.slots();
      }
      Claim claimed = slots.claim(me.uid(), now);
      if (claimed instanceof Claim.Granted) {
        claimed = slots.claim(me.uid(), now, arriving.get());
      }
      claim.set(claimed);
      return claimed.slots();
    });

    Arrival arrived = arrival.get();
    if (arrived != null && arrived.outcome() == Arrival.Outcome.BUSY) {
      return Step.failed(BUSY, request.key() + " is busy (" + Messages.heldBy(arrived.slots().holders(), request.scope()) + ", "
          + arrived.slots().queue().size() + " waiting) and onNewer is skip-newer");
    }
    if (arrived != null) {
      for (Entry victim : arrived.victims()) {
        runs.cancel(victim, "cancelled: a newer run (" + me.who(request.scope()) + ") locked " + request.key()
            + " with onNewer: cancel-older");
      }
    }
    LockState state = kept.orElseGet(() -> new LockState(request.key(), id.objectName(),
        claim.get() instanceof Claim.Waiting w ? w.position() : 0, Timestamps.format(now)));
    Claim claimed = claim.get();
    if (claimed instanceof Claim.Holds holds) {
      return holding(request, attempt, holds.entry(), state);
    }
    if (claimed instanceof Claim.Granted granted) {
      return holding(request, attempt, granted.entry(), state);
    }
    if (claimed instanceof Claim.Waiting waiting) {
      return waiting(request, run, waiting, now).withState(state);
    }
    return Step.<LockState>failed(SUPERSEDED, "no longer in line for " + request.key()
        + ": a newer run took its place (onNewer: cancel-older), or the ConcurrencyKey was reset").withState(state);
  }

  /**
   * A waiting run's step: near the front its place as it is (it is woken by every change of the
   * key); further back its place as of {@code now}, looked at again at its next refresh, and its
   * message left as it is when the place did not change ({@link Standing}).
   */
  private static Step.Running<LockState> waiting(Request request, CustomRun run, Claim.Waiting waiting, Instant now) {
    int limit = waiting.slots().limit();
    if (Standing.followsEveryChange(waiting.position(), limit)) {
      return Step.running(Messages.waiting(request.key(), waiting.position(), waiting.of(), waiting.slots().holders(),
          request.scope()));
    }
    String current = Optional.ofNullable(run.getStatus()).flatMap(s -> s.succeededCondition())
        .map(c -> c.getMessage()).orElse(null);
    String fresh = Messages.waiting(request.key(), waiting.position(), waiting.of(), waiting.slots().holders(),
        request.scope(), now);
    return Step.<LockState>running(Standing.keepIfSame(current, fresh))
        .wakeAt(Standing.nextRefresh(run.getMetadata().getUid(), now));
  }

  private static Step<LockState> holding(Request request, Attempt<LockState> attempt, Entry entry, LockState state) {
    Duration waited = Duration.between(attempt.startTime(), entry.since());
    Map<String, ParamValue> results = new LinkedHashMap<>();
    results.put("waited", ParamValue.of(GoDuration.format(waited.isNegative() ? Duration.ZERO : waited)));
    results.put("position", ParamValue.of(String.valueOf(state.position())));
    return Step.<LockState>succeeded("holds " + request.key() + " (since " + Messages.hourMinute(entry.since())
        + ")", results).withState(state);
  }

  /**
   * The PipelineRun {@code namespace/pipelineRun} ended: what it holds or waits for in {@code key}
   * is given back now, when the API server confirms it ended, rather than when the next Lock of the
   * key looks.
   */
  void releaseEnded(KeyId key, String namespace, String pipelineRun) {
    keys.updateIfExists(key, slots -> slots.prune(e -> namespace.equals(e.namespace())
        && pipelineRun.equals(e.pipelineRun()) && runs.isOver(e, slots.holds(e.uid()))));
  }

  /** Cancel, timeout or a retry: the run leaves the line (a waiting Lock holds no slot to give back). */
  @Override
  public void release(Attempt<LockState> attempt, String why) {
    CustomRun run = attempt.run();
    Optional<String> key = attempt.state().map(LockState::key).or(() -> paramKey(run));
    Optional<Scope> scope = paramScope(run);
    key.filter(k -> KeyNames.problem(k) == null && scope.isPresent())
        .ifPresent(k -> keys.updateIfExists(KeyId.of(k, scope.get(), run.getMetadata().getNamespace(), clusterNamespace),
        slots -> slots.without(run.getMetadata().getUid())));
  }

  /** The key object a Lock run names (its key and scope as given); empty for another kind or a bad scope. */
  Optional<KeyId> keyIdOf(CustomRun run) {
    return keyOf(run).flatMap(key -> paramScope(run).map(scope -> KeyId.of(key, scope,
        run.getMetadata().getNamespace(), clusterNamespace)));
  }

  /** The scope a run's params (or embedded spec) give: {@code namespace} when absent, empty when unknown. */
  static Optional<Scope> paramScope(CustomRun run) {
    Optional<String> word = paramString(run, "scope").filter(s -> !s.isBlank());
    return word.isEmpty() ? Optional.of(Scope.NAMESPACE) : Scope.parse(word.get().trim());
  }

  private static Optional<String> paramKey(CustomRun run) {
    return paramString(run, "key");
  }

  private static Optional<String> paramString(CustomRun run, String name) {
    if (run.getSpec() == null) {
      return Optional.empty();
    }
    Optional<String> param = Optional.ofNullable(run.getSpec().getParams()).orElse(List.of()).stream()
        .filter(p -> name.equals(p.getName())).map(p -> p.getValue())
        .filter(v -> v != null && v.type() == ParamValue.Type.STRING).map(ParamValue::asString).findFirst();
    return param.or(() -> Optional.ofNullable(run.getSpec().getCustomSpec())
        .map(c -> c.getSpec() == null ? null : c.getSpec().get(name)).filter(String.class::isInstance)
        .map(String.class::cast));
  }

  /**
   * Whether {@code run} is a Lock of {@code key} (its params, or its embedded spec's fields): the
   * same key string and scope, and for a namespace key the same namespace.
   */
  boolean isLockOf(CustomRun run, KeyId key) {
    return keyIdOf(run).filter(key::equals).isPresent();
  }

  /** The key of a Lock run as given (checked or not); empty for a run of another kind. */
  static Optional<String> keyOf(CustomRun run) {
    return run.taskKind().filter(KIND::equals).isPresent() ? paramKey(run) : Optional.empty();
  }

  private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> supplier) {
    AtomicReference<T> value = new AtomicReference<>();
    return () -> {
      if (value.get() == null) {
        value.set(supplier.get());
      }
      return value.get();
    };
  }

  static Entry entry(CustomRun run, Instant now) {
    var meta = run.getMetadata();
    String pipelineRun = meta.getLabels() == null ? null : meta.getLabels().get(TektonLabels.PIPELINE_RUN);
    Instant created = Timestamps.tryParse(meta.getCreationTimestamp()).orElse(now);
    return new Entry(meta.getNamespace(), meta.getName(), meta.getUid(), pipelineRun, created, now);
  }
}
