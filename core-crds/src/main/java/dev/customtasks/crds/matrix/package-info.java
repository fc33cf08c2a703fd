/**
 * The matrix fan-out engine, shared by the {@code Matrix} custom task and the PipelineRun
 * controller's native {@code matrix}: pure functions, no Kubernetes types.
 *
 * <p>In: a {@link dev.customtasks.crds.matrix.MatrixInput} (params with array values, include
 * entries, exclude entries) and a limit. Out: a {@link dev.customtasks.crds.matrix.FanOut}, the
 * ordered {@link dev.customtasks.crds.matrix.Combination}s (each child run's params and include
 * names), or a skip with its reason; bad input throws
 * {@link dev.customtasks.crds.matrix.InvalidMatrixException} naming the field.
 * {@link dev.customtasks.crds.matrix.MatrixResults} gathers the children's string results into
 * arrays afterwards.
 *
 * <pre>{@code
 * FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
 *     .param("platform", "linux", "mac")
 *     .param("browser", "safari", "chrome")
 *     .include("linux-url", "platform", "linux", "url", "some-url")
 *     .exclude("platform", "mac", "browser", "safari")
 *     .build());
 * // linux/safari+url, linux/chrome+url, mac/chrome
 * }</pre>
 *
 * <p>Upstream followed: tektoncd/pipeline {@code pkg/apis/pipeline/v1/matrix_types.go}
 * ({@code FanOut}), {@code matrix_types_test.go} and {@code docs/matrix.md} for ordering, include and
 * the limit; {@code pkg/reconciler/pipelinerun/resources/} for skipping on an empty array, display
 * names and gathering results. {@code exclude} follows GitHub Actions' {@code strategy.matrix.exclude}.
 * {@link dev.customtasks.crds.matrix.MatrixExpander} lists the rules and where they depart from
 * Tekton's code; {@link dev.customtasks.crds.matrix.IncludeRule#TEKTON_CODE} follows Tekton's code
 * there instead, for the PipelineRun controller, which must create exactly Tekton's children.
 */
package dev.customtasks.crds.matrix;
