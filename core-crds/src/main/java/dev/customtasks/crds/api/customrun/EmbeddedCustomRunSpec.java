package dev.customtasks.crds.api.customrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.Map;

/**
 * {@code CustomRun.spec.customSpec}: a custom task's definition embedded in the run, as Tekton's
 * {@code EmbeddedCustomRunSpec} ({@code apiVersion}, {@code kind}, {@code metadata}, and a free
 * {@code spec} that only the task's controller understands). Tekton writes {@code metadata: {}} when
 * there is none, so empty values are kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class EmbeddedCustomRunSpec extends UnknownFieldsPreserving {

  private String apiVersion;
  private String kind;
  private Map<String, Object> metadata;
  private Map<String, Object> spec;

  public EmbeddedCustomRunSpec() {
  }

  public EmbeddedCustomRunSpec(String apiVersion, String kind, Map<String, Object> spec) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.spec = spec;
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

  public Map<String, Object> getMetadata() {
    return metadata;
  }

  public void setMetadata(Map<String, Object> metadata) {
    this.metadata = metadata;
  }

  public Map<String, Object> getSpec() {
    return spec;
  }

  public void setSpec(Map<String, Object> spec) {
    this.spec = spec;
  }
}
