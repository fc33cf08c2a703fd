package dev.customtasks.cli.describe;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs a PipelineRun created: those labelled {@code tekton.dev/pipelineRun=NAME}, and those
 * its {@code status.childReferences} name (which may not carry the label). A run owned by an
 * earlier PipelineRun of the same name is left out by its owner reference's uid.
 */
public final class PipelineRunChildren {

  private PipelineRunChildren() {
  }

  static List<RunRow> of(KubernetesClient client, PipelineRun pipelineRun) {
    return found(client, pipelineRun).stream()
        .filter(c -> c instanceof CustomRun || c instanceof TaskRun)
        .filter(c -> ownedBy(c, pipelineRun)).map(RunKind::row)
        .sorted(Comparator.comparing(RunRow::started, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.pipelineTask().orElse(""))
            .thenComparing(RunRow::name))
        .toList();
  }

  /**
   * Every CustomRun and TaskRun labelled {@code tekton.dev/pipelineRun=NAME}, and every CustomRun,
   * TaskRun and (Tekton's pipelines in pipelines) PipelineRun its {@code status.childReferences}
   * name that is not among them, whoever owns them: Matrix and Loop children carry their parent's
   * labels, and a run may be left from an earlier PipelineRun of the same name, so callers filter
   * by owner as they need.
   */
  public static List<HasMetadata> found(KubernetesClient client, PipelineRun pipelineRun) {
    String namespace = pipelineRun.getMetadata().getNamespace();
    String name = pipelineRun.getMetadata().getName();
    Map<String, HasMetadata> children = new LinkedHashMap<>();
    client.resources(CustomRun.class).inNamespace(namespace).withLabel(TektonLabels.PIPELINE_RUN, name).list()
        .getItems().forEach(r -> children.put(key(r), r));
    client.resources(TaskRun.class).inNamespace(namespace).withLabel(TektonLabels.PIPELINE_RUN, name).list()
        .getItems().forEach(r -> children.put(key(r), r));
    for (ChildStatusReference ref : references(pipelineRun)) {
      Class<? extends HasMetadata> type = CustomRun.KIND.equals(ref.getKind()) ? CustomRun.class
          : TaskRun.KIND.equals(ref.getKind()) ? TaskRun.class
          : PipelineRun.KIND.equals(ref.getKind()) ? PipelineRun.class : null;
      if (type != null && ref.getName() != null && !children.containsKey(ref.getKind() + "/" + ref.getName())) {
        Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(ref.getName()).get())
            .ifPresent(r -> children.put(key(r), r));
      }
    }
    return List.copyOf(children.values());
  }

  /** The PipelineTask of a child: its label, else the child reference that names it. */
  static String taskOf(RunRow child, PipelineRun pipelineRun) {
    return child.pipelineTask().orElseGet(() -> references(pipelineRun).stream()
        .filter(r -> child.name().equals(r.getName())).map(ChildStatusReference::getPipelineTaskName)
        .filter(t -> t != null).findFirst().orElse("?"));
  }

  private static List<ChildStatusReference> references(PipelineRun pipelineRun) {
    return pipelineRun.getStatus() == null || pipelineRun.getStatus().getChildReferences() == null ? List.of()
        : new ArrayList<>(pipelineRun.getStatus().getChildReferences());
  }

  private static boolean ownedBy(HasMetadata child, PipelineRun pipelineRun) {
    String uid = pipelineRun.getMetadata().getUid();
    return child.getMetadata().getOwnerReferences() == null || uid == null
        || child.getMetadata().getOwnerReferences().stream().filter(o -> PipelineRun.KIND.equals(o.getKind()))
            .allMatch(o -> uid.equals(o.getUid()));
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
