package dev.customtasks.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints objects the way {@code kubectl get -o yaml|json} does: YAML without quotes where none are
 * needed and without a document marker, JSON indented by four; several objects as a {@code v1 List}.
 */
public final class ObjectPrinter {

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .stringQuotingChecker(new QuoteTimestamps())
      .build());

  /**
   * Quotes what a YAML 1.1 reader would not read back as a string: besides what Jackson quotes
   * (true, null, numbers, ...), dates and timestamps, as kubectl quotes creationTimestamp.
   */
  private static final class QuoteTimestamps extends StringQuotingChecker.Default {
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("^\\d{4}-\\d{1,2}-\\d{1,2}.*");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || DATE.matcher(value).matches();
    }
  }

  private static final DefaultPrettyPrinter JSON_STYLE = new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("    ", "\n"))
      .withArrayIndenter(new DefaultIndenter("    ", "\n"));

  private ObjectPrinter() {
  }

  public static void print(OutputFormat format, HasMetadata object, PrintWriter out) {
    print(format, tree(object), out);
  }

  /** Several objects as one {@code v1 List}, as kubectl prints a list. */
  public static void printList(OutputFormat format, List<? extends HasMetadata> objects, PrintWriter out) {
    ObjectNode list = Serialization.jsonMapper().createObjectNode().put("apiVersion", "v1").put("kind", "List");
    objects.forEach(o -> list.withArray("items").add(tree(o)));
    list.putObject("metadata").put("resourceVersion", "");
    print(format, list, out);
  }

  private static JsonNode tree(HasMetadata object) {
    // fabric8's own mapper knows the model's serializers; only the layout is ours.
    return Serialization.jsonMapper().valueToTree(object);
  }

  /** A tree of JSON (a report that is no object of the API) in the same layout. */
  public static void print(OutputFormat format, JsonNode tree, PrintWriter out) {
    try {
      String text = format == OutputFormat.YAML ? YAML.writeValueAsString(tree)
          : Serialization.jsonMapper().writer(JSON_STYLE).writeValueAsString(tree) + "\n";
      out.print(text);
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot print the object as " + format, e);
    }
  }
}
