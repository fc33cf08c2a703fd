package dev.customtasks.embedded;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A list of a built-in kind named as kube-apiserver names it: {@code v1 EventList},
 * {@code coordination.k8s.io/v1 LeaseList}. The mock calls every list {@code v1 List}, which
 * kubectl's typed clients do not read as the list they asked for: {@code kubectl describe} lists
 * an object's Events with one and, failing, printed {@code Events: <none>}. Lists of custom kinds
 * are left as they are: kubectl reads those without a type.
 */
final class ListKinds {

  /** How the mock's lists begin ({@code KubernetesResponseComposer}). */
  private static final String MOCK_LIST = "{\"apiVersion\":\"v1\",\"kind\":\"List\",";
  /** {@code group/plural} to the beginning of its list. */
  private static final Map<String, String> LISTS = new HashMap<>();

  static {
    Stream.concat(Stream.of(BuiltInApis.CORE_V1), BuiltInApis.GROUPS.stream()).forEach(gv -> {
      for (APIResource resource : gv.resources()) {
        if (!resource.getName().contains("/")) {
          LISTS.put(gv.group() + "/" + resource.getName(), "{\"apiVersion\":\"" + gv.groupVersion()
              + "\",\"kind\":\"" + resource.getKind() + "List\",");
        }
      }
    });
  }

  private ListKinds() {
  }

  /** {@code response} to a GET of {@code path}, its list renamed when it is the mock's list of a built-in kind. */
  static MockResponse named(String path, MockResponse response) {
    ResourcePath resource = ResourcePath.parse(path);
    if (response.code() != HttpURLConnection.HTTP_OK || !resource.isResource() || resource.named()) {
      return response;
    }
    String list = LISTS.get(resource.group() + "/" + resource.plural());
    String body = Responses.body(response);
    if (list == null || !body.startsWith(MOCK_LIST)) {
      return response;
    }
    return response.setBody(list + body.substring(MOCK_LIST.length()));
  }
}
