package dev.customtasks.cli.cluster;

import dev.customtasks.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the cluster to talk to was found, said in words for messages, and how to load its config.
 *
 * @param description e.g. "--kubeconfig /tmp/k", "~/.kube/config", "the in-cluster service account"
 * @param file the kubeconfig to read, or empty to let fabric8 configure itself from
 *     {@code $KUBECONFIG}, {@code ~/.kube/config} or the service account, as kubectl would
 * @param embedded whether this is a ctk embedded server's kubeconfig, found because nothing else was
 */
public record ClusterSource(String description, Optional<Path> file, boolean embedded) {

  /** @throws CliException in one line naming the file, the line and the problem, for a kubeconfig that is no YAML */
  public Config load() {
    file.ifPresent(ClusterSource::checkYaml);
    return file.map(f -> Config.fromKubeconfig(f.toFile())).orElseGet(() -> Config.autoConfigure(null));
  }

  /** fabric8 would say what is wrong in a multi-line parser dump without the file's name. */
  static void checkYaml(Path kubeconfig) {
    String text;
    try {
      text = Files.readString(kubeconfig);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CliException("the kubeconfig " + kubeconfig + " is not UTF-8 YAML (a binary file?)");
    } catch (IOException e) {
      throw new CliException("the kubeconfig " + kubeconfig + " cannot be read: " + e.getMessage());
    }
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
      throw new CliException("the kubeconfig " + kubeconfig + where + " is not YAML: "
          + (e.getProblem() != null ? e.getProblem() : e.getContext()));
    } catch (RuntimeException e) {
      throw new CliException("the kubeconfig " + kubeconfig + " is not YAML: " + e.getMessage().lines().findFirst()
          .orElse(""));
    }
    if (loaded != null && !(loaded instanceof java.util.Map<?, ?>)) {
      throw new CliException("the kubeconfig " + kubeconfig + " is not a kubeconfig: a YAML mapping with clusters, "
          + "users and contexts was expected");
    }
  }
}
