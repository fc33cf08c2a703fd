package dev.customtasks.pipelinerun.reconciler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The affinity-assistant annotation Tekton puts on a pipeline task's TaskRun or CustomRun when
 * one of its workspaces is bound to a PersistentVolumeClaim or a volumeClaimTemplate, with
 * Tekton's default {@code coschedule: workspaces} (one assistant per workspace and run): see
 * {@code getAffinityAssistantAnnotationVal} and {@code GetAffinityAssistantName} in
 * {@code pkg/reconciler/pipelinerun/affinity_assistant.go}. Nothing here creates the assistant
 * itself (a StatefulSet); the annotation tells a custom task which one its Pods should join.
 */
final class AffinityAssistant {

  /** Tekton's {@code workspace.AnnotationAffinityAssistantName}. */
  static final String ANNOTATION = "pipeline.tekton.dev/affinity-assistant";

  private AffinityAssistant() {
  }

  /**
   * {@code affinity-assistant-} and the first 10 hex digits of the SHA-256 of the pipeline
   * workspace's name followed by the run's name.
   */
  static String name(String pipelineWorkspace, String pipelineRun) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((pipelineWorkspace + pipelineRun).getBytes(StandardCharsets.UTF_8));
      return "affinity-assistant-" + HexFormat.of().formatHex(hash).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
