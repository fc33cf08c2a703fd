package dev.customtasks.loop.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.loop.plan.OnFailure;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/**
 * What a loop runs and how: the body (exactly one of {@code taskRef}, {@code taskSpec},
 * {@code pipelineRef}, {@code pipelineSpec}), what it iterates over (at most one of {@code items},
 * {@code range}, {@code until}, {@code iterateNumeric}; none means the run's param named
 * {@code iterateParam} holds the items, as tektoncd/experimental's TaskLoop read it), and how
 * ({@code concurrency}, {@code onFailure}, {@code interval}, per-iteration {@code timeout} and
 * {@code retries}). The same fields come from a named {@link Loop}, {@link TaskLoop} or
 * {@link PipelineLoop} object or an embedded {@code customSpec.spec}; the run's params are passed
 * to every iteration.
 *
 * <p>The body and list fields are kept as JSON so that a cluster's structural schema keeps every
 * field of an embedded Task or Pipeline; they are read into Tekton's types when a run starts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopSpec(
    @JsonPropertyDescription("The Task (name, or apiVersion and kind for a custom task) each iteration runs.")
    @PreserveUnknownFields
    JsonNode taskRef,
    @JsonPropertyDescription("An embedded Task (steps), or a custom task (apiVersion, kind, spec), each iteration runs.")
    @PreserveUnknownFields
    JsonNode taskSpec,
    @JsonPropertyDescription("The Pipeline each iteration runs as a PipelineRun.")
    @PreserveUnknownFields
    JsonNode pipelineRef,
    @JsonPropertyDescription("An embedded Pipeline each iteration runs as a PipelineRun.")
    @PreserveUnknownFields
    JsonNode pipelineSpec,
    @JsonPropertyDescription("The child's param that receives each item (each number of a range; the iteration number with until).")
    String iterateParam,
    @JsonPropertyDescription("The items: a list of strings, a string of lines, or \"$(params.NAME)\" naming an array or string param of the run.")
    @PreserveUnknownFields
    JsonNode items,
    @JsonPropertyDescription("A numeric range to iterate over.")
    LoopRange range,
    @JsonPropertyDescription("A CEL condition on the last iteration's results (results.NAME), its params (params.NAME) and its number (iteration); the loop ends when it holds.")
    String until,
    @JsonPropertyDescription("A Go duration to wait between one iteration's end and the next one's start (sequential loops only).")
    String interval,
    @JsonPropertyDescription("The most iterations an until loop runs; required with until.")
    Integer maxIterations,
    @JsonPropertyDescription("How many iterations run at once: 1 (default) is sequential, 0 all at once.")
    Integer concurrency,
    @JsonPropertyDescription("PipelineLoop's name for concurrency: how many iterations run at once (default 1).")
    Integer parallelism,
    @JsonPropertyDescription("stop (default): start no iteration after a failure; continue: run all, fail at the end naming the failed ones.")
    @SchemaFrom(type = OnFailure.class)
    String onFailure,
    @JsonPropertyDescription("A Go duration: each iteration's own timeout.")
    String timeout,
    @JsonPropertyDescription("How many times each iteration is retried after a failure.")
    Integer retries,
    @JsonPropertyDescription("A child param that receives the iteration number (1 for the first).")
    String iterationNumberParam,
    @JsonPropertyDescription("PipelineLoop: the child param that receives each number from the run's params from, to and step.")
    String iterateNumeric,
    @JsonPropertyDescription("PipelineLoop: the separator a string of items is split on (default: lines).")
    String iterateParamStringSeparator,
    @JsonPropertyDescription("The service account of every iteration; default the run's.")
    String serviceAccountName,
    @JsonPropertyDescription("Workspace bindings of every iteration; default the run's.")
    @PreserveUnknownFields
    JsonNode workspaces,
    @JsonPropertyDescription("PipelineLoop's pod template; accepted, not applied.")
    @PreserveUnknownFields
    JsonNode podTemplate,
    @JsonPropertyDescription("PipelineLoop's per-task run specs; accepted, not applied.")
    @PreserveUnknownFields
    JsonNode taskRunSpecs) {
}
