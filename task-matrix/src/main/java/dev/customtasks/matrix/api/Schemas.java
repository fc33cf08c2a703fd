package dev.customtasks.matrix.api;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import dev.customtasks.crds.api.ParamValue;
import java.util.List;

/**
 * The CRD schema of fields whose Java types carry more than their wire form (the core model keeps
 * unknown fields, which the generator would list as a property): used only through
 * {@code @SchemaFrom}.
 */
final class Schemas {

  private Schemas() {
  }

  /** A param: a name and a string, array or object value. */
  static final class ParamSchema {
    public String name;
    /** A string, array or object: no type in the schema. */
    public ParamValue value;
  }

  /** A task reference: a Task by name (or resolver, bundle), or a custom task by apiVersion, kind, name. */
  @PreserveUnknownFields
  static final class TaskRefSchema {
    public String apiVersion;
    public String kind;
    public String name;
    public String resolver;
    public String bundle;
    public List<ParamSchema> params;
  }

  /** An embedded task: a Task's spec, or a custom task's apiVersion, kind and spec. */
  @PreserveUnknownFields
  static final class EmbeddedTaskSchema {
    public String apiVersion;
    public String kind;
  }
}
