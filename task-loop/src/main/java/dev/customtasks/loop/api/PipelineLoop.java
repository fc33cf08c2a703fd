package dev.customtasks.loop.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code custom.tekton.dev/v1alpha1 PipelineLoop}, Kubeflow Pipelines on Tekton's loop over a whole
 * pipeline ({@code kubeflow/kfp-tekton}, {@code tekton-catalog/pipeline-loops}), answered so that its
 * Pipelines run unchanged. Its fields ({@code pipelineRef}/{@code pipelineSpec}, {@code iterateParam},
 * {@code iterateNumeric}, {@code iterationNumberParam}, {@code iterateParamStringSeparator},
 * {@code parallelism}) are {@link LoopSpec}'s.
 */
@Group("custom.tekton.dev")
@Version("v1alpha1")
@Kind("PipelineLoop")
@Plural("pipelineloops")
@Singular("pipelineloop")
public class PipelineLoop extends CustomResource<LoopSpec, Void> implements Namespaced {

  public static final String API_VERSION = "custom.tekton.dev/v1alpha1";
}
