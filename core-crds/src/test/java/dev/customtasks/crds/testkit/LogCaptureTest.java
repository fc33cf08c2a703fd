package dev.customtasks.crds.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test kit's log capture, through the slf4j backend the modules' tests use. */
class LogCaptureTest {

  private static final Logger LOG = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void keepsTheLinesLoggedWhileOpenFromAnyThreadAndTellsStackTracesApart() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      LOG.warn("run test/a ends: one line");
      Thread other = new Thread(() -> LOG.warn("run test/b failed", new IllegalStateException("boom",
          new IllegalArgumentException("cause"))));
      other.start();
      other.join();

      assertThat(log.linesWith("test/a")).singleElement().asString().contains("WARN").endsWith("run test/a ends: one line");
      assertThat(log.linesWith("test/b")).hasSize(1);
      assertThat(log.stackTraceLines()).isNotEmpty().anyMatch(l -> l.startsWith("Caused by: "))
          .anyMatch(l -> l.strip().startsWith("at "));
    }
  }

  @Test
  void keepsNothingOnceClosed() {
    LogCapture log = LogCapture.start();
    log.close();

    LOG.warn("after the capture");

    assertThat(log.lines()).isEmpty();
  }
}
