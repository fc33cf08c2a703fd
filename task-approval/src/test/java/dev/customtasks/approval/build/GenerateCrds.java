package dev.customtasks.approval.build;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step: the module's CRDs from its annotated kinds, by fabric8's CRD generator (as its Maven
 * plugin would write them), with each kind's printer columns in the order the class declares its
 * {@link AdditionalPrinterColumn}s. The generator sorts them by JSON path, which would show
 * {@code ApprovalRequest} as Age, Approvals, State; {@code kubectl get} shows them in the CRD's
 * order (fabric8io/kubernetes-client#7454 asks for such an order upstream).
 *
 * <p>Arguments: the output directory, then the kinds' class names. Writes
 * {@code PLURAL.GROUP-v1.yml} files.
 */
public final class GenerateCrds {

  private GenerateCrds() {
  }

  public static void main(String[] args) throws ClassNotFoundException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: GenerateCrds OUTPUT_DIR KIND_CLASS...");
    }
    Map<String, List<String>> columnOrder = new LinkedHashMap<>();
    List<Class<? extends HasMetadata>> kinds = new ArrayList<>();
    for (String name : Arrays.asList(args).subList(1, args.length)) {
      Class<? extends HasMetadata> kind = Class.forName(name).asSubclass(HasMetadata.class);
      kinds.add(kind);
      columnOrder.put(CustomResource.getCRDName(kind), Arrays.stream(
          kind.getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::jsonPath).toList());
    }
    File output = new File(args[0]);
    output.mkdirs();
    int written = new CRDGenerator().inOutputDir(output).forCRDVersions("v1")
        .withPostProcessor(inDeclaredOrder(columnOrder)).customResourceClasses(kinds).generate();
    if (written != kinds.size()) {
      throw new IllegalStateException("wrote " + written + " CRDs for " + kinds.size() + " kinds");
    }
  }

  /** Orders each CRD's printer columns as {@code columnOrder} lists their JSON paths for its name. */
  static CRDPostProcessor inDeclaredOrder(Map<String, List<String>> columnOrder) {
    return new CRDPostProcessor() {
      @Override
      public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        List<String> order = columnOrder.get(crd.getMetadata().getName());
        if (order != null && crd instanceof CustomResourceDefinition definition) {
          for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            if (columns != null) {
              List<CustomResourceColumnDefinition> sorted = new ArrayList<>(columns);
              sorted.sort(Comparator.comparingInt(c -> order.indexOf(c.getJsonPath())));
              version.setAdditionalPrinterColumns(sorted);
            }
          }
        }
        return crd;
      }
    };
  }
}
