package dev.customtasks.crds.testkit;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text scrape ({@code /metrics}), enough for assertions. */
public final class PrometheusText {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");

  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /**
   * The sum of the samples named {@code name} that carry every one of {@code labels} (each as
   * {@code key="value"}); 0 when there are none.
   */
  public double sum(String name, String... labels) {
    return text.lines().map(SAMPLE::matcher).filter(Matcher::matches)
        .filter(m -> m.group(1).equals(name))
        .filter(m -> Arrays.stream(labels).allMatch(l -> m.group(3) != null && m.group(3).contains(l)))
        .mapToDouble(m -> Double.parseDouble(m.group(4))).sum();
  }

  @Override
  public String toString() {
    return text;
  }
}
