package dev.customtasks.cli.run;

/**
 * What {@code ctk run} says when it stops following a PipelineRun that has not ended, by
 * {@code --follow-timeout} or Ctrl-C: on a cluster the run goes on there (as {@code kubectl logs -f}
 * just stops following), in process it stops with ctk, since the embedded API server and the
 * controllers are this process.
 *
 * @param inProcess whether the API server and controllers run in this process ({@code --embedded})
 * @param namespace the PipelineRun's namespace
 * @param server the API server's URL, for the cluster case
 */
record FollowEnd(boolean inProcess, String namespace, String server) {

  /** For the banner: what Ctrl-C does. */
  String ctrlC() {
    return inProcess ? "Ctrl-C stops it: it runs in this process" : "Ctrl-C stops following, not the run";
  }

  /**
   * The one line after {@code --follow-timeout}.
   *
   * @param limit the timeout as typed ({@code 2s}, {@code 1h30m})
   */
  String timedOut(String pipelineRun, String limit) {
    return "PipelineRun \"" + pipelineRun + "\" still running after " + limit + " (--follow-timeout); " + fate(pipelineRun);
  }

  /** The one line after Ctrl-C while following. */
  String interrupted(String pipelineRun) {
    return "stopped following PipelineRun \"" + pipelineRun + "\" (Ctrl-C); " + fate(pipelineRun);
  }

  private String fate(String pipelineRun) {
    return inProcess ? "it stops with ctk, as the embedded API server and controllers end with this process"
        : "it goes on in namespace " + namespace + " at " + server + " (ctk describe pr " + pipelineRun + " -n "
            + namespace + ")";
  }
}
