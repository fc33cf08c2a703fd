package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.customtasks.crds.api.LenientResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Tekton's {@code tekton.dev/v1 Task}: an ordinary task's definition, named by a pipeline task's
 * or a TaskRun's {@code taskRef}. It has no status.
 */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@Kind(Task.KIND)
@Plural("tasks")
@Singular("task")
@JsonDeserialize(using = Task.Reader.class)
public class Task extends LenientResource<TaskSpec, Void> implements Namespaced {

  public static final String KIND = "Task";

  /** Reads {@link Task}s leniently: see {@link LenientResource}. */
  public static final class Reader extends LenientResource.Deserializer<Task, TaskSpec, Void> {
    public Reader() {
      super(Task.class, Task::new, TaskSpec.class, Void.class);
    }
  }
}
