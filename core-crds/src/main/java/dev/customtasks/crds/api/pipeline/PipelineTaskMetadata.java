package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.Map;

/**
 * Labels and annotations for what a PipelineTask creates ({@code taskSpec.metadata}): Tekton's
 * {@code PipelineTaskMetadata}. Tekton writes it as {@code metadata: {}} when empty.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"labels", "annotations"})
public class PipelineTaskMetadata extends UnknownFieldsPreserving {

  private Map<String, String> labels;
  private Map<String, String> annotations;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
