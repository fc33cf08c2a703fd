package dev.customtasks.crds.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchedNamespacesTest {

  @Test
  void blankOrUnsetMeansAllNamespaces() {
    assertThat(WatchedNamespaces.parse(" ").isAll()).isTrue();
    assertThat(WatchedNamespaces.fromEnvironment(Map.of()).isAll()).isTrue();
    assertThat(WatchedNamespaces.all().describe()).isEqualTo("all namespaces");
  }

  @Test
  void aCommaSeparatedListIsTrimmed() {
    WatchedNamespaces namespaces = WatchedNamespaces.fromEnvironment(Map.of("WATCH_NAMESPACE", "team-b, team-a"));

    assertThat(namespaces.names()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(namespaces.describe()).isEqualTo("namespaces team-a, team-b");
    assertThat(WatchedNamespaces.parse("ci").describe()).isEqualTo("namespace ci");
  }

  @Test
  void aNameThatCannotBeANamespaceIsRefusedByName() {
    assertThatThrownBy(() -> WatchedNamespaces.fromEnvironment(Map.of("WATCH_NAMESPACE", "ci,Team_A")))
        .hasMessage("WATCH_NAMESPACE: \"Team_A\" is not a namespace name (lower-case letters, digits and '-', at "
            + "most 63, starting and ending with a letter or digit)");
    assertThatThrownBy(() -> WatchedNamespaces.parse("ci,,qa")).hasMessageStartingWith("\"\" is not a namespace");
  }
}
