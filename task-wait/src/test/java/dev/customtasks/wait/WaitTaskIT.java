package dev.customtasks.wait;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.crds.testkit.RunAwaits.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.wait.api.Wait;
import dev.customtasks.wait.api.WaitSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Wait controller against the embedded API server, in every form a user can write. */
class WaitTaskIT {

  static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";
  private static final String NS = "test";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(WAIT_CRD));
    client = server.client();
    controllers = new ControllerHarness(server::newClient,
        operator -> new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC()).registerWith(operator)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void durationWaitsFromTheStartAndReportsTimes() {
    client.resource(customRun("wait-duration").ref(WaitTask.KIND).param("duration", "1s").build()).create();

    CustomRun done = awaitDone(client, NS, "wait-duration");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    Instant start = done.getStatus().startInstant();
    Instant fired = Timestamps.parse(result(done, "firedAt"));
    assertThat(Timestamps.parse(result(done, "startedAt"))).isEqualTo(start);
    assertThat(fired).isAfterOrEqualTo(start.plusSeconds(1));
    assertThat(done.getStatus().completionInstant()).isAfterOrEqualTo(start.plusSeconds(1));
    assertThat(done.getStatus().result("scheduledFor")).isEmpty();
  }

  @Test
  void untilInThePastFinishesAtOnce() {
    client.resource(customRun("wait-until-past").ref(WaitTask.KIND).param("until", "2020-01-01T00:00:00Z").build())
        .create();

    CustomRun done = awaitDone(client, NS, "wait-until-past");

    assertThat(done.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void untilInTheFutureFiresNoEarlier() {
    Instant until = Instant.now().plusMillis(1500);
    client.resource(customRun("wait-until").ref(WaitTask.KIND)
        .param("until", until.atOffset(ZoneOffset.ofHours(2)).toString()).build()).create();

    CustomRun done = awaitDone(client, NS, "wait-until");

    assertThat(Timestamps.parse(result(done, "firedAt"))).isAfterOrEqualTo(until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void windowFiresAtItsNextOpeningAndReportsIt() {
    client.resource(customRun("wait-window").ref(WaitTask.KIND)
        .param("window", "* * * * * ?").param("timezone", "Europe/Berlin")
        .param("exclude", List.of(LocalDate.now(ZoneOffset.UTC).plusDays(400).toString())).build()).create();

    CustomRun done = awaitDone(client, NS, "wait-window");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    Instant scheduledFor = Timestamps.parse(result(done, "scheduledFor"));
    assertThat(scheduledFor).isAfterOrEqualTo(done.getStatus().startInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(Timestamps.parse(result(done, "firedAt"))).isAfterOrEqualTo(scheduledFor);
  }

  @Test
  void namedWaitObjectIsReadByCustomRefName() {
    Wait wait = new Wait();
    wait.setMetadata(new ObjectMetaBuilder().withName("short-window").withNamespace(NS).build());
    wait.setSpec(new WaitSpec(null, null, "* * * * * ?", "UTC", null, List.of("2999-01-01")));
    client.resource(wait).create();
    client.resource(customRun("wait-named").ref(WaitTask.KIND, "short-window").build()).create();

    CustomRun done = awaitDone(client, NS, "wait-named");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().result("scheduledFor")).isPresent();
  }

  @Test
  void missingNamedWaitObjectFailsWithReferenceNotFound() {
    client.resource(customRun("wait-named-missing").ref(WaitTask.KIND, "nope").build()).create();

    CustomRun done = awaitDone(client, NS, "wait-named-missing");

    assertThat(done.getStatus().reason()).contains(Reasons.REFERENCE_NOT_FOUND);
    assertThat(message(done)).contains("Wait \"nope\" not found");
  }

  @Test
  void embeddedCustomSpecIsReadAndParamsOverrideIt() {
    client.resource(customRun("wait-embedded").embedded(WaitTask.KIND, Map.of("duration", "1h"))
        .build()).create();
    client.resource(customRun("wait-embedded-override").embedded(WaitTask.KIND, Map.of("duration", "1h"))
        .param("duration", "100ms").build()).create();

    assertThat(awaitDone(client, NS, "wait-embedded-override").getStatus().isSuccessful()).isTrue();
    CustomRun stillWaiting = awaitStarted(client, NS, "wait-embedded");
    assertThat(stillWaiting.isDone()).isFalse();
    cancel("wait-embedded");
    assertThat(awaitDone(client, NS, "wait-embedded").getStatus().reason()).contains(Reasons.CANCELLED);
  }

  @Test
  void tektonTestControllerFormIsAnswered() {
    client.resource(customRun("tekton-wait").ref(WaitTask.TEKTON_TEST_KIND).param("duration", "500ms").build())
        .create();

    client.resource(customRun("tekton-wait-named").ref(WaitTask.TEKTON_TEST_KIND, "any").param("duration", "1s")
        .build()).create();
    client.resource(customRun("tekton-wait-equal").ref(WaitTask.TEKTON_TEST_KIND).param("duration", "1s")
        .timeout("1s").build()).create();
    client.resource(customRun("tekton-wait-retry").ref(WaitTask.TEKTON_TEST_KIND).param("duration", "1h")
        .timeout("300ms").retries(1).build()).create();

    CustomRun done = awaitDone(client, NS, "tekton-wait");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().reason()).contains("DurationElapsed");
    assertThat(message(done)).isEqualTo("The wait duration has elapsed");
    assertThat(done.getStatus().getResults()).isNull();
    assertThat(done.getStatus().getExtraFields()).isNull();
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(awaitDone(client, NS, "tekton-wait-named").getStatus().reason()).contains("UnexpectedName");
    CustomRun equal = awaitDone(client, NS, "tekton-wait-equal");
    assertThat(equal.getStatus().reason()).contains("InvalidTimeOut");
    // Refused at once, not run and then timed out.
    assertThat(Duration.between(equal.getStatus().startInstant(), equal.getStatus().completionInstant()))
        .isLessThan(Duration.ofSeconds(1));
    CustomRun retried = awaitDone(client, NS, "tekton-wait-retry");
    assertThat(retried.getStatus().reason()).contains(Reasons.TIMED_OUT);
    assertThat(retried.getStatus().getRetriesStatus()).singleElement()
        .satisfies(s -> assertThat(s.reason()).contains(Reasons.TIMED_OUT));
    // Between the attempts the run read Unknown/Retrying; the event of that moment stays.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> eventsFor("tekton-wait-retry", "Retrying").size() == 1);
  }

  @Test
  void timeoutShorterThanTheWaitFailsWithTimedOut() {
    client.resource(customRun("wait-timeout").ref(WaitTask.KIND).param("duration", "1h").timeout("500ms").build())
        .create();

    CustomRun done = awaitDone(client, NS, "wait-timeout");

    assertThat(done.getStatus().reason()).contains(Reasons.TIMED_OUT);
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofMinutes(59));
  }

  @Test
  void restartMidWaitFiresOnceNoEarlier() {
    client.resource(customRun("wait-restart").ref(WaitTask.KIND).param("duration", "2s").build()).create();
    CustomRun started = awaitStarted(client, NS, "wait-restart");

    controllers.restart();
    CustomRun done = awaitDone(client, NS, "wait-restart");

    assertThat(done.getStatus().getStartTime()).isEqualTo(started.getStatus().getStartTime());
    assertThat(Timestamps.parse(result(done, "firedAt"))).isAfterOrEqualTo(started.getStatus().startInstant().plusSeconds(2));
  }

  @Test
  void waitWhoseDeadlinePassedWhileTheControllerWasDownFinishesOnStartUp() {
    controllers.stop();
    try {
      client.resource(customRun("wait-while-down").ref(WaitTask.KIND).param("duration", "1s").build()).create();
    } finally {
      controllers.start();
    }
    CustomRun done = awaitDone(client, NS, "wait-while-down");
    assertThat(done.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void badInputEndsTheRunNamingTheParam() {
    Map<String, CustomRun> runs = Map.of(
        "negative", customRun("bad-negative").ref(WaitTask.KIND).param("duration", "-1s").build(),
        "unparsable", customRun("bad-unparsable").ref(WaitTask.KIND).param("duration", "soon").build(),
        "none", customRun("bad-none").ref(WaitTask.KIND).build(),
        "two", customRun("bad-two").ref(WaitTask.KIND).param("duration", "1s").param("until", "2020-01-01T00:00:00Z").build(),
        "cron", customRun("bad-cron").ref(WaitTask.KIND).param("window", "0 0 25 * * ?").build(),
        "zone", customRun("bad-zone").ref(WaitTask.KIND).param("window", "0 0 9 * * ?").param("timezone", "Europe/Berln").build(),
        "never", customRun("bad-never").ref(WaitTask.KIND).param("window", "0 0 9 1 1 ? 2001").build());
    runs.values().forEach(r -> client.resource(r).create());

    assertThat(message(awaitDone(client, NS, "bad-negative"))).contains("param \"duration\"").contains("-1s");
    assertThat(message(awaitDone(client, NS, "bad-unparsable"))).contains("param \"duration\"").contains("soon");
    assertThat(message(awaitDone(client, NS, "bad-none"))).contains("one of \"duration\", \"until\" or \"window\"");
    assertThat(message(awaitDone(client, NS, "bad-two"))).contains("duration and until");
    assertThat(message(awaitDone(client, NS, "bad-cron"))).contains("param \"window\"").contains("0 0 25 * * ?");
    assertThat(message(awaitDone(client, NS, "bad-zone"))).contains("param \"timezone\"").contains("Europe/Berln");
    CustomRun never = awaitDone(client, NS, "bad-never");
    assertThat(message(never)).contains("param \"window\"").contains("no opening");
    for (String name : List.of("bad-none", "bad-two", "bad-cron", "bad-zone", "bad-never")) {
      assertThat(awaitDone(client, NS, name).getStatus().reason()).as(name).contains(Reasons.INVALID_PARAMS);
    }
    for (String name : List.of("bad-negative", "bad-unparsable")) {
      assertThat(awaitDone(client, NS, name).getStatus().reason()).as(name).contains(WaitReasons.INVALID_DURATION);
    }
  }

  private static void cancel(String name) {
    client.resources(CustomRun.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"RunCancelled\"}}");
  }

  private static String result(CustomRun run, String name) {
    return run.getStatus().result(name).orElseThrow().getValue().asString();
  }

  private static List<io.fabric8.kubernetes.api.model.Event> eventsFor(String run, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> run.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getMessage();
  }
}
