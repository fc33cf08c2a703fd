/**
 * Conversion between Tekton's {@code tekton.dev/v1beta1} and {@code tekton.dev/v1} Pipeline,
 * PipelineRun, Task and TaskRun, on their JSON form: {@link dev.customtasks.crds.conversion.TektonConversion}
 * converts one object, {@link dev.customtasks.crds.conversion.ConversionReviews} answers a
 * Kubernetes {@code ConversionReview} with it. The embedded API server and the conversion webhook
 * of the PipelineRun controller both use these, so a cluster and the embedded server convert alike.
 */
package dev.customtasks.crds.conversion;
