package dev.customtasks.concurrency.slots;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keys and the names of their {@code ConcurrencyKey} objects. A key is any Kubernetes label value
 * ({@code [A-Za-z0-9._-]}, starting and ending with a letter or digit) except that it may be
 * longer than 63 characters. A key that is already a valid object name (lower case, at most 63
 * characters, a DNS-1123 label) is its object's name; any other is a readable lower-case prefix
 * plus the first 10 hex digits of its SHA-256, so distinct keys get distinct objects. The full key
 * is always kept in the object's spec and status.
 */
public final class KeyNames {

  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final int MAX = 63;

  private KeyNames() {
  }

  /**
   * Why {@code key} is no key, or null when it is one.
   */
  public static String problem(String key) {
    if (key == null || key.isBlank()) {
      return "is required and must not be empty";
    }
    if (!LABEL_VALUE.matcher(key).matches()) {
      return "\"" + key + "\" is not a valid key: use letters, digits, '-', '_' and '.', starting and ending"
          + " with a letter or digit (as a label value; longer than 63 characters is fine)";
    }
    return null;
  }

  /**
   * The name of the {@code ConcurrencyKey} object of a valid cluster or namespace {@code key}. A
   * cluster key's name is always hashed, from {@code cluster:} and the key ({@code :} is never in a
   * key), so it never is the name of a namespace key of the same string kept in the same namespace.
   */
  public static String objectName(String key, Scope scope) {
    return scope == Scope.CLUSTER ? hashed("cluster:" + key) : objectName(key);
  }

  /** The name of the {@code ConcurrencyKey} object for a valid namespace {@code key}. */
  public static String objectName(String key) {
    if (key.length() <= MAX && DNS_LABEL.matcher(key).matches()) {
      return key;
    }
    return hashed(key);
  }

  private static String hashed(String key) {
    String hash = sha256(key).substring(0, 10);
    String prefix = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    prefix = prefix.substring(0, Math.min(prefix.length(), MAX - hash.length() - 1));
    prefix = prefix.replaceAll("^-+|-+$", "");
    return prefix.isEmpty() ? "key-" + hash : prefix + "-" + hash;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
