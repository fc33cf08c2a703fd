package dev.customtasks.cli.describe;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The kinds of run ctk shows, by the names kubectl accepts for them. */
public enum RunKind {
  PIPELINERUNS(PipelineRun.class, "pipelineruns", "pipelinerun", "pr", "prs"),
  CUSTOMRUNS(CustomRun.class, "customruns", "customrun"),
  TASKRUNS(TaskRun.class, "taskruns", "taskrun", "tr", "trs");

  private final Class<? extends HasMetadata> type;
  private final List<String> names;

  RunKind(Class<? extends HasMetadata> type, String... names) {
    this.type = type;
    this.names = List.of(names);
  }

  public String plural() {
    return names.get(0);
  }

  /** The runs of this kind in {@code namespace}, or in all namespaces when it is null. */
  public List<RunRow> list(KubernetesClient client, String namespace) {
    var resources = client.resources(type);
    List<? extends HasMetadata> items = namespace == null ? resources.inAnyNamespace().list().getItems()
        : resources.inNamespace(namespace).list().getItems();
    return items.stream().map(RunKind::row).toList();
  }

  public Optional<HasMetadata> get(KubernetesClient client, String namespace, String name) {
    return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
  }

  static RunRow row(HasMetadata object) {
    if (object instanceof CustomRun run) {
      return RunRow.of(run);
    }
    if (object instanceof PipelineRun run) {
      return RunRow.of(run);
    }
    if (object instanceof TaskRun run) {
      return RunRow.of(run);
    }
    throw new IllegalArgumentException("not a run: " + object.getKind());
  }

  /** Reads any of a kind's names (customruns, customrun, pr, ...) and lists them when it is none. */
  public static final class Converter implements ITypeConverter<RunKind> {
    @Override
    public RunKind convert(String value) {
      String name = value.toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(k -> k.names.contains(name)).findFirst()
          .orElseThrow(() -> new TypeConversionException("expected one of "
              + Arrays.stream(values()).map(RunKind::plural).toList() + ", got '" + value + "'"));
    }
  }
}
