// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr for long runs (demo seeding, simulations, trials).
 *
 * <p>It shows only on a terminal, and only once the run has lasted {@link #QUIET_NANOS} (a run that
 * ends sooner prints nothing); then it rewrites its line at most every {@link #REDRAW_NANOS}, and
 * {@link #close()} clears it, so the command's real output starts on a clean line. Redirected
 * output (files, pipes, tests) never sees it. The wall clock here only paces the display; nothing
 * the run computes depends on it. Thread-safe: a run may report from several threads.
 *
 * <pre>{@code
 * try (Progress p = Progress.onTerminal(spec.commandLine().getErr(), "seeding patients", n, "patients")) {
 *   for (int i = 0; i < n; i++) { work(i); p.update(i + 1); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  /** A run shorter than this shows nothing. */
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** The line is redrawn at most this often. */
  static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final int PERCENT = 100;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final String unit;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long lastDrawNanos;
  private int lastWidth;

  Progress(PrintWriter err, String label, long total, String unit, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastDrawNanos = startNanos - REDRAW_NANOS;
  }

  /**
   * A progress line on {@code err} when this process runs on a terminal, otherwise one that shows nothing.
   *
   * @param label what is being done, e.g. "seeding demo patients"
   * @param total the amount of work (0 or less: unknown, only the count is shown)
   * @param unit what is counted, e.g. "patients", "days"
   */
  public static Progress onTerminal(PrintWriter err, String label, long total, String unit) {
    return new Progress(err, label, total, unit, isTerminal(), System::nanoTime);
  }

  /** Reports that {@code done} of the total are done (absolute, not an increment). */
  public synchronized void update(long done) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - startNanos < QUIET_NANOS || now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    lastDrawNanos = now;
    long seconds = TimeUnit.NANOSECONDS.toSeconds(now - startNanos);
    String line = total > 0
        ? String.format(Locale.ROOT, "%s: %d of %d %s (%d %%), %d s", label, done, total, unit, done * PERCENT / total, seconds)
        : String.format(Locale.ROOT, "%s: %d %s, %d s", label, done, unit, seconds);
    err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    err.flush();
    lastWidth = line.length();
  }

  /** Clears the line, if one was shown. */
  @Override
  public synchronized void close() {
    if (lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
      lastWidth = 0;
    }
  }

  /** Whether stderr and stdout are a terminal (on JDK 22+ {@code Console.isTerminal()}, else a console exists). */
  @SuppressWarnings("SystemConsoleNull") // the bytecode is Java 21, where System.console() is null without a terminal
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: System.console() is null unless both streams are a terminal
    }
  }
}
