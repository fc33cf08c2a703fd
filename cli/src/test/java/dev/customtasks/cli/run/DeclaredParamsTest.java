package dev.customtasks.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeclaredParamsTest {

  private static GenericKubernetesResource object(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static final GenericKubernetesResource EMBEDDED = object("""
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: fan-in}
      spec:
        pipelineSpec:
          params: [{name: cool-down, default: 10s}, {name: target}]
          tasks: [{name: t, taskSpec: {steps: [{name: s, image: alpine}]}}]
      """);

  private static final GenericKubernetesResource BY_NAME = object("""
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: release-run}
      spec:
        pipelineRef: {name: release}
      """);

  private static final GenericKubernetesResource RELEASE = object("""
      apiVersion: tekton.dev/v1
      kind: Pipeline
      metadata: {name: release}
      spec:
        tasks: [{name: t, taskSpec: {steps: [{name: s, image: alpine}]}}]
      """);

  @Test
  void aParamTheEmbeddedPipelineDoesNotDeclareIsNamedWithTheDeclaredOnes() {
    assertThat(DeclaredParams.undeclared(EMBEDDED, List.of("cool-down", "cooldown"), n -> Optional.empty()))
        .contains("param \"cooldown\" is not declared by the pipeline of PipelineRun \"fan-in\"; it declares: "
            + "cool-down, target");
    assertThat(DeclaredParams.undeclared(EMBEDDED, List.of("cool-down", "target"), n -> Optional.empty())).isEmpty();
  }

  @Test
  void aReferencedPipelineIsReadAndOneDeclaringNothingSaysNone() {
    assertThat(DeclaredParams.undeclared(BY_NAME, List.of("x"),
        n -> n.equals("release") ? Optional.of(RELEASE) : Optional.empty()))
        .contains("param \"x\" is not declared by the pipeline of PipelineRun \"release-run\"; it declares: none");
  }

  @Test
  void aPipelineThatCannotBeReadBeforeTheRunIsNotJudged() {
    GenericKubernetesResource resolved = object("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: remote}
        spec:
          pipelineRef: {resolver: git, params: [{name: url, value: https://example.invalid/p.git}]}
        """);
    assertThat(DeclaredParams.undeclared(resolved, List.of("x"), n -> Optional.of(RELEASE))).isEmpty();
    assertThat(DeclaredParams.undeclared(BY_NAME, List.of("x"), n -> Optional.empty())).isEmpty();
  }
}
