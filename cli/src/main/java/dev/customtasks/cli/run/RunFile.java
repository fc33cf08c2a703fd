package dev.customtasks.cli.run;

import dev.customtasks.cli.CliException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of a multi-document YAML file that {@code ctk run} applies, with exactly one
 * PipelineRun among them. Every problem is one line naming the file and the document.
 */
record RunFile(Path path, List<GenericKubernetesResource> objects, GenericKubernetesResource pipelineRun) {

  static RunFile read(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new CliException(path + ": no such file");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CliException(path + ": not UTF-8 YAML (a binary file?): ctk run reads a YAML file of Kubernetes "
          + "objects, in UTF-8");
    } catch (IOException e) {
      throw new CliException(path + ": cannot read: " + e.getMessage());
    }
    List<GenericKubernetesResource> objects = new ArrayList<>();
    int index = 0;
    int searchFrom = 0;
    for (String document : text.split("(?m)^---\\s*$")) {
      index++;
      int offset = text.indexOf(document, searchFrom);
      searchFrom = offset + document.length();
      if (document.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
        continue;
      }
      Object parsed;
      try {
        parsed = Serialization.unmarshal(document, Object.class);
      } catch (RuntimeException e) {
        throw new CliException(path + where(e, lineOf(text, offset)) + ": document " + index + " is not YAML: "
            + problem(e));
      }
      if (!(parsed instanceof java.util.Map<?, ?>)) {
        throw new CliException(path + ": document " + index + " is not a Kubernetes object (a YAML mapping with"
            + " apiVersion, kind and metadata)");
      }
      GenericKubernetesResource object = Serialization.jsonMapper().convertValue(parsed,
          GenericKubernetesResource.class);
      if (blank(object.getApiVersion()) || blank(object.getKind())) {
        throw new CliException(path + ": document " + index + " has no apiVersion or kind");
      }
      if (object.getMetadata() == null || blank(object.getMetadata().getName())
          && blank(object.getMetadata().getGenerateName())) {
        throw new CliException(path + ": document " + index + " (" + object.getKind() + ") has no metadata.name");
      }
      objects.add(object);
    }
    List<GenericKubernetesResource> runs = objects.stream()
        .filter(o -> o.getKind().equals("PipelineRun") && o.getApiVersion().startsWith("tekton.dev/")).toList();
    if (runs.isEmpty()) {
      String found = objects.stream().map(o -> o.getApiVersion() + " " + o.getKind()).distinct()
          .collect(java.util.stream.Collectors.joining(", "));
      throw new CliException(path + ": no PipelineRun in the file (it holds " + (found.isEmpty() ? "nothing" : found)
          + "); ctk run applies the file and follows its tekton.dev PipelineRun");
    }
    if (runs.size() > 1) {
      throw new CliException(path + ": " + runs.size() + " PipelineRuns in the file; ctk run follows one");
    }
    return new RunFile(path, objects, runs.get(0));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The 0-based line of {@code text} at which {@code offset} lies. */
  private static int lineOf(String text, int offset) {
    return (int) text.substring(0, Math.max(0, offset)).chars().filter(c -> c == '\n').count();
  }

  private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)");

  /**
   * {@code ":LINE:COLUMN"} of the parser's problem in the file, when its message says where (the
   * YAML parser prints a context mark, then the problem's mark: the last one counts);
   * {@code documentLine} is the 0-based line of the file at which the document starts.
   */
  private static String where(Throwable e, int documentLine) {
    java.util.regex.Matcher mark = MARK.matcher(rootMessage(e));
    String found = "";
    while (mark.find()) {
      found = ":" + (documentLine + Integer.parseInt(mark.group(1))) + ":" + mark.group(2);
    }
    return found;
  }

  /**
   * The parser's words without its dump of the text: "while parsing a flow mapping; expected ',' or
   * '}', but got <scalar>".
   */
  private static String problem(Throwable e) {
    List<String> words = rootMessage(e).lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !MARK.matcher(l).find())
        .toList();
    return words.isEmpty() ? firstLine(e) : String.join("; ", words);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private static String firstLine(Throwable e) {
    String message = rootMessage(e);
    return message.lines().findFirst().orElse(message);
  }
}
