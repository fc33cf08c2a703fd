package dev.customtasks.subpipeline.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 SubPipeline}: a named way to run a Pipeline as one task of
 * another, with options the plain {@code taskRef: {kind: Pipeline}} form has no place for
 * (workspace mapping, labels and annotations for the child, its {@code taskRunTemplate}). Runs
 * reference it with {@code customRef.name}, or embed the same spec as {@code customSpec}.
 */
@Group("customtasks.dev")
@Version("v1alpha1")
@Kind("SubPipeline")
@Plural("subpipelines")
@Singular("subpipeline")
public class SubPipeline extends CustomResource<SubPipelineSpec, Void> implements Namespaced {

  public static final String API_VERSION = "customtasks.dev/v1alpha1";
  public static final String KIND = "SubPipeline";
}
