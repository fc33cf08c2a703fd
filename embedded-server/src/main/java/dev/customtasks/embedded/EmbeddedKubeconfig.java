package dev.customtasks.embedded;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig with one cluster, user and context named {@value #NAME}, pointing at an embedded
 * server. The server checks no credentials, so the user's token is a placeholder; over HTTPS the
 * server's certificate is self-signed, so TLS verification is skipped.
 */
final class EmbeddedKubeconfig {

  static final String NAME = "ctk-embedded";
  static final String IGNORED_TOKEN = "embedded-server-checks-no-credentials";

  private EmbeddedKubeconfig() {
  }

  static String render(String serverUrl, boolean https, String namespace) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", serverUrl);
    if (https) {
      cluster.put("insecure-skip-tls-verify", true);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", NAME);
    context.put("user", NAME);
    context.put("namespace", namespace);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(named("cluster", cluster)));
    // The server checks no credentials, but with none kubectl asks for a password over HTTPS.
    config.put("users", List.of(named("user", Map.of("token", IGNORED_TOKEN))));
    config.put("contexts", List.of(named("context", context)));
    config.put("current-context", NAME);
    return Serialization.asYaml(config);
  }

  private static Map<String, Object> named(String field, Map<String, Object> value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", NAME);
    entry.put(field, value);
    return entry;
  }

  /**
   * Why a file could not be written, in words: the exceptions of {@code java.nio.file} carry only the
   * path as their message.
   */
  static String cause(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException denied) {
      return "permission denied (" + denied.getFile() + ")";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a folder";
    }
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      return "no such file or folder: " + missing.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + fs.getFile() + ")";
    }
    return String.valueOf(e.getMessage());
  }

  /** Writes the file (and its parent folders), readable by its owner only where the file system allows. */
  static Path write(Path file, String content) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Files.writeString(absolute, content, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the file keeps the folder's permissions.
    }
    return absolute;
  }
}
