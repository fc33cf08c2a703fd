package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.InMemoryChildStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Children additions a task that stands for its run by one object needs: own name, related objects, status CAS, events. */
class ChildrenOfAGateTest {

  private final InMemoryChildStore store = new InMemoryChildStore();

  private CustomRun run(String name) {
    CustomRun run = customRun(name).inNamespace("ns").ref(TimerTask.KIND).build();
    run.getMetadata().setUid("uid-" + name);
    return run;
  }

  @Test
  void baseNameIsTheRunsNameOnTheFirstAttemptAndDistinctOnRetries() {
    assertThat(new Children(store, run("deploy"), "c", 1).baseName()).isEqualTo("deploy");
    assertThat(new Children(store, run("deploy"), "c", 2).baseName()).isEqualTo("deploy-r1");
    String longName = "x".repeat(63);
    assertThat(new Children(store, run(longName), "c", 3).baseName()).hasSizeLessThanOrEqualTo(63)
        .isNotEqualTo(new Children(store, run(longName), "c", 2).baseName());
  }

  @Test
  void aChildMayTakeTheRunsOwnName() {
    Children children = new Children(store, run("deploy"), "c", 1);
    ConfigMap created = children.create(new ConfigMapBuilder().withNewMetadata().withName(children.baseName())
        .endMetadata().build());
    assertThat(created.getMetadata().getName()).isEqualTo("deploy");
    assertThat(created.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-deploy"));
    assertThat(children.create(new ConfigMapBuilder().withNewMetadata().withName("deploy").endMetadata().build())
        .getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
  }

  @Test
  void relatedObjectsAreThoseOfTheRunsNamespaceWhoeverMadeThem() {
    store.put(new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("ns").endMetadata().build());
    store.put(new ConfigMapBuilder().withNewMetadata().withName("b").withNamespace("other").endMetadata().build());
    assertThat(new Children(store, run("deploy"), "c", 1).related(ConfigMap.class))
        .extracting(c -> c.getMetadata().getName()).containsExactly("a");
  }

  @Test
  void statusIsWrittenCompareAndSet() {
    Children children = new Children(store, run("deploy"), "c", 1);
    ConfigMap created = children.create(new ConfigMapBuilder().withNewMetadata().withName("deploy").endMetadata()
        .build());
    ConfigMap first = Serialization.clone(created);
    first.setData(Map.of("k", "v"));
    ConfigMap written = children.updateStatus(first);
    assertThat(written.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());

    ConfigMap stale = Serialization.clone(created);
    assertThatThrownBy(() -> children.updateStatus(stale))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(store.get(ConfigMap.class, "deploy").orElseThrow().getData()).containsEntry("k", "v");
  }

  @Test
  void eventsAboutAnyObjectReachTheStore() {
    CustomRun run = run("deploy");
    RunEvent event = RunEvent.normal("Approved", "alice approved", Instant.EPOCH);
    new Children(store, run, "c", 1).event(run, event);
    assertThat(store.events()).singleElement().satisfies(e -> {
      assertThat(e.getKey()).isSameAs(run);
      assertThat(e.getValue()).isEqualTo(event);
    });
  }

  @Test
  void aRelatedTypeWakesTheRunItNamesInTheObjectsNamespace() {
    RelatedType<ConfigMap> related = new RelatedType<>(ConfigMap.class,
        c -> Optional.ofNullable(c.getData()).map(d -> d.get("run")));
    ConfigMap naming = new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("ns").endMetadata()
        .withData(Map.of("run", "deploy")).build();
    ConfigMap blank = new ConfigMapBuilder().withNewMetadata().withName("y").withNamespace("ns").endMetadata()
        .withData(Map.of("run", " ")).build();
    ConfigMap none = new ConfigMapBuilder().withNewMetadata().withName("z").withNamespace("ns").endMetadata().build();
    assertThat(related.runsOf(naming)).containsExactly(new ResourceID("deploy", "ns"));
    assertThat(related.runsOf(blank)).isEmpty();
    assertThat(related.runsOf(none)).isEmpty();
  }

  @Test
  void aStoreWithoutStatusWritesSaysSo() {
    ChildStore bare = new ChildStore() {
      public <T extends io.fabric8.kubernetes.api.model.HasMetadata> T createOrAdopt(T child,
          io.fabric8.kubernetes.api.model.HasMetadata owner) {
        return child;
      }

      public <T extends io.fabric8.kubernetes.api.model.HasMetadata> java.util.List<T> cached(Class<T> type) {
        return java.util.List.of();
      }

      public <T extends io.fabric8.kubernetes.api.model.HasMetadata> java.util.List<T> list(Class<T> type,
          String namespace, String label, String value) {
        return java.util.List.of();
      }

      public void cancel(io.fabric8.kubernetes.api.model.HasMetadata child, String message) {
      }

      public void delete(io.fabric8.kubernetes.api.model.HasMetadata child) {
      }
    };
    assertThatThrownBy(() -> bare.updateStatus(new ConfigMap())).isInstanceOf(UnsupportedOperationException.class);
  }
}
