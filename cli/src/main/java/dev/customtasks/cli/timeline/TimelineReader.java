package dev.customtasks.cli.timeline;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.Children;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a PipelineRun's {@link RunTree} from the API server: its TaskRuns and CustomRuns (labelled
 * {@code tekton.dev/pipelineRun=NAME}, or named in {@code status.childReferences}, and owned by
 * it), and under each CustomRun what it created (labelled {@code customtasks.dev/parent-uid}, or a
 * PipelineRun labelled {@code tekton.dev/customRun=NAME}, and owned by it), all the way down.
 * Children copy their parent's labels, so ownership, not labels alone, decides whose run it is.
 */
public final class TimelineReader {

  private final KubernetesClient client;

  public TimelineReader(KubernetesClient client) {
    this.client = client;
  }

  /** The tree under {@code pipelineRun}, as it stands now. */
  public RunTree read(PipelineRun pipelineRun) {
    return pipelineRunTree(pipelineRun, 0);
  }

  private RunTree pipelineRunTree(PipelineRun run, int depth) {
    String namespace = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    Map<String, HasMetadata> children = new LinkedHashMap<>();
    for (Class<? extends HasMetadata> type : List.of(TaskRun.class, CustomRun.class)) {
      client.resources(type).inNamespace(namespace).withLabel(TektonLabels.PIPELINE_RUN, name).list().getItems()
          .stream().filter(c -> ownedBy(c, run)).forEach(c -> children.put(key(c), c));
    }
    List<ChildStatusReference> references = run.getStatus() == null || run.getStatus().getChildReferences() == null
        ? List.of() : run.getStatus().getChildReferences();
    for (ChildStatusReference ref : references) {
      Class<? extends HasMetadata> type = CustomRun.KIND.equals(ref.getKind()) ? CustomRun.class
          : TaskRun.KIND.equals(ref.getKind()) ? TaskRun.class : null;
      if (type != null && ref.getName() != null && !children.containsKey(ref.getKind() + "/" + ref.getName())) {
        Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(ref.getName()).get())
            .filter(c -> ownedBy(c, run)).ifPresent(c -> children.put(key(c), c));
      }
    }
    List<RunTree> trees = new ArrayList<>();
    children.values().forEach(c -> trees.add(c instanceof CustomRun custom && depth < Spans.MAX_DEPTH
        ? customRunTree(custom, depth + 1) : RunTree.leaf(c)));
    return new RunTree(run, trees);
  }

  private RunTree customRunTree(CustomRun run, int depth) {
    String namespace = run.getMetadata().getNamespace();
    String uid = run.getMetadata().getUid();
    Map<String, HasMetadata> children = new LinkedHashMap<>();
    if (uid != null) {
      for (Class<? extends HasMetadata> type : List.of(TaskRun.class, CustomRun.class, PipelineRun.class)) {
        client.resources(type).inNamespace(namespace).withLabel(Children.PARENT_UID_LABEL, uid).list().getItems()
            .stream().filter(c -> ownedBy(c, run)).forEach(c -> children.put(key(c), c));
      }
      client.resources(PipelineRun.class).inNamespace(namespace)
          .withLabel(TektonLabels.CUSTOM_RUN, run.getMetadata().getName()).list().getItems().stream()
          .filter(c -> ownedBy(c, run)).forEach(c -> children.put(key(c), c));
    }
    List<RunTree> trees = new ArrayList<>();
    for (HasMetadata child : children.values()) {
      if (depth >= Spans.MAX_DEPTH) {
        trees.add(RunTree.leaf(child));
      } else if (child instanceof PipelineRun nested) {
        trees.add(pipelineRunTree(nested, depth + 1));
      } else if (child instanceof CustomRun custom) {
        trees.add(customRunTree(custom, depth + 1));
      } else {
        trees.add(RunTree.leaf(child));
      }
    }
    return new RunTree(run, trees);
  }

  /** Whether {@code owner} (by uid) is among the child's owners; a run without a uid owns what names it. */
  private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    var owners = child.getMetadata().getOwnerReferences();
    if (uid == null) {
      return true;
    }
    return owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()));
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
