package dev.customtasks.embedded;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fabric8's CRUD mock, one instance per resource type ({@code group/plural}): the mock finds an
 * object by matching every object it stores, so a request about a CustomRun used to scan every
 * Event, ConfigMap and PipelineRun too. Split by type, a request scans only its own type, and a
 * write to one type no longer waits for the lock of another. Watches, lists and writes of one type
 * all reach the same instance, so they behave as before.
 *
 * <p>Every instance must know every CRD (whether a plural is namespaced, has a status
 * subresource, ...), which the mock learns from the CRD writes it serves: each CRD write is
 * served by the {@code customresourcedefinitions} instance, whose answer counts, and replayed to
 * every other instance, and to each new one when it is made. Requests that are not about a
 * resource go to one instance of their own. Within a type, a request that names its object finds
 * it through an index by name ({@link NameIndexedCrudDispatcher}) instead of a scan.
 */
final class StoreShards extends Dispatcher implements Resetable, CustomResourceAware {

  private static final String CRDS = "apiextensions.k8s.io/customresourcedefinitions";
  private static final String NOT_A_RESOURCE = "";

  private final Map<String, KubernetesCrudDispatcher> shards = new ConcurrentHashMap<>();
  /** Guarded by {@code this}: CRD writes, in order, and contexts registered in code. */
  private final List<RecordedRequest> crdWrites = new ArrayList<>();
  private final List<CustomResourceDefinitionContext> expected = new ArrayList<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String key = key(request.getPath());
    if (key.equals(CRDS) && request.method() != HttpMethod.GET) {
      return writeCrd(request);
    }
    return shard(key).dispatch(request);
  }

  private synchronized MockResponse writeCrd(RecordedRequest request) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    MockResponse answer = shard(CRDS).dispatch(copy(request, body));
    if (answer.code() < 300) {
      RecordedRequest write = copy(request, body);
      crdWrites.add(write);
      shards.forEach((key, shard) -> {
        if (!key.equals(CRDS)) {
          shard.dispatch(copy(write, body));
        }
      });
    }
    return answer;
  }

  private KubernetesCrudDispatcher shard(String key) {
    KubernetesCrudDispatcher shard = shards.get(key);
    return shard != null ? shard : newShard(key);
  }

  private synchronized KubernetesCrudDispatcher newShard(String key) {
    return shards.computeIfAbsent(key, k -> {
      KubernetesCrudDispatcher shard = new NameIndexedCrudDispatcher(List.copyOf(expected), SelectableFields.stored(k));
      if (!k.equals(CRDS)) {
        crdWrites.forEach(write -> shard.dispatch(copy(write, write.getBody().getBytes())));
      }
      return shard;
    });
  }

  static String key(String path) {
    ResourcePath resource = ResourcePath.parse(path);
    return resource.isResource() ? resource.group() + "/" + resource.plural() : NOT_A_RESOURCE;
  }

  /** A request the mock may read again: it consumes bodies as it reads them. */
  private static RecordedRequest copy(RecordedRequest request, byte[] body) {
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
        new Buffer(body.clone()));
  }

  @Override
  public synchronized void reset() {
    shards.values().forEach(KubernetesCrudDispatcher::reset);
    shards.clear();
    crdWrites.clear();
  }

  @Override
  public synchronized void expectCustomResource(CustomResourceDefinitionContext context) {
    expected.add(context);
    shards.values().forEach(shard -> shard.expectCustomResource(context));
  }

  @Override
  public void shutdown() {
    shards.values().forEach(Dispatcher::shutdown);
  }
}
