package io.github.flowruns.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Turns on every level of the SDK's and OkHttp's loggers for a whole test run and keeps what they
 * write, so that {@link LogLeakAudit} can scan it at the end. Registered as a JUnit Platform
 * {@link LauncherSessionListener}, so it starts before the first test class of a module runs.
 *
 * <p>{@code System.Logger} goes to {@code java.util.logging} unless an application installs
 * another backend, so one JUL handler sees every record, at every level (DEBUG is FINE, TRACE is
 * FINER).
 */
public final class LogCapture implements LauncherSessionListener {
  /** Loggers whose level is raised: the SDK's root and OkHttp's (not the test servers'). */
  static final List<String> LOGGERS = List.of("io.github.flowruns", "okhttp3");

  private static final int MAX_LINES = 200_000;
  private static final int MAX_LINE_CHARS = 8_192;
  private static final List<String> LINES = new ArrayList<>();
  private static final List<Logger> KEPT = new ArrayList<>();
  private static volatile boolean installed;
  private static long dropped;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    install();
  }

  /** Installs the capture once per JVM; later calls do nothing. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    Formatter formatter = new SimpleFormatter();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        String line;
        try {
          line = formatter.format(record);
        } catch (RuntimeException unformattable) {
          line = String.valueOf(record.getMessage());
        }
        record(line);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.ALL);
    for (String name : LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.ALL);
      logger.addHandler(handler);
      // Keep a strong reference: JUL holds loggers weakly and would forget the level.
      KEPT.add(logger);
    }
    installed = true;
  }

  static synchronized void record(String line) {
    if (LINES.size() >= MAX_LINES) {
      dropped++;
      return;
    }
    LINES.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line);
  }

  /**
   * What was logged so far in this JVM.
   *
   * @return a copy of the captured lines
   */
  public static synchronized List<String> lines() {
    return new ArrayList<>(LINES);
  }

  /**
   * Whether the capture is on (it is when the JUnit Platform loaded this listener).
   *
   * @return true once installed
   */
  public static boolean installed() {
    return installed;
  }

  /**
   * How many lines did not fit the capture's bound (and so were not scanned).
   *
   * @return the count
   */
  public static synchronized long dropped() {
    return dropped;
  }
}
