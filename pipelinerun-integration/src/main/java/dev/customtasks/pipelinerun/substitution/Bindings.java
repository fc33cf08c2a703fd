package dev.customtasks.pipelinerun.substitution;

import dev.customtasks.crds.api.ParamValue;
import java.util.Map;
import java.util.Optional;

/**
 * The values variables resolve to at one moment of a run: params (with defaults applied), the
 * results of finished tasks, task statuses for {@code finally}, and context values.
 */
public record Bindings(Map<String, ParamValue> params, Map<String, Map<String, ParamValue>> results,
    Map<String, String> taskStatuses, String aggregateStatus, Map<String, String> context) {

  public Optional<ParamValue> value(Reference ref) {
    return switch (ref.source()) {
      case PARAM -> Optional.ofNullable(params.get(ref.name()));
      case TASK_RESULT -> Optional.ofNullable(results.get(ref.name())).map(r -> r.get(ref.result()));
      case TASK_STATUS -> Optional.ofNullable(taskStatuses.get(ref.name())).map(ParamValue::of);
      case TASKS_STATUS -> Optional.ofNullable(aggregateStatus).map(ParamValue::of);
      case CONTEXT -> Optional.ofNullable(context.get(ref.name())).map(ParamValue::of);
    };
  }
}
