package dev.customtasks.e2e.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template stays true: the root README's "Write your own custom task" steps ({@code ./new-task
 * NAME KIND}, which copies task-wait) are performed on a copy of this repository, and the new
 * module must build, pass its own tests, and answer its new kind on the embedded server (its
 * renamed {@code *TaskIT}). When the steps drift from the code, this fails.
 */
class NewTaskTemplateIT {

  private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules");

  @Test
  void aCopyOfTheTemplateBuildsAndAnswersItsNewKind(@TempDir Path copy) throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("new-task")).as("the script the README names").isExecutable();
    copyTree(root, copy);

    Result made = run(copy, List.of("./new-task", "hello", "Hello"));
    assertThat(made.exit()).as(made.output()).isZero();
    assertThat(copy.resolve("task-hello/src/main/java/dev/customtasks/hello/HelloTask.java")).exists();
    assertThat(Files.readString(copy.resolve("pom.xml"))).contains("<module>task-hello</module>");
    assertThat(Files.readString(copy.resolve("cli/pom.xml"))).contains("<artifactId>task-hello</artifactId>");
    assertThat(Files.readString(copy.resolve(
        "task-hello/src/main/resources/META-INF/services/dev.customtasks.crds.controller.CustomTaskModule")))
        .isEqualToIgnoringNewLines("dev.customtasks.hello.HelloModule");
    assertThat(Files.readString(copy.resolve(
        "task-hello/src/main/resources/META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource")))
        .isEqualToIgnoringNewLines("dev.customtasks.hello.api.Hello");

    Result built = run(copy, List.of("./mvnw", "-o", "-B", "-q", "-pl", "task-hello", "-am", "verify",
        "-Dtest=Hello*,DeployManifestsTest", "-Dsurefire.failIfNoSpecifiedTests=false"));
    assertThat(built.exit()).as(tail(built.output())).isZero();

    Path reports = copy.resolve("task-hello/target/surefire-reports");
    assertThat(testsIn(reports.resolve("TEST-dev.customtasks.hello.HelloTaskIT.xml")))
        .as("the copy's controller answered its new kind on the embedded server").isPositive();
    assertThat(testsIn(reports.resolve("TEST-dev.customtasks.hello.HelloTaskTest.xml"))).isPositive();
  }

  @Test
  void badNamesAreRefusedWithTheRule(@TempDir Path copy) throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Files.copy(root.resolve("new-task"), copy.resolve("new-task"));
    copy.resolve("new-task").toFile().setExecutable(true);

    Result upper = run(copy, List.of("./new-task", "Hello", "Hello"));
    assertThat(upper.exit()).isEqualTo(2);
    assertThat(upper.output()).contains("NAME \"Hello\": lowercase letters and digits");
    Result lower = run(copy, List.of("./new-task", "hello", "hello"));
    assertThat(lower.exit()).isEqualTo(2);
    assertThat(lower.output()).contains("KIND \"hello\": UpperCamelCase");
    Result missing = run(copy, List.of("./new-task", "hello"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.output()).contains("usage:");
  }

  private record Result(int exit, String output) {
  }

  private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("new-task", ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(12, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 12 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(process.exitValue(), output);
  }

  private static int testsIn(Path report) throws IOException {
    assertThat(report).exists();
    Matcher m = Pattern.compile("<testsuite [^>]*tests=\"(\\d+)\"[^>]*failures=\"(\\d+)\"")
        .matcher(Files.readString(report));
    assertThat(m.find()).as("a surefire report in %s", report).isTrue();
    assertThat(m.group(2)).as("failures in %s", report).isEqualTo("0");
    return Integer.parseInt(m.group(1));
  }

  private static String tail(String output) {
    return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
