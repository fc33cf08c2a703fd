/**
 * The {@code customtasks.dev/v1alpha1 Matrix} custom task: one child run per combination of a
 * matrix. {@link dev.customtasks.matrix.MatrixTask} is the task (decode, then one decision per
 * tick); {@link dev.customtasks.matrix.MatrixSpecReader} reads the named object, the embedded
 * spec and the params into a {@link dev.customtasks.matrix.MatrixPlan}; the run keeps every
 * combination's state as a {@link dev.customtasks.matrix.MatrixState}.
 */
package dev.customtasks.matrix;
