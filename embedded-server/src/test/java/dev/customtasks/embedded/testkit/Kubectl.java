package dev.customtasks.embedded.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl against a kubeconfig, with its own discovery cache (so that no test sees
 * another server's discovery) and a time limit. Tests call {@link #assumeInstalled()} first: where
 * kubectl is absent they are skipped with a message saying so.
 */
public final class Kubectl {

  private static final long TIME_LIMIT_SECONDS = 60;

  private final Path executable;
  private final Path kubeconfig;
  private final Path cacheDir;

  private Kubectl(Path executable, Path kubeconfig, Path cacheDir) {
    this.executable = executable;
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** What one kubectl call did. */
  public record Result(int exitCode, String out, String err) {

    public boolean succeeded() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** kubectl on the PATH, if there is one. */
  public static Optional<Path> find() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
  }

  /** Skips the calling test, with a message, where kubectl is not installed. */
  public static Path assumeInstalled() {
    Optional<Path> kubectl = find();
    assumeTrue(kubectl.isPresent(), () -> "kubectl not found on PATH: " + System.getenv("PATH"));
    return kubectl.get();
  }

  /** kubectl for {@code kubeconfig}, keeping its discovery cache under {@code workDir}. */
  public static Kubectl forKubeconfig(Path kubeconfig, Path workDir) {
    return new Kubectl(assumeInstalled(), kubeconfig, workDir.resolve("kubectl-cache"));
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} as its input (e.g. for {@code apply -f -}). */
  public Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", cacheDir.toString(), "--request-timeout=30s"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
            .start();
        try (var input = process.getOutputStream()) {
          if (stdin != null) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl did not finish within " + TIME_LIMIT_SECONDS + "s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
