/**
 * The Matrix task's decisions, apart from Kubernetes: which combinations start now and whether
 * the matrix is done ({@link dev.customtasks.matrix.plan.MatrixSchedule}), how a spec refers to
 * the run's params ({@link dev.customtasks.matrix.plan.ParamReferences}), the children's labels
 * ({@link dev.customtasks.matrix.plan.ChildLabels}), the results
 * ({@link dev.customtasks.matrix.plan.GatheredResults}) and the failure message
 * ({@link dev.customtasks.matrix.plan.FailureReport}). The combinations themselves come from
 * core-crds' {@code dev.customtasks.crds.matrix}.
 */
package dev.customtasks.matrix.plan;
