package dev.customtasks.embedded;

import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on {@link Housekeeping}'s decisions through the API, so that watchers (controllers,
 * informers) see the deletions as they would on a cluster. Covers Events and the objects of every
 * namespaced custom resource kind installed on the server.
 */
final class Janitor {

  private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);

  private final KubernetesClient client;
  private final Clock clock;
  private volatile Duration eventTtl;
  private volatile boolean stopped;
  private final AtomicInteger passes = new AtomicInteger();
  private final AtomicInteger failedPasses = new AtomicInteger();

  Janitor(KubernetesClient client, Clock clock, Duration eventTtl) {
    this.client = client;
    this.clock = clock;
    this.eventTtl = eventTtl;
  }

  void eventTtl(Duration ttl) {
    this.eventTtl = ttl;
  }

  /**
   * One pass: expired Events, then orphaned dependents. A failure is logged and the next pass tries
   * again: an exception escaping a periodic task would silently end all later passes.
   */
  void sweep() {
    if (stopped) {
      return;
    }
    try {
      expireEvents();
      collectOrphans();
      passes.incrementAndGet();
    } catch (KubernetesClientException e) {
      failedPasses.incrementAndGet();
      if (stopped) {
        // The server is closing under a pass that outlived the wait for it: nothing to report.
        LOG.debug("housekeeping pass ended by the server closing: {}", e.getMessage());
      } else {
        LOG.warn("housekeeping pass failed, trying again next time: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      failedPasses.incrementAndGet();
      LOG.error("housekeeping pass failed, trying again next time", e);
    }
  }

  /** No pass starts after this; the server calls it first when it closes. */
  void stop() {
    stopped = true;
  }

  /** Passes that ended without an error, and those that failed: for tests. */
  int passes() {
    return passes.get();
  }

  int failedPasses() {
    return failedPasses.get();
  }

  private void expireEvents() {
    List<StoredObject> events = client.v1().events().inAnyNamespace().list().getItems().stream()
        .map(e -> stored(e, lastSeen(e))).toList();
    for (StoredObject expired : Housekeeping.expiredEvents(events, clock.instant(), eventTtl)) {
      client.v1().events().inNamespace(expired.namespace()).withName(expired.name()).delete();
    }
  }

  private void collectOrphans() {
    Map<StoredObject.Kind, ResourceDefinitionContext> kinds = namespacedCustomKinds();
    List<StoredObject> dependents = listAll(kinds).stream().filter(o -> !o.owners().isEmpty()).toList();
    if (dependents.isEmpty()) {
      return;
    }
    // Listed again after the dependents, so that an owner created meanwhile is not taken for gone.
    Set<String> liveUids = listAll(kinds).stream().map(StoredObject::uid).collect(Collectors.toSet());
    for (StoredObject orphan : Housekeeping.orphans(dependents, liveUids, kinds.keySet())) {
      client.genericKubernetesResources(kinds.get(orphan.kind())).inNamespace(orphan.namespace())
          .withName(orphan.name()).delete();
    }
  }

  private List<StoredObject> listAll(Map<StoredObject.Kind, ResourceDefinitionContext> kinds) {
    List<StoredObject> objects = new ArrayList<>();
    kinds.values().forEach(context -> client.genericKubernetesResources(context).inAnyNamespace().list()
        .getItems().forEach(o -> objects.add(stored(o, Optional.empty()))));
    return objects;
  }

  private Map<StoredObject.Kind, ResourceDefinitionContext> namespacedCustomKinds() {
    Map<StoredObject.Kind, ResourceDefinitionContext> kinds = new HashMap<>();
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      if (!"Namespaced".equals(crd.getSpec().getScope())) {
        continue;
      }
      crd.getSpec().getVersions().stream().filter(CustomResourceDefinitionVersion::getStorage).findFirst()
          .or(() -> crd.getSpec().getVersions().stream().findFirst())
          .ifPresent(version -> kinds.put(new StoredObject.Kind(crd.getSpec().getGroup(),
              crd.getSpec().getNames().getKind()), new ResourceDefinitionContext.Builder()
              .withGroup(crd.getSpec().getGroup()).withVersion(version.getName())
              .withPlural(crd.getSpec().getNames().getPlural()).withKind(crd.getSpec().getNames().getKind())
              .withNamespaced(true).build()));
    }
    return kinds;
  }

  private static StoredObject stored(HasMetadata object, Optional<Instant> lastSeen) {
    ObjectMeta meta = object.getMetadata();
    List<StoredObject.Owner> owners = Optional.ofNullable(meta.getOwnerReferences()).orElse(List.of()).stream()
        .map(r -> new StoredObject.Owner(StoredObject.Kind.of(r.getApiVersion(), r.getKind()), r.getName(),
            r.getUid()))
        .toList();
    return new StoredObject(StoredObject.Kind.of(object.getApiVersion(), object.getKind()), meta.getNamespace(),
        meta.getName(), meta.getUid(), owners, lastSeen);
  }

  /** The latest of the instants an Event carries; the mock stamps creationTimestamp on every object. */
  private static Optional<Instant> lastSeen(Event event) {
    return Stream.of(event.getLastTimestamp(), event.getFirstTimestamp(),
            event.getEventTime() == null ? null : event.getEventTime().getTime(),
            event.getMetadata().getCreationTimestamp())
        .flatMap(t -> Timestamps.tryParse(t).stream())
        .max(Instant::compareTo);
  }
}
