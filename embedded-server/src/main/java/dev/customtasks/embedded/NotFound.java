package dev.customtasks.embedded;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * The mock answers a missing object with an empty 404; a real server says which object, as a
 * {@code Status} with reason {@code NotFound}, and kubectl prints that:
 * {@code customruns.tekton.dev "x" not found}.
 */
final class NotFound {

  private NotFound() {
  }

  /** {@code response} with a Status body when it is an empty 404 for one named object. */
  static MockResponse explain(String path, MockResponse response) {
    if (response.code() != HttpURLConnection.HTTP_NOT_FOUND || !Responses.body(response).isEmpty()) {
      return response;
    }
    return objectOf(path).map(o -> Responses.json(HttpURLConnection.HTTP_NOT_FOUND, Serialization.asJson(
        new StatusBuilder().withStatus("Failure").withCode(HttpURLConnection.HTTP_NOT_FOUND).withReason("NotFound")
            .withMessage(o.resource() + " \"" + o.name() + "\" not found")
            .withDetails(new StatusDetailsBuilder().withName(o.name()).withGroup(o.group()).withKind(o.plural())
                .build()).build()))).orElse(response);
  }

  private record NamedObject(String group, String plural, String name) {

    String resource() {
      return group.isEmpty() ? plural : plural + "." + group;
    }
  }

  /** /api/v1/[namespaces/NS/]PLURAL/NAME[/status] or /apis/GROUP/VERSION/[namespaces/NS/]PLURAL/NAME[/status]. */
  private static Optional<NamedObject> objectOf(String path) {
    String[] s = path.substring(1).split("/");
    int start;
    String group;
    if (s[0].equals("api") && s.length >= 2) {
      start = 2;
      group = "";
    } else if (s[0].equals("apis") && s.length >= 3) {
      start = 3;
      group = s[1];
    } else {
      return Optional.empty();
    }
    if (s.length > start + 2 && s[start].equals("namespaces")) {
      start += 2;
    }
    int rest = s.length - start;
    if (rest == 2 || (rest == 3 && s[start + 2].equals("status"))) {
      return Optional.of(new NamedObject(group, s[start], s[start + 1]));
    }
    return Optional.empty();
  }
}
