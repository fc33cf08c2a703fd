package dev.customtasks.cli.timeline;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Run trees from multi-document YAML: the first document is the PipelineRun; every other run is a
 * child of the run its first owner reference names, or of the PipelineRun when it has none.
 */
final class Fixtures {

  private Fixtures() {
  }

  static RunTree tree(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (!document.isBlank()) {
        objects.add(Serialization.unmarshal(document, type(document)));
      }
    }
    return treeOf(objects.get(0), objects.subList(1, objects.size()), true);
  }

  private static Class<? extends HasMetadata> type(String document) {
    String kind = String.valueOf(Serialization.unmarshal(document, java.util.Map.class).get("kind"));
    return switch (kind) {
      case "PipelineRun" -> PipelineRun.class;
      case "CustomRun" -> CustomRun.class;
      case "TaskRun" -> TaskRun.class;
      default -> throw new IllegalArgumentException("not a run: " + kind);
    };
  }

  private static RunTree treeOf(HasMetadata run, List<HasMetadata> others, boolean top) {
    List<RunTree> children = new ArrayList<>();
    for (HasMetadata other : others) {
      var owners = other.getMetadata().getOwnerReferences();
      String owner = owners == null || owners.isEmpty() ? null
          : owners.get(0).getKind() + "/" + owners.get(0).getName();
      if ((run.getKind() + "/" + run.getMetadata().getName()).equals(owner) || (top && owner == null)) {
        children.add(treeOf(other, others, false));
      }
    }
    return new RunTree(run, children);
  }
}
