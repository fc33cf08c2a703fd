package dev.customtasks.matrix.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.pipeline.EmbeddedTask;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;

/**
 * A fan-out: one child run of {@code taskRef} or {@code taskSpec} per combination of
 * {@code matrix}, each with {@code params} plus the combination's params.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"taskRef", "taskSpec", "params", "matrix", "maxParallel", "failFast"})
public record MatrixSpec(
    @JsonPropertyDescription("The task each combination runs: {name} of a Task (a TaskRun per combination), or "
        + "{apiVersion, kind[, name]} of a custom task (a CustomRun per combination). Exactly one of taskRef and "
        + "taskSpec.")
    @SchemaFrom(type = Schemas.TaskRefSchema.class)
    TaskRef taskRef,
    @JsonPropertyDescription("The task each combination runs, embedded: a Task's spec (steps...), or a custom "
        + "task's {apiVersion, kind, spec}.")
    @SchemaFrom(type = Schemas.EmbeddedTaskSchema.class)
    EmbeddedTask taskSpec,
    @JsonPropertyDescription("Params passed to every combination's run. Values may refer to the run's params: "
        + "$(params.name).")
    @SchemaFrom(type = Schemas.ParamSchema[].class)
    List<Param> params,
    @JsonPropertyDescription("What to fan out over: params (arrays), include and exclude.")
    MatrixDefinition matrix,
    @JsonPropertyDescription("The most combinations running at once; unset runs all at once.")
    Integer maxParallel,
    @JsonPropertyDescription("When true, the first failed combination cancels the running ones, starts no more "
        + "and fails the run; when false (the default) every combination runs.")
    Boolean failFast) {

  /**
   * {@code matrix}: Tekton's {@code Matrix} ({@code params}, {@code include}) plus GitHub Actions'
   * {@code exclude}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"params", "include", "exclude"})
  public record MatrixDefinition(
      @JsonPropertyDescription("The dimensions: each a name and an array of values, or a reference to an array "
          + "param of the run, $(params.name). The first varies fastest.")
      @SchemaFrom(type = Schemas.ParamSchema[].class)
      List<Param> params,
      @JsonPropertyDescription("Params added to every combination they fit, or a new combination when they fit "
          + "none.")
      List<IncludeEntry> include,
      @JsonPropertyDescription("Combinations to drop: every combination whose params agree with all of an entry's.")
      List<ExcludeEntry> exclude) {
  }

  /** One of {@code matrix.include}: an optional name and string params. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IncludeEntry(
      @JsonPropertyDescription("Names the combinations this entry ends up in.")
      String name,
      @SchemaFrom(type = Schemas.ParamSchema[].class)
      List<Param> params) {
  }

  /** One of {@code matrix.exclude}: string params. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExcludeEntry(
      @SchemaFrom(type = Schemas.ParamSchema[].class)
      List<Param> params) {
  }
}
