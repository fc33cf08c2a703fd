package dev.customtasks.crds.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;

/**
 * Writes a reconciled status back as a compare-and-set: a JSON patch that sets
 * {@code metadata.resourceVersion} to the version the decision was made on and replaces the whole
 * status. The API server treats that resourceVersion as a precondition, so a decision made on a
 * stale copy fails with 409 and is made again on fresh state, instead of being merged onto state
 * it never saw (which is how a retry could be counted twice). The written object goes into JOSDK's
 * cache, so the next reconcile sees it even before the watch event arrives, and the status is
 * recorded as our own ({@link OwnStatusWrites}), so its watch event causes no reconcile.
 *
 * <p>Why a JSON patch: it does both at once. {@code add /status} replaces the status as a whole,
 * and the resourceVersion it sets is checked as a precondition. A JSON merge patch would carry the
 * precondition too, but merges the status field by field: a field the new status no longer has
 * (the results, extra fields and completionTime a retry clears) would stay on the server unless
 * the patch named each one with {@code null}. And not a PUT to {@code /status}
 * ({@code updateStatus()}): the embedded API server does not check the resourceVersion of one.
 */
public final class StatusWriter {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {
  }

  /** Retries for 409s and transient API errors: quick at first, since a conflict resolves at once. */
  public static GenericRetry conflictFriendlyRetry() {
    return new GenericRetry().setInitialInterval(20).setIntervalMultiplier(2).setMaxInterval(5_000)
        .setMaxAttempts(12);
  }

  /**
   * How long to wait before deciding again after a conflict: a few milliseconds, at random, so
   * that the runs that collided do not collide again in lock step.
   */
  public static java.time.Duration afterConflict() {
    return java.time.Duration.ofMillis(java.util.concurrent.ThreadLocalRandom.current().nextLong(2, 20));
  }

  /** Whether {@code e} (or a cause) is an HTTP 409 from the API server. */
  public static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException kce && kce.getCode() == 409) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes {@code desired}'s status if it differs from {@code original}'s.
   *
   * @return the object as the server stored it, or {@code original} when nothing changed
   * @throws KubernetesClientException with code 409 when {@code original} was stale
   */
  @SuppressWarnings("unchecked")
  public static <P extends HasMetadata> P write(P original, P desired, Context<P> context) {
    var serialization = context.getClient().getKubernetesSerialization();
    JsonNode before = statusOf(serialization, original);
    JsonNode after = statusOf(serialization, desired);
    if (before.equals(after)) {
      return original;
    }
    String patch = compareAndSetPatch(original.getMetadata().getResourceVersion(), after);
    LOG.debug("status of {}/{}: {}", original.getMetadata().getNamespace(), original.getMetadata().getName(), after);
    // Recorded before the write: the watch event of it may arrive before the response does.
    JsonNode status = after;
    String controller = context.getControllerConfiguration() == null ? ""
        : context.getControllerConfiguration().getName();
    OwnStatusWrites.expect(controller, original, status);
    P updated;
    try {
      // Patched through the object itself: by name, fabric8 would GET it first, a second request per write.
      updated = (P) context.getClient().resource(original)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch);
    } catch (RuntimeException e) {
      OwnStatusWrites.forget(controller, original, status);
      throw e;
    }
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, original);
    return updated;
  }

  /**
   * The JSON patch that replaces the whole status of an object read at {@code resourceVersion},
   * with that version as its precondition ({@code status} a missing node: an empty status).
   */
  static String compareAndSetPatch(String resourceVersion, JsonNode status) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", resourceVersion);
    patch.addObject().put("op", "add").put("path", "/status")
        .set("value", status.isMissingNode() ? JsonNodeFactory.instance.objectNode() : status);
    return patch.toString();
  }

  /**
   * The status alone as JSON (a missing node without one): the spec and metadata are not what is
   * compared or written, and converting them too cost as much again on every reconcile.
   */
  static JsonNode statusOf(io.fabric8.kubernetes.client.utils.KubernetesSerialization serialization,
      HasMetadata object) {
    if (object instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> resource) {
      return resource.getStatus() == null ? MissingNode.getInstance()
          : serialization.convertValue(resource.getStatus(), JsonNode.class);
    }
    return serialization.convertValue(object, JsonNode.class).path("status");
  }
}
