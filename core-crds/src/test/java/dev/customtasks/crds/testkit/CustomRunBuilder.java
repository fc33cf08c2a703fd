package dev.customtasks.crds.testkit;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunSpec;
import dev.customtasks.crds.api.customrun.EmbeddedCustomRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds CustomRuns for tests, the way a PipelineRun controller would write them. */
public final class CustomRunBuilder {

  private final String name;
  private String namespace = "test";
  private TaskRef customRef;
  private EmbeddedCustomRunSpec customSpec;
  private final List<Param> params = new ArrayList<>();
  private String timeout;
  private Integer retries;
  private final Map<String, String> labels = new java.util.LinkedHashMap<>();

  private CustomRunBuilder(String name) {
    this.name = name;
  }

  public static CustomRunBuilder customRun(String name) {
    return new CustomRunBuilder(name);
  }

  public CustomRunBuilder inNamespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public CustomRunBuilder ref(TaskKind kind) {
    this.customRef = new TaskRef(kind.apiVersion(), kind.kind(), null);
    return this;
  }

  public CustomRunBuilder ref(TaskKind kind, String objectName) {
    this.customRef = new TaskRef(kind.apiVersion(), kind.kind(), objectName);
    return this;
  }

  public CustomRunBuilder embedded(TaskKind kind, Map<String, Object> spec) {
    this.customSpec = new EmbeddedCustomRunSpec(kind.apiVersion(), kind.kind(), spec);
    return this;
  }

  public CustomRunBuilder param(String name, String value) {
    params.add(Param.of(name, value));
    return this;
  }

  public CustomRunBuilder param(String name, List<String> values) {
    params.add(new Param(name, ParamValue.ofArray(values)));
    return this;
  }

  public CustomRunBuilder param(String name, Map<String, String> fields) {
    params.add(new Param(name, ParamValue.ofObject(fields)));
    return this;
  }

  public CustomRunBuilder timeout(String goDuration) {
    this.timeout = goDuration;
    return this;
  }

  public CustomRunBuilder retries(int retries) {
    this.retries = retries;
    return this;
  }

  public CustomRunBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  public CustomRun build() {
    CustomRun run = new CustomRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
        .withLabels(labels.isEmpty() ? null : labels).build());
    CustomRunSpec spec = new CustomRunSpec();
    spec.setCustomRef(customRef);
    spec.setCustomSpec(customSpec);
    spec.setParams(params.isEmpty() ? null : params);
    spec.setTimeout(timeout);
    spec.setRetries(retries);
    run.setSpec(spec);
    return run;
  }
}
