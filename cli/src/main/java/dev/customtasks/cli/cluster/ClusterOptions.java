package dev.customtasks.cli.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code -n/--namespace}, as kubectl has them, for commands that read runs. */
public final class ClusterOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      // One element a line, each short enough for the narrowest description column at 80
      // columns: picocli would otherwise wrap inside the paths (at "~/." or a '/').
      description = {"Kubeconfig to use; default: $KUBECONFIG, else",
          "~/.kube/config, else the in-cluster service",
          "account, else the one 'ctk serve --embedded'",
          "wrote: ~/.ctk/embedded-kubeconfig."})
  Path kubeconfig;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "Namespace (default: the kubeconfig context's, else 'default').")
  String namespace;

  /** The file given with --kubeconfig, if any. */
  public Optional<Path> kubeconfig() {
    return Optional.ofNullable(kubeconfig);
  }

  /** The namespace given with -n, if any. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Connects, saying on {@code err} when it fell back on an embedded server's kubeconfig. */
  public Connection connect(Environment environment, PrintWriter err) {
    ClusterSource source = new ClusterLocator(environment).configuredOrEmbedded(Optional.ofNullable(kubeconfig));
    if (source.embedded()) {
      err.println("No cluster configured: using " + source.description() + ".");
      err.flush();
    }
    // A person waits for the answer: fail within seconds, not after fabric8's ten retries.
    Config config = new ConfigBuilder(source.load()).withRequestRetryBackoffLimit(1).withConnectionTimeout(5_000)
        .build();
    String chosen = namespace != null ? namespace : Optional.ofNullable(config.getNamespace()).orElse("default");
    return new Connection(new KubernetesClientBuilder().withConfig(config).build(), chosen, source);
  }
}
