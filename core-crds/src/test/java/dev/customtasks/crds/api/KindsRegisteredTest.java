package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tekton's kinds decode straight into their classes wherever fabric8 reads an object of unknown
 * type, a watch event above all: without it every informer read each event twice (as a generic
 * object, then converted).
 */
class KindsRegisteredTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void everyTektonKindIsRegisteredUnderItsApiVersion() {
    for (Class<? extends HasMetadata> type : List.of(CustomRun.class, PipelineRun.class, TaskRun.class,
        Pipeline.class, Task.class)) {
      assertThat(serialization.getRegisteredKubernetesResource(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)))
          .as("%s", type.getSimpleName()).isEqualTo(type);
    }
  }

  @Test
  void aWatchEventOfACustomRunDecodesToACustomRun() {
    WatchEvent event = serialization.unmarshal("""
        {"type": "ADDED", "object": {"apiVersion": "tekton.dev/v1beta1", "kind": "CustomRun",
         "metadata": {"name": "r", "namespace": "test"}, "spec": {"customRef": {"apiVersion": "x/v1", "kind": "Y"}}}}
        """, WatchEvent.class);

    assertThat(event.getObject()).isInstanceOf(CustomRun.class);
  }
}
