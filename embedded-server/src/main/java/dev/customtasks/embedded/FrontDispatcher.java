package dev.customtasks.embedded;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sits in front of the mock's CRUD dispatcher and answers what a real API server answers and the
 * mock does not, so that kubectl and leader election work against the embedded server:
 * discovery, {@code /version} and a 404 for OpenAPI ({@link Discovery}), tables for
 * {@code kubectl get} ({@link Tables}), access reviews ({@link AccessReviews}), JSON merge patch as
 * RFC 7386 has it ({@link Patches}), bodies and names checked as kube-apiserver checks them
 * ({@link RequestChecks}), the installed CRDs' schema enums ({@link SchemaEnums}), validating
 * admission handlers ({@link Admission}), field selectors kube-apiserver would refuse
 * ({@link FieldSelectorChecks}), built-in kinds' lists named as kubectl's typed clients expect
 * ({@link ListKinds}), Tekton's
 * v1beta1 kinds served from their stored v1 form ({@link VersionConversion}), Kubernetes' generated
 * names and {@code AlreadyExists} ({@link Creates}), and errors that say what went wrong
 * ({@link NotFound}, and for watches over HTTP and protobuf bodies, which the mock cannot serve).
 * Everything else goes to the mock unchanged.
 *
 * <p>Writes pass one at a time: a merge patch reads the object and then writes it, and no other
 * write may come between. The mock takes one lock for every write anyway, so this costs nothing.
 */
final class FrontDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

  private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final MockStore store;
  private final Discovery discovery;
  private final Patches patches;
  private final Tables tables;
  private final Admission admission;
  private final ReentrantLock writes = new ReentrantLock();
  private final RequestTally requests = new RequestTally();
  private final VersionConversion versions;
  private final Creates creates;
  private final SchemaEnums schemaEnums;
  private final FieldSelectorChecks fieldSelectors;

  FrontDispatcher(Dispatcher mock) {
    this.store = new MockStore(mock);
    this.admission = new Admission(store);
    this.discovery = new Discovery(store);
    this.patches = new Patches(store);
    this.tables = new Tables(store, discovery::storedCrds, Clock.systemUTC());
    this.versions = new VersionConversion(store, writes);
    this.creates = new Creates(store);
    this.schemaEnums = new SchemaEnums(discovery::storedCrds);
    this.fieldSelectors = new FieldSelectorChecks(discovery::storedCrds);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.record(request);
    MockResponse response = answer(request);
    requests.answered(request, response.code());
    return response;
  }

  /** {@link #dispatch} without counting: a converted request is the same request, counted once. */
  private MockResponse answer(RecordedRequest request) {
    if (VersionConversion.serves(request)) {
      return versions.answer(request, this::answer);
    }
    try {
      if (request.method() == HttpMethod.GET) {
        return answerRead(request);
      }
      // Reviewed before the write lock: a handler's reads must not wait behind other writes.
      Optional<MockResponse> refused = RequestChecks.refusal(request, store)
          .or(() -> schemaEnums.refusal(request, store)).or(() -> admission.check(request))
          .or(() -> request.method() == HttpMethod.DELETE ? fieldSelectors.refusal(request.getPath())
              : Optional.empty());
      if (refused.isPresent()) {
        return refused.get();
      }
      writes.lock();
      try {
        return answerWrite(statusWithoutQuery(request));
      } finally {
        writes.unlock();
      }
    } catch (RuntimeException e) {
      return Responses.failure(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError",
          "the embedded API server failed on " + request.getMethod() + " " + request.getPath() + ": " + e);
    }
  }

  private MockResponse answerRead(RecordedRequest request) {
    String path = Responses.pathWithoutQuery(request);
    if (isHttpWatch(request)) {
      return Responses.failure(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "the embedded API server serves "
          + "watches over WebSocket only, as fabric8 clients ask for them; kubectl get -w cannot work: poll instead");
    }
    Optional<MockResponse> refused = fieldSelectors.refusal(request.getPath());
    if (refused.isPresent()) {
      return refused.get();
    }
    return discovery.answer(path, request)
        .or(() -> Tables.wantsTable(request) ? tables.answer(path, request) : Optional.empty())
        .orElseGet(() -> Responses.typed(ListKinds.named(path, NotFound.explain(path, store.dispatch(request)))));
  }

  /**
   * The mock recognises a write to {@code .../status} only when the path ends there, so a query
   * ({@code ?fieldManager=kubectl-patch}) would turn a status patch into a silent no-op. Its
   * parameters mean nothing to the mock anyway.
   */
  private static RecordedRequest statusWithoutQuery(RecordedRequest request) {
    String path = Responses.pathWithoutQuery(request);
    if (!path.endsWith("/status") || path.equals(request.getPath())) {
      return request;
    }
    return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
        request.getBody());
  }

  /** kubectl's typed commands (create namespace, create secret, ...) send protobuf, which the mock cannot read. */
  private static boolean isBinaryBody(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && (type.contains("protobuf") || type.contains("cbor"));
  }

  private static boolean isHttpWatch(RecordedRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return RequestTally.isWatch(request.getPath()) && (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket"));
  }

  private MockResponse answerWrite(RecordedRequest written) {
    RecordedRequest request = CrdConditions.established(written, Clock.systemUTC());
    String path = Responses.pathWithoutQuery(request);
    if (isBinaryBody(request)) {
      return Responses.failure(HttpURLConnection.HTTP_UNSUPPORTED_TYPE, "UnsupportedMediaType",
          "the embedded API server reads JSON and YAML only, not " + request.getHeader("Content-Type")
              + ": write the object as YAML and use kubectl apply --validate=false -f");
    }
    Optional<MockResponse> answer = switch (request.method()) {
      case POST -> AccessReviews.isReview(path)
          ? Optional.of(Responses.json(HttpURLConnection.HTTP_CREATED, AccessReviews.answer(path, Responses.body(request))))
          : Optional.empty();
      case PATCH -> patches.answer(path, request);
      default -> Optional.empty();
    };
    MockResponse response = answer.orElseGet(() -> creates.create(request, r -> NotFound.explain(path,
        store.dispatch(r))));
    DefaultServiceAccounts.afterWrite(request, response, store);
    if (path.startsWith(CRDS_PATH)) {
      schemaEnums.crdsChanged();
    }
    return response;
  }

  Admission admission() {
    return admission;
  }

  RequestTally requests() {
    return requests;
  }

  @Override
  public void reset() {
    if (store.dispatcher() instanceof Resetable resetable) {
      resetable.reset();
    }
    schemaEnums.crdsChanged();
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext rdc) {
    if (store.dispatcher() instanceof CustomResourceAware aware) {
      aware.expectCustomResource(rdc);
    }
  }

  @Override
  public void shutdown() {
    store.dispatcher().shutdown();
  }
}
