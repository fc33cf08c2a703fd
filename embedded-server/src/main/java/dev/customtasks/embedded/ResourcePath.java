package dev.customtasks.embedded;

/**
 * A request path read as kube-apiserver routes it: {@code /api/v1/...} (the core group, {@code ""})
 * or {@code /apis/GROUP/VERSION/...}, then optionally {@code namespaces/NS/}, then
 * {@code PLURAL[/NAME[/SUBRESOURCE]]}. A namespace itself ({@code /api/v1/namespaces/NS}) is a
 * named {@code namespaces}. Any other path (discovery, {@code /version}) is not a resource:
 * {@code plural} is then the whole path and {@code group} is {@code null}.
 *
 * @param group the API group, {@code ""} for the core group, {@code null} when not a resource
 * @param plural the resource's plural name ({@code customruns})
 * @param subresource {@code status}, {@code scale}, ..., or {@code ""}
 * @param named whether the path names one object
 */
record ResourcePath(String group, String plural, String subresource, boolean named) {

  /** Reads {@code path}, with or without a query. */
  static ResourcePath parse(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    String[] parts = bare.replaceAll("^/+|/+$", "").split("/");
    int rest;
    String group;
    if (parts.length >= 2 && parts[0].equals("api")) {
      rest = 2;
      group = "";
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      rest = 3;
      group = parts[1];
    } else {
      return new ResourcePath(null, bare, "", false);
    }
    if (parts.length > rest + 2 && parts[rest].equals("namespaces")) {
      rest += 2;
    }
    if (parts.length <= rest) {
      return new ResourcePath(null, bare, "", false);
    }
    return new ResourcePath(group, parts[rest], parts.length > rest + 2 ? parts[rest + 2] : "",
        parts.length > rest + 1);
  }

  boolean isResource() {
    return group != null;
  }

  /** {@code customruns}, or {@code customruns/status} for a subresource. */
  String pluralWithSubresource() {
    return subresource.isEmpty() ? plural : plural + "/" + subresource;
  }
}
