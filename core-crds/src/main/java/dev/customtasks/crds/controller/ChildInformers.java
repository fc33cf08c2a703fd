package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.RecentOperationCacheFiller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One controller's children: the informers through which it watches them, one per kind, named
 * {@code children-<plural>} and mapped to the parent by owner reference, and the creates that
 * cost no reconcile of their own.
 *
 * <p>A child the controller just created comes back as an ADDED event that tells it nothing new:
 * the reconcile that created it had the object the API server answered. So the create is recorded
 * before it is sent, and the ADDED event of a recorded child is not passed on (it still fills the
 * informer's cache); the answered object also goes into the informer's cache at once
 * ({@code RecentOperationCacheFiller}, as JOSDK's dependent resources do), so the next reconcile
 * finds the child even before its event arrives, and never creates it twice. Recording before the
 * create, rather than matching the answered resourceVersion, is what works when the event arrives
 * before the answer does. Any later change of the child is an event as before. Tekton's PipelineRun
 * controller does get a reconcile for each child it created (its informers enqueue every add).
 */
public final class ChildInformers {

  /** How long a create waits for its ADDED event; one that comes later costs one reconcile, no more. */
  static final long KEEP_MILLIS = 60_000L;
  /** Records at which those past {@link #KEEP_MILLIS} are swept. */
  private static final int SWEEP_AT = 1024;

  /** Creates sent whose ADDED event has not come yet, by {@link #key}: when each was recorded (epoch ms). */
  private final Map<String, Long> expectedAdds = new ConcurrentHashMap<>();
  private final LongSupplier millis;

  public ChildInformers() {
    this(System::currentTimeMillis);
  }

  /** @param millis the clock records are kept by, in epoch milliseconds */
  ChildInformers(LongSupplier millis) {
    this.millis = millis;
  }

  /** The name of the informer that watches a controller's children of {@code type}: {@code children-<plural>}. */
  public static String name(Class<? extends HasMetadata> type) {
    return "children-" + HasMetadata.getPlural(type);
  }

  /**
   * The informer for children of {@code type} of primaries of {@code parentType}.
   *
   * @param more further settings, such as a label selector; every child this controller creates
   *     must match them, or its record waits {@link #KEEP_MILLIS} for an event that never comes.
   *     Update and delete filters set here replace this class's, which forget the record of a
   *     create whose ADDED event JOSDK skipped (the informer had the answered version already)
   */
  public <T extends HasMetadata, P extends HasMetadata> InformerEventSource<T, P> informer(Class<T> type,
      Class<P> parentType, EventSourceContext<P> context,
      UnaryOperator<InformerEventSourceConfiguration.Builder<T>> more) {
    return new InformerEventSource<>(more.apply(InformerEventSourceConfiguration.from(type, parentType)
        .withName(name(type))
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(parentType))
        .withOnAddFilter(this::passesAdd)
        .withOnUpdateFilter((updated, previous) -> forget(updated))
        .withOnDeleteFilter((deleted, finalStateUnknown) -> forget(deleted)))
        .build(), context);
  }

  /**
   * Creates {@code child} (owner references set), or adopts the existing one of that name that
   * {@code owner} owns ({@link Children#createOrAdopt}); its ADDED event then causes no reconcile.
   *
   * @return the object as the API server stored it
   * @throws IllegalStateException if an object of that name exists and {@code owner} does not own it
   */
  public <T extends HasMetadata> T create(Context<?> context, T child, HasMetadata owner) {
    expectAdd(child);
    T made;
    try {
      made = Children.createOrAdopt(context.getClient(), child, owner);
    } catch (RuntimeException e) {
      expectedAdds.remove(key(child));
      throw e;
    }
    handToCache(context, made);
    return made;
  }

  /** Records that {@code child} is about to be created: its ADDED event will not pass. */
  void expectAdd(HasMetadata child) {
    long now = millis.getAsLong();
    if (expectedAdds.size() >= SWEEP_AT) {
      expectedAdds.values().removeIf(at -> now - at > KEEP_MILLIS);
    }
    expectedAdds.put(key(child), now);
  }

  /**
   * The children informers' add filter: whether the ADDED event of {@code child} is passed on;
   * not when it is that of a create recorded within {@link #KEEP_MILLIS}, whose record it consumes.
   */
  boolean passesAdd(HasMetadata child) {
    Long at = expectedAdds.remove(key(child));
    return at == null || millis.getAsLong() - at > KEEP_MILLIS;
  }

  /**
   * The children informers' update and delete filter, which passes every event: a child that
   * changed or went has been added, so a record of its create is stale. JOSDK skips an ADDED
   * event whose version its cache had from {@link #create} already, without calling the add
   * filter, and the record would otherwise stay until swept.
   */
  boolean forget(HasMetadata child) {
    expectedAdds.remove(key(child));
    return true;
  }

  /** Creates recorded whose ADDED event has neither come nor been made stale by a later event. */
  int expectedAdds() {
    return expectedAdds.size();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void handToCache(Context<?> context, HasMetadata child) {
    String name = name(child.getClass());
    context.eventSourceRetriever().getEventSourcesFor(child.getClass()).stream()
        .filter(source -> name.equals(source.name()) && source instanceof RecentOperationCacheFiller)
        .findFirst()
        .ifPresent(source -> ((RecentOperationCacheFiller) source)
            .handleRecentResourceCreate(ResourceID.fromResource(child), child));
  }

  /** Kind, namespace, name and owners' uids: the same before the create and in its ADDED event. */
  private static String key(HasMetadata child) {
    String owners = child.getMetadata().getOwnerReferences() == null ? ""
        : child.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).collect(Collectors.joining(","));
    return child.getKind() + "/" + child.getMetadata().getNamespace() + "/" + child.getMetadata().getName() + "/" + owners;
  }
}
