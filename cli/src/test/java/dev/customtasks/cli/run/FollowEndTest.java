package dev.customtasks.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FollowEndTest {

  private final FollowEnd embedded = new FollowEnd(true, "default", "http://127.0.0.1:40123/");
  private final FollowEnd cluster = new FollowEnd(false, "ci", "https://k8s.example:6443/");

  @Test
  void underEmbeddedTheRunStopsWithCtk() {
    assertThat(embedded.timedOut("release-run", "2s")).isEqualTo("PipelineRun \"release-run\" still running after 2s "
        + "(--follow-timeout); it stops with ctk, as the embedded API server and controllers end with this process");
    assertThat(embedded.interrupted("release-run")).isEqualTo("stopped following PipelineRun \"release-run\" "
        + "(Ctrl-C); it stops with ctk, as the embedded API server and controllers end with this process");
    assertThat(embedded.ctrlC()).isEqualTo("Ctrl-C stops it: it runs in this process");
  }

  @Test
  void onAClusterTheRunGoesOnWhereItRuns() {
    assertThat(cluster.timedOut("release-run", "1h30m")).isEqualTo("PipelineRun \"release-run\" still running after "
        + "1h30m (--follow-timeout); it goes on in namespace ci at https://k8s.example:6443/ "
        + "(ctk describe pr release-run -n ci)");
    assertThat(cluster.interrupted("release-run")).isEqualTo("stopped following PipelineRun \"release-run\" (Ctrl-C); "
        + "it goes on in namespace ci at https://k8s.example:6443/ (ctk describe pr release-run -n ci)");
    assertThat(cluster.ctrlC()).isEqualTo("Ctrl-C stops following, not the run");
  }
}
