package dev.customtasks.cli.run;

import dev.customtasks.cli.CliException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies the objects of a run file, as {@code kubectl apply} would, for the kinds whose CRDs the
 * target has: a kind it does not know is one clear line, not a stack trace.
 */
final class Applier {

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, ResourceDefinitionContext> kinds = new LinkedHashMap<>();

  Applier(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      for (var version : crd.getSpec().getVersions()) {
        if (Boolean.TRUE.equals(version.getServed())) {
          kinds.put(crd.getSpec().getGroup() + "/" + version.getName() + " " + crd.getSpec().getNames().getKind(),
              new ResourceDefinitionContext.Builder().withGroup(crd.getSpec().getGroup())
                  .withVersion(version.getName()).withKind(crd.getSpec().getNames().getKind())
                  .withPlural(crd.getSpec().getNames().getPlural())
                  .withNamespaced("Namespaced".equals(crd.getSpec().getScope())).build());
        }
      }
    }
  }

  /** Checks every object's kind before anything is applied, so a bad file changes nothing. */
  void checkKinds(RunFile file) {
    for (GenericKubernetesResource object : file.objects()) {
      if (!kinds.containsKey(key(object))) {
        TreeSet<String> known = new TreeSet<>(kinds.keySet());
        throw new CliException(file.path() + ": " + object.getKind() + " \"" + name(object) + "\" has kind "
            + object.getApiVersion() + " " + object.getKind() + ", which this API server does not know; known: "
            + String.join(", ", known));
      }
    }
  }

  /** Creates or updates {@code object}; a PipelineRun is only ever created, never overwritten. */
  GenericKubernetesResource apply(GenericKubernetesResource object) {
    object.getMetadata().setNamespace(namespace);
    var resource = client.genericKubernetesResources(kinds.get(key(object))).inNamespace(namespace);
    try {
      if (object.getKind().equals("PipelineRun")) {
        return resource.resource(object).create();
      }
      return resource.resource(object).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 && object.getKind().equals("PipelineRun")) {
        throw new CliException("PipelineRun \"" + name(object) + "\" already exists in namespace " + namespace
            + ": delete it, rename it, or give the file metadata.generateName instead of a name");
      }
      throw e;
    }
  }

  private static String key(GenericKubernetesResource object) {
    return object.getApiVersion() + " " + object.getKind();
  }

  private static String name(GenericKubernetesResource object) {
    return object.getMetadata().getName() != null ? object.getMetadata().getName()
        : object.getMetadata().getGenerateName();
  }
}
