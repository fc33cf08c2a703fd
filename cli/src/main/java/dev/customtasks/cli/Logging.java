package dev.customtasks.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** What the libraries under ctk may print, set once for the process. */
final class Logging {

  /** Held so that the levels are not lost with a collected logger. */
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

  private Logging() {
  }

  /**
   * The embedded server logs every request it serves through java.util.logging; in a process
   * that serves for days that is noise, so only its warnings are kept. slf4j's levels are in
   * {@code simplelogger.properties}.
   */
  static void quietLibraries() {
    MOCK_WEB_SERVER.setLevel(Level.WARNING);
  }
}
