package dev.customtasks.cli.locks;

import dev.customtasks.cli.cluster.ClusterOptions;
import dev.customtasks.cli.cluster.Connection;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.cli.output.Durations;
import dev.customtasks.cli.output.ObjectPrinter;
import dev.customtasks.cli.output.OutputFormat;
import dev.customtasks.cli.output.Table;
import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.KeyEntry;
import dev.customtasks.crds.api.Timestamps;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ctk locks}: every Lock key with its limit, who holds it and since when, and who waits,
 * in line order with how long each has waited. One row per holder or waiting run; a key nobody
 * holds shows one row with its limit.
 */
@Command(name = "locks", mixinStandardHelpOptions = true,
    description = "List Lock keys: limit, holders, and the line with positions and waiting times.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  ctk locks                  # keys here, and cluster keys with runs here",
        "  ctk locks -A               # in every namespace",
        "  ctk locks -o yaml          # the ConcurrencyKey objects"})
public final class LocksCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Option(names = {"-A", "--all-namespaces"}, description = "List keys in every namespace.")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      description = "yaml or json: the ConcurrencyKey objects instead of a table.")
  OutputFormat output;

  Environment environment = Environment.system();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connection connection = cluster.connect(environment, err)) {
      String namespace = allNamespaces ? null : connection.namespace();
      var keys = connection.client().resources(ConcurrencyKey.class);
      List<ConcurrencyKey> found = new ArrayList<>(namespace == null ? keys.inAnyNamespace().list().getItems()
          : keys.inNamespace(namespace).list().getItems());
      found.sort(Comparator.comparing((ConcurrencyKey k) -> k.getMetadata().getNamespace())
          .thenComparing(LocksCommand::key));
      if (namespace != null) {
        // A cluster key is kept in the controller's namespace; it is shown where it lines up runs.
        keys.inAnyNamespace().list().getItems().stream()
            .filter(k -> isClusterKey(k) && !namespace.equals(k.getMetadata().getNamespace()))
            .filter(k -> Stream.concat(entries(k, true).stream(), entries(k, false).stream())
                .anyMatch(e -> namespace.equals(e.namespace())))
            .sorted(Comparator.comparing(LocksCommand::key)).forEach(found::add);
      }
      if (output != null) {
        ObjectPrinter.printList(output, found, out);
      } else if (found.isEmpty()) {
        err.println("No Lock keys found" + (namespace == null ? "." : " in namespace " + namespace + "."));
        err.flush();
      } else {
        table(found, Instant.now()).print(out);
      }
    }
    return 0;
  }

  private Table table(List<ConcurrencyKey> keys, Instant now) {
    List<String> headers = new ArrayList<>(List.of("KEY", "LIMIT", "POSITION", "PIPELINERUN", "LOCK", "FOR"));
    if (allNamespaces) {
      headers.add(0, "NAMESPACE");
    }
    Table table = Table.withColumns(headers.toArray(String[]::new));
    for (ConcurrencyKey key : keys) {
      String limit = String.valueOf(Optional.ofNullable(key.getSpec()).map(s -> s.limit()).orElse(1));
      List<KeyEntry> holders = entries(key, true);
      List<KeyEntry> queue = entries(key, false);
      List<List<String>> rows = new ArrayList<>();
      holders.forEach(h -> rows.add(row(key, limit, "holds", h, now)));
      for (int i = 0; i < queue.size(); i++) {
        rows.add(row(key, limit, (i + 1) + " of " + queue.size(), queue.get(i), now));
      }
      if (rows.isEmpty()) {
        rows.add(new ArrayList<>(List.of(key(key), limit, "free", "", "", "")));
      }
      for (List<String> row : rows) {
        if (allNamespaces) {
          row.add(0, key.getMetadata().getNamespace());
        }
        table.row(row);
      }
    }
    return table;
  }

  private static List<String> row(ConcurrencyKey key, String limit, String position, KeyEntry entry, Instant now) {
    String since = Timestamps.tryParse(entry.since()).map(s -> Durations.age(Duration.between(s, now))).orElse("");
    // A cluster key lines up runs of several namespaces: each run is named with its own.
    String prefix = isClusterKey(key) && entry.namespace() != null ? entry.namespace() + "/" : "";
    return new ArrayList<>(List.of(key(key), limit, position,
        Optional.ofNullable(entry.pipelineRun()).map(r -> prefix + r).orElse("-"), prefix + entry.name(), since));
  }

  private static String key(ConcurrencyKey key) {
    String name = Optional.ofNullable(key.getSpec()).map(s -> s.key()).orElse(key.getMetadata().getName());
    return isClusterKey(key) ? name + " (cluster)" : name;
  }

  private static boolean isClusterKey(ConcurrencyKey key) {
    return key.getSpec() != null && "cluster".equals(key.getSpec().scope());
  }

  private static List<KeyEntry> entries(ConcurrencyKey key, boolean holders) {
    if (key.getStatus() == null) {
      return List.of();
    }
    return Optional.ofNullable(holders ? key.getStatus().holders() : key.getStatus().queue()).orElse(List.of());
  }
}
