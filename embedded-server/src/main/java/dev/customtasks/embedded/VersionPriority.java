package dev.customtasks.embedded;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' order of API versions within a group ({@code CompareKubeAwareVersionStrings}):
 * GA before beta before alpha, then the higher major, then the higher minor; versions that do not
 * look like Kubernetes versions come last, alphabetically. The first one is a group's preferred
 * version, which is the one kubectl uses when a kind is served in several.
 */
final class VersionPriority implements Comparator<String> {

  static final VersionPriority INSTANCE = new VersionPriority();

  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  private VersionPriority() {
  }

  @Override
  public int compare(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean kubeA = ma.matches();
    boolean kubeB = mb.matches();
    if (!kubeA || !kubeB) {
      return kubeA ? -1 : kubeB ? 1 : a.compareTo(b);
    }
    int byStability = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
    if (byStability != 0) {
      return byStability;
    }
    int byMajor = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (byMajor != 0) {
      return byMajor;
    }
    return Long.compare(minor(mb.group(3)), minor(ma.group(3)));
  }

  private static int stability(String qualifier) {
    if (qualifier == null) {
      return 2;
    }
    return "beta".equals(qualifier) ? 1 : 0;
  }

  private static long minor(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
