package org.rbmflow.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The driver's progress report of a sweep: points done/total, failures, core-hours spent by the finished tasks,
 * elapsed time and ETA. On a terminal it is one line redrawn in place (carriage return, at most four times a
 * second) and ended with a newline by {@link #finish}; elsewhere (logs, files, captured output) it is a line at most
 * every {@link Style#intervalSeconds()} plus the final line, so a sweep of 10⁵ points does not write 10⁵ lines.
 * Lines about tasks that did not finish are always printed, each on its own line. Thread-safe.
 */
public final class SweepProgress {
  /** The system property of the interval between progress lines off a terminal, in seconds. */
  public static final String INTERVAL_PROPERTY = "rbmflow.progress.seconds";
  /** The interval off a terminal when the property is not set. */
  public static final double DEFAULT_INTERVAL_SECONDS = 10;
  private static final long TERMINAL_REDRAW_NANOS = 250_000_000L;

  /**
   * How progress is shown.
   *
   * @param terminal        whether the progress stream is an interactive console (one line redrawn in place)
   * @param intervalSeconds the least time between two lines off a terminal (0: a line per finished point)
   */
  public record Style(boolean terminal, double intervalSeconds) {
    /** Off a terminal, every {@value #DEFAULT_INTERVAL_SECONDS} seconds. */
    public static final Style LOG = new Style(false, DEFAULT_INTERVAL_SECONDS);

    public Style {
      if (!(intervalSeconds >= 0) || Double.isInfinite(intervalSeconds)) {
        throw new IllegalArgumentException("the progress interval must be a number of seconds ≥ 0, not "
            + intervalSeconds);
      }
    }

    /**
     * The style for a console or not, with the interval of the system property {@value #INTERVAL_PROPERTY}.
     *
     * @throws IllegalArgumentException naming the property when its value is not a number of seconds ≥ 0
     */
    public static Style of(boolean terminal) {
      String v = System.getProperty(INTERVAL_PROPERTY);
      if (v == null) {
        return new Style(terminal, DEFAULT_INTERVAL_SECONDS);
      }
      try {
        return new Style(terminal, Double.parseDouble(v.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("-D" + INTERVAL_PROPERTY + ": '" + v + "' is not a number of seconds; "
            + "expected a number ≥ 0 (0: a line per finished point)");
      }
    }
  }

  private final int total;
  private final PrintWriter out;
  private final Style style;
  private final LongSupplier clock;
  private final long start;
  private int done;
  private long failed;
  private double coreSeconds;
  private long lastShown;
  private int shownDone = -1;
  private int lineWidth;
  private boolean finished;

  /**
   * @param total the points this run computes
   * @param clock nanoseconds, as {@link System#nanoTime()} (tests pass their own)
   */
  public SweepProgress(int total, PrintWriter out, Style style, LongSupplier clock) {
    this.total = total;
    this.out = out;
    this.style = style;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.lastShown = start;
  }

  /** A task finished its point, having run {@code seconds} on its core; {@code failures} points FAILED so far. */
  public synchronized void pointDone(double seconds, long failures) {
    if (finished) {
      return;
    }
    done++;
    failed = Math.max(failed, failures);
    coreSeconds += seconds;
    long now = clock.getAsLong();
    long interval = style.terminal() ? TERMINAL_REDRAW_NANOS : (long) (style.intervalSeconds() * 1e9);
    if (now - lastShown >= interval || done == total) {
      show(now);
    }
  }

  /** A task ended without finishing its point (Spark retries it). */
  public synchronized void taskFailed(String reason) {
    if (finished) {
      return;
    }
    String line = "  task for a point did not finish (" + reason + "); Spark retries it";
    if (style.terminal() && lineWidth > 0) {
      out.print("\r" + pad(line, lineWidth) + "\n");
      lineWidth = 0;
      shownDone = -1;
      show(clock.getAsLong());
    } else {
      out.println(line);
      out.flush();
    }
  }

  /**
   * Shows the final state (unless it is already the last line shown) and ends the terminal's line; later reports are
   * ignored. Calling it again does nothing.
   */
  public synchronized void finish() {
    finish(done, failed);
  }

  /**
   * {@link #finish()} with the run's final counts, which may be ahead of the task ends reported so far (Spark delivers
   * them asynchronously).
   */
  public synchronized void finish(int finalDone, long finalFailures) {
    finished = true;
    done = Math.max(done, finalDone);
    failed = Math.max(failed, finalFailures);
    if (shownDone != done) {
      show(clock.getAsLong());
    }
    if (style.terminal() && lineWidth > 0) {
      out.print("\n");
      lineWidth = 0;
      out.flush();
    }
  }

  private void show(long now) {
    double elapsed = (now - start) / 1e9;
    double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
    String line = String.format(Locale.ROOT, "  points done %d/%d, failed %d, %.3g core-hours, elapsed %.0f s, ETA %s",
        done, total, failed, coreSeconds / 3600, elapsed, Double.isNaN(eta) ? "?" : String.format(Locale.ROOT,
            "%.0f s", eta));
    if (style.terminal()) {
      out.print("\r" + pad(line, lineWidth));
      lineWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
    lastShown = now;
    shownDone = done;
  }

  /** {@code line} with spaces up to {@code width}, so that it covers a longer line drawn before it. */
  private static String pad(String line, int width) {
    return line.length() >= width ? line : line + " ".repeat(width - line.length());
  }
}
