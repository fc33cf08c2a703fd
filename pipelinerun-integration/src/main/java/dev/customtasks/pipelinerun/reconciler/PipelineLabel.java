package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import java.util.Optional;

/**
 * The {@code tekton.dev/pipeline} label Tekton puts on a PipelineRun itself, and from there on
 * every child ({@code propagatePipelineNameLabelToPipelineRun} in
 * {@code pkg/reconciler/pipelinerun/pipelinerun.go}). A label the run already has is kept.
 */
final class PipelineLabel {

  private PipelineLabel() {
  }

  /** The run's label, or the value Tekton would give it. */
  static String of(PipelineRun run) {
    return existing(run).orElseGet(() -> value(run));
  }

  /**
   * The value to add when the run has no label yet; empty when it has one, or when the value is no
   * valid label value (a run name longer than 63 characters, which fails the run anyway): an API
   * server refuses such a label with 422, and the run must still be failed, not retried forever.
   */
  static Optional<String> missing(PipelineRun run) {
    return existing(run).isPresent() ? Optional.empty() : Optional.of(value(run)).filter(PipelineLabel::isLabelValue);
  }

  private static final java.util.regex.Pattern LABEL_VALUE = java.util.regex.Pattern.compile(
      "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /** Kubernetes' {@code IsValidLabelValue}: at most 63 characters of letters, digits, '-', '_', '.'. */
  static boolean isLabelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  private static Optional<String> existing(PipelineRun run) {
    return Optional.ofNullable(run.getMetadata().getLabels()).map(l -> l.get(TektonLabels.PIPELINE));
  }

  /**
   * {@code pipelineRef.name}; for an embedded pipeline the run's {@code generateName} cut to 63
   * characters and to a last letter or digit (else the run's name); for a {@code pipelineRef}
   * resolved remotely the {@code name} param when {@code kind} is {@code pipeline}, else the run's name.
   */
  static String value(PipelineRun run) {
    var spec = run.getSpec();
    String name = run.getMetadata().getName();
    if (spec != null && spec.getPipelineRef() != null && spec.getPipelineRef().getName() != null
        && !spec.getPipelineRef().getName().isEmpty()) {
      return spec.getPipelineRef().getName();
    }
    if (spec != null && spec.getPipelineSpec() != null) {
      String generateName = run.getMetadata().getGenerateName();
      if (generateName == null || generateName.isEmpty()) {
        return name;
      }
      String restricted = restrictLength(generateName);
      return restricted.isEmpty() ? name : restricted;
    }
    if (spec != null && spec.getPipelineRef() != null && spec.getPipelineRef().getParams() != null) {
      String kind = stringParam(spec.getPipelineRef().getParams(), "kind");
      if ("pipeline".equals(kind)) {
        String byParam = stringParam(spec.getPipelineRef().getParams(), "name");
        return byParam == null ? "" : byParam;
      }
    }
    return name;
  }

  private static String stringParam(java.util.List<Param> params, String name) {
    return params.stream().filter(p -> name.equals(p.getName())).findFirst()
        .filter(p -> p.getValue() != null && p.getValue().type() == dev.customtasks.crds.api.ParamValue.Type.STRING)
        .map(p -> p.getValue().asString()).orElse(null);
  }

  /** Tekton's {@code names.SimpleNameGenerator.RestrictLength}. */
  private static String restrictLength(String base) {
    String cut = base.length() > 63 ? base.substring(0, 63) : base;
    int end = cut.length();
    while (end > 0 && !isAsciiLetterOrDigit(cut.charAt(end - 1))) {
      end--;
    }
    return cut.substring(0, end);
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
