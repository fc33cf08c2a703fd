package dev.customtasks.cli.describe;

import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Which controller answers which custom task kind where ctk looks, and what to say of a CustomRun
 * nobody has answered. A CustomRun whose kind no controller answers stays without a condition
 * until its timeout, silently, in Tekton as here; ctk says so once the run has waited
 * {@link #GRACE} without any condition (a controller that runs sets {@code Succeeded=Unknown}
 * within moments).
 *
 * <p>In process ({@code ctk run --embedded}) ctk knows exactly which controllers run: those of the
 * task modules it found; a kind none of them answers never will be, and {@code ctk run} stops
 * rather than wait for the run's timeout. Against a cluster it knows only the controllers it could run itself, and
 * says that it cannot tell which run there.
 */
public final class Answerers {

  /** How long a CustomRun may be without any condition before ctk says nobody answers it. */
  public static final Duration GRACE = Duration.ofSeconds(5);

  private static final Answerers SILENT = new Answerers(Map.of(), false, true);

  private final Map<TaskKind, String> controllerByKind;
  private final boolean exact;
  private final boolean silent;

  /**
   * @param controllerByKind each kind and the name of the controller that answers it, in the order to list them
   * @param exact whether these are exactly the controllers that run (in process), or only those ctk knows
   */
  public Answerers(Map<TaskKind, String> controllerByKind, boolean exact) {
    this(controllerByKind, exact, false);
  }

  private Answerers(Map<TaskKind, String> controllerByKind, boolean exact, boolean silent) {
    this.controllerByKind = new LinkedHashMap<>(controllerByKind);
    this.exact = exact;
    this.silent = silent;
  }

  /** Says nothing of any run: where nobody asked. */
  public static Answerers silent() {
    return SILENT;
  }

  /** The kinds the task modules' tasks answer, their own first, then their aliases. */
  public static Answerers of(List<CustomTaskModule> modules, boolean exact) {
    Map<TaskKind, String> byKind = new LinkedHashMap<>();
    for (CustomTaskModule module : modules) {
      var task = module.task();
      task.kinds().forEach(kind -> byKind.putIfAbsent(kind, task.name()));
    }
    return new Answerers(byKind, exact);
  }

  /** The controllers of the task modules on ctk's class path that {@code running} keeps, as they run in this process. */
  public static Answerers inProcess(Predicate<String> running) {
    return of(CustomTaskModule.discover().stream().filter(m -> running.test(m.name())).toList(), true);
  }

  /**
   * Whether the runs are answered in this process only ({@code ctk run --embedded}): its API
   * server has no kubeconfig another shell could use.
   */
  public boolean inThisProcess() {
    return exact && !silent;
  }

  /** What ctk knows against a cluster: the controllers it could run, not those that run there. */
  public static Answerers onCluster() {
    return of(CustomTaskModule.discover(), false);
  }

  /**
   * What to say of {@code run} at {@code now}: empty unless it has waited {@link #GRACE} since it was
   * created without any condition, and no controller here answers its kind (in process), or ctk
   * cannot tell whether one does (against a cluster).
   */
  public Optional<String> unanswered(CustomRun run, Instant now) {
    boolean conditionless = run.getStatus() == null || run.getStatus().getConditions() == null
        || run.getStatus().getConditions().isEmpty();
    Optional<TaskKind> kind = run.taskKind();
    Optional<Instant> created = Timestamps.tryParse(run.getMetadata().getCreationTimestamp());
    if (silent || !conditionless || kind.isEmpty() || created.isEmpty()
        || Duration.between(created.get(), now).compareTo(GRACE) < 0) {
      return Optional.empty();
    }
    String waits = "; the run waits until one does or until its timeout";
    String controller = controllerByKind.get(kind.get());
    if (exact) {
      // ctk runs every controller there is here: waiting would only end at the run's timeout.
      return controller != null ? Optional.empty()
          : Optional.of("no controller here answers " + kind.get() + ", and under --embedded none other can start"
              + meant(kind.get()).map(m -> " (did you mean " + m + "?)").orElse(" (answered here: " + kinds() + ")"));
    }
    if (controller != null) {
      return Optional.of("no controller has answered " + kind.get() + " yet; ctk's " + controller
          + " controller answers it, but ctk cannot tell whether one runs against this API server" + waits);
    }
    return Optional.of("no controller ctk knows answers " + kind.get() + ", and ctk cannot tell which controllers "
        + "run against this API server" + waits + " (ctk's controllers answer: " + kinds() + ")");
  }

  /**
   * What to say of {@code run} when its kind can never be answered: in this process only
   * ({@link #inThisProcess}), where ctk runs every controller there is, a run {@link #unanswered}
   * past {@link #GRACE} would wait for its whole timeout (Tekton's default is an hour). Empty
   * otherwise.
   */
  public Optional<String> neverAnsweredHere(CustomRun run, Instant now) {
    return inThisProcess() ? unanswered(run, now) : Optional.empty();
  }

  /**
   * The kinds answered here that {@code kind} may be a slip for: the same kind name under another
   * apiVersion (or in another case), else those of its own apiVersion whose name is at most
   * {@value #SLIP} edits away ({@code Wiat} for {@code Wait}).
   */
  Optional<String> meant(TaskKind kind) {
    List<String> sameName = controllerByKind.keySet().stream()
        .filter(k -> k.kind().equalsIgnoreCase(kind.kind())).map(TaskKind::toString).toList();
    List<String> close = controllerByKind.keySet().stream()
        .filter(k -> k.apiVersion().equalsIgnoreCase(kind.apiVersion()))
        .filter(k -> EDITS.apply(k.kind().toLowerCase(Locale.ROOT), kind.kind().toLowerCase(Locale.ROOT)) >= 0)
        .map(TaskKind::toString).toList();
    List<String> meant = sameName.isEmpty() ? close : sameName;
    return meant.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", meant));
  }

  /** Edits a kind's name may be from one answered here to be taken for a slip. */
  private static final int SLIP = 2;
  /** The edit distance up to {@link #SLIP}, -1 beyond. */
  private static final LevenshteinDistance EDITS = new LevenshteinDistance(SLIP);

  private String kinds() {
    List<String> kinds = new ArrayList<>();
    controllerByKind.keySet().forEach(k -> kinds.add(k.toString()));
    return kinds.isEmpty() ? "none" : String.join(", ", kinds);
  }
}
