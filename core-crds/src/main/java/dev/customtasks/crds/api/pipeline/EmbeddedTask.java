package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.customtasks.crds.api.TaskKind;
import java.util.Map;
import java.util.Optional;

/**
 * A task defined inline in a Pipeline ({@code PipelineTask.taskSpec}): Tekton's
 * {@code EmbeddedTask}. Either an ordinary Task (the {@link TaskSpec} fields), or, with
 * {@code apiVersion} and {@code kind} set, a custom task whose free {@code spec} goes into the
 * CustomRun's {@code customSpec}.
 *
 * <p>Tekton writes {@code spec: null} and {@code metadata: {}} for an ordinary embedded task; both
 * survive a round trip here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "spec", "metadata", "params", "displayName", "description", "steps",
    "volumes", "stepTemplate", "sidecars", "workspaces", "results"})
public class EmbeddedTask extends TaskSpec {

  private String apiVersion;
  private String kind;
  private Map<String, Object> spec;
  /** Whether {@code spec} was read as, or set to, an explicit null, which is then written back. */
  private boolean specNull;
  private PipelineTaskMetadata metadata;

  /** The custom task type, when both {@code apiVersion} and {@code kind} are set (Tekton's rule). */
  @JsonIgnore
  public Optional<TaskKind> customKind() {
    return PipelineTask.kindOf(apiVersion, kind);
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @JsonIgnore
  public Map<String, Object> getSpec() {
    return spec;
  }

  @JsonSetter("spec")
  public void setSpec(Map<String, Object> spec) {
    this.spec = spec;
    this.specNull = spec == null;
  }

  @JsonGetter("spec")
  Object specForJson() {
    return spec != null ? spec : specNull ? NullNode.getInstance() : null;
  }

  public PipelineTaskMetadata getMetadata() {
    return metadata;
  }

  public void setMetadata(PipelineTaskMetadata metadata) {
    this.metadata = metadata;
  }
}
