package dev.customtasks.loop.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code custom.tekton.dev/v1alpha1 TaskLoop}, tektoncd/experimental's loop kind ({@code task-loops}),
 * answered so that Pipelines written for it run unchanged. Its fields ({@code taskRef}/{@code taskSpec},
 * {@code iterateParam}, {@code timeout}, {@code retries}, {@code concurrency}) are {@link LoopSpec}'s.
 */
@Group("custom.tekton.dev")
@Version("v1alpha1")
@Kind("TaskLoop")
@Plural("taskloops")
@Singular("taskloop")
public class TaskLoop extends CustomResource<LoopSpec, Void> implements Namespaced {

  public static final String API_VERSION = "custom.tekton.dev/v1alpha1";
}
