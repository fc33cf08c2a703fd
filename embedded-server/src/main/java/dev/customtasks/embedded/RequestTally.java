package dev.customtasks.embedded;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the embedded server answers, by client ({@code User-Agent}), Kubernetes verb
 * and resource, so that a benchmark can say how many API calls a controller makes per run. Verbs
 * are kube-apiserver's audit verbs: {@code get}, {@code list}, {@code watch}, {@code create},
 * {@code update}, {@code patch}, {@code delete}, {@code deletecollection}; the resource is the
 * plural with its subresource ({@code customruns/status}), or the path for anything that is not a
 * resource (discovery, {@code /version}). Counting costs one map lookup per request.
 */
public final class RequestTally {

  /** One counter's identity: who asked ({@code User-Agent}, or {@code "-"}), how, and for what. */
  public record Key(String agent, String verb, String resource) implements Comparable<Key> {

    @Override
    public int compareTo(Key other) {
      int byAgent = agent.compareTo(other.agent);
      if (byAgent != 0) {
        return byAgent;
      }
      int byResource = resource.compareTo(other.resource);
      return byResource != 0 ? byResource : verb.compareTo(other.verb);
    }
  }

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<Key, LongAdder> conflicts = new ConcurrentHashMap<>();

  void record(RecordedRequest request) {
    counts.computeIfAbsent(keyOf(request), k -> new LongAdder()).increment();
  }

  /** Counts {@code request} among the conflicts when it was answered {@code 409 Conflict}. */
  void answered(RecordedRequest request, int code) {
    if (code == java.net.HttpURLConnection.HTTP_CONFLICT) {
      conflicts.computeIfAbsent(keyOf(request), k -> new LongAdder()).increment();
    }
  }

  /** The counts so far, sorted by agent, resource and verb. */
  public Map<Key, Long> snapshot() {
    Map<Key, Long> copy = new TreeMap<>();
    counts.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  /**
   * The requests answered {@code 409 Conflict} so far (a compare-and-set that lost, a create of a
   * name that exists), sorted as {@link #snapshot()}.
   */
  public Map<Key, Long> conflicts() {
    Map<Key, Long> copy = new TreeMap<>();
    conflicts.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  /** Every request counted so far. */
  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Starts counting afresh, e.g. once controllers have started and listed what they watch. */
  public void reset() {
    counts.clear();
    conflicts.clear();
  }

  static Key keyOf(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    String path = Responses.pathWithoutQuery(request);
    ResourcePath resource = ResourcePath.parse(path);
    return new Key(agent == null || agent.isBlank() ? "-" : agent, verb(request, resource),
        resource.pluralWithSubresource());
  }

  private static String verb(RecordedRequest request, ResourcePath resource) {
    HttpMethod method = request.method();
    if (method == null) {
      return String.valueOf(request.getMethod()).toLowerCase(java.util.Locale.ROOT);
    }
    return switch (method) {
      case GET -> isWatch(request.getPath()) ? "watch" : resource.named() ? "get" : "list";
      case POST -> "create";
      case PUT -> "update";
      case PATCH -> "patch";
      case DELETE -> resource.named() ? "delete" : "deletecollection";
      default -> method.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Whether {@code path}'s query asks for a watch ({@code watch=true} or {@code watch=1}). */
  static boolean isWatch(String path) {
    int query = path.indexOf('?');
    if (query < 0) {
      return false;
    }
    for (String param : path.substring(query + 1).split("&")) {
      if (param.equals("watch=true") || param.equals("watch=1")) {
        return true;
      }
    }
    return false;
  }
}
