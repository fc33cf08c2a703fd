package dev.customtasks.matrix.plan;

import dev.customtasks.crds.matrix.Combination;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels a combination's child carries, so that {@code kubectl get taskruns -l ...} finds the
 * child of an index or of a param value. Kubernetes accepts a label name part and value of at most
 * 63 characters, alphanumeric at both ends with {@code -_.} inside: a param whose name cannot be a
 * label name gets no label, a value that cannot be a label value is replaced by
 * {@code sha256-} and the first 12 hex digits of its SHA-256 (so a selector can still be computed).
 */
public final class ChildLabels {

  /** The combination's index: {@code "0"}, {@code "1"}, ... */
  public static final String INDEX = "customtasks.dev/matrix-index";
  /**
   * A hash of the whole combination (every param and value): the same combination gets the same
   * value in every run, whatever its index.
   */
  public static final String COMBINATION = "customtasks.dev/matrix-combination";
  /** Prefix of one label per param of the combination: {@code matrix.customtasks.dev/os: linux}. */
  public static final String PARAM_PREFIX = "matrix.customtasks.dev/";

  private static final Pattern LABEL = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final int MAX = 63;

  private ChildLabels() {
  }

  /** The labels of the child of combination {@code index}. */
  public static Map<String, String> of(int index, Combination combination) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(INDEX, Integer.toString(index));
    labels.put(COMBINATION, hash(canonical(combination.params())));
    combination.params().forEach((name, value) -> {
      if (isValid(name)) {
        labels.put(PARAM_PREFIX + name, labelValue(value));
      }
    });
    return labels;
  }

  /** {@code value} if it is a valid label value, else its {@code sha256-} form. */
  public static String labelValue(String value) {
    return value.isEmpty() || isValid(value) ? value : hash(value);
  }

  /** Whether {@code s} is a valid label value, and so a valid label name part. */
  public static boolean isValid(String s) {
    return s.length() <= MAX && LABEL.matcher(s).matches();
  }

  /** The {@link #COMBINATION} value of a combination with these params. */
  public static String combinationHash(Map<String, String> params) {
    return hash(canonical(params));
  }

  private static String canonical(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(k.length()).append(':').append(k).append('=').append(v.length()).append(':')
        .append(v).append(';'));
    return sb.toString();
  }

  private static String hash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
