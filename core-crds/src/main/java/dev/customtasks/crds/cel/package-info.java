/**
 * CEL conditions over CEL-Java ({@code dev.cel:cel}): a Loop's {@code until} and a pipeline task's
 * CEL {@code when}. Pure: no Kubernetes types.
 *
 * <p>In: an expression and the variables it may read, each declared with a
 * {@link dev.customtasks.crds.cel.CelVarType} (say {@code results} and {@code params} as
 * {@code map(string, dyn)}, {@code iteration} as {@code int}), then plain Java values for them
 * (String, Long or Integer, Double, Boolean, List, Map, null). Out: a bool, or a
 * {@link dev.customtasks.crds.cel.CelExpressionException} whose message quotes the expression and
 * carries CEL's own error (a compile error with its position, an undeclared variable, a missing
 * key at run time, a result that is not a bool), fit to fail a run with.
 *
 * <pre>{@code
 * CelEvaluator cel = new CelEvaluator();   // one per process: it caches compiled expressions
 * CelCondition until = cel.compile("results.status == 'done' || iteration >= 10",
 *     Map.of("results", CelVarType.MAP, "iteration", CelVarType.INT));   // check when the run starts
 * boolean done = until.evaluate(Map.of("results", Map.of("status", "running"), "iteration", 3));
 * }</pre>
 *
 * <p>Upstream followed: tektoncd/pipeline's {@code EvaluateCEL} in
 * {@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go} (standard environment, no
 * variables, the result must be a bool) and the examples of {@code docs/pipelines.md}, "Use CEL
 * expression in WhenExpression", where {@code $(...)} references are substituted into the text
 * before CEL sees it.
 */
package dev.customtasks.crds.cel;
