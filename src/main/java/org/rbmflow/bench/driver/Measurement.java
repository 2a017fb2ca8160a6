package org.rbmflow.bench.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibrated, interleaved, best-of-rounds measurement: for each program, a run length such that a timed run lasts
 * about its target; then rounds of all programs in turn (interleaved, so that background load on a shared machine
 * hits them alike), keeping each program's best value of the metric. A program whose best run lasted under 60 % of
 * its target (calibrated while the machine was busier) gets as many rounds again with a rescaled run length.
 */
final class Measurement {
  private final Driver driver;
  private final String metric;
  private final boolean higherIsBetter;
  private final String timeKey;
  private final boolean timePerUnit;
  private final long maxN;
  private final double calibrationMin;

  /**
   * @param metric the key compared between runs
   * @param timeKey the key of a run's timed seconds: the value itself, or, with {@code timePerUnit}, that times the
   *     run length
   * @param maxN the longest run length the programs accept
   */
  Measurement(Driver driver, String metric, boolean higherIsBetter, String timeKey, boolean timePerUnit, long maxN) {
    this.driver = driver;
    this.metric = metric;
    this.higherIsBetter = higherIsBetter;
    this.timeKey = timeKey;
    this.timePerUnit = timePerUnit;
    this.maxN = maxN;
    this.calibrationMin = driver.quick ? 0.02 : 0.2;
  }

  /** A program's run length and its best line. */
  record Best(long length, String line) {
    String get(String key) {
      return KeyValues.field(line, key);
    }
  }

  /** Measures every program of one case; {@code title} names the case in the log. */
  Map<Program, Best> measure(List<Program> programs, String title) {
    Map<Program, Long> length = new LinkedHashMap<>();
    for (Program p : programs) {
      driver.log(title + ": calibrating " + p.label());
      length.put(p, calibrate(p));
    }
    Map<Program, String> best = new LinkedHashMap<>();
    for (int round = 1; round <= driver.rounds; round++) {
      for (Program p : programs) {
        runOnce(p, length.get(p), round, best);
      }
    }
    for (Program p : programs) {
      double s = timedSeconds(best.get(p), length.get(p));
      if (length.get(p) < maxN && s < 0.6 * p.target()) {
        long n = scale(length.get(p), s, p.target());
        length.put(p, n);
        driver.log(title + ": " + p.label() + ": best run lasted " + KeyValues.plain(s) + " s only; " + driver.rounds
            + " more runs with run length " + n);
        best.remove(p);
        for (int round = driver.rounds + 1; round <= 2 * driver.rounds; round++) {
          runOnce(p, n, round, best);
        }
      }
    }
    Map<Program, Best> result = new LinkedHashMap<>();
    for (Program p : programs) {
      result.put(p, new Best(length.get(p), best.get(p)));
    }
    return result;
  }

  /** The report's commands of a measured case, in program order. */
  static List<String> commands(Map<Program, Best> measured) {
    List<String> shown = new ArrayList<>();
    measured.forEach((p, b) -> shown.add(p.shown().apply(b.length())));
    return shown;
  }

  private String run(Program p, long n) {
    return driver.checked(metric, p.command().apply(n));
  }

  /** A run length such that one timed run lasts about the program's target. */
  private long calibrate(Program p) {
    long n = p.start();
    while (true) {
      double s = timedSeconds(run(p, n), n);
      if (s >= calibrationMin || n >= maxN) {
        // a second run, keeping the faster: a busy machine must not shrink the run length too much
        s = Math.min(s, timedSeconds(run(p, n), n));
        return scale(n, s, p.target());
      }
      n = Math.min(n * 10, maxN);
    }
  }

  private void runOnce(Program p, long n, int round, Map<Program, String> best) {
    String line = run(p, n);
    driver.raw.add(line);
    driver.log("  round " + round + ": " + line);
    double value = KeyValues.number(KeyValues.field(line, metric));
    double was = KeyValues.number(KeyValues.field(best.get(p), metric));
    if (!best.containsKey(p) || (higherIsBetter ? value > was : value < was)) {
      best.put(p, line);
    }
  }

  private double timedSeconds(String line, long n) {
    String s = KeyValues.field(line, timeKey);
    if (s.isEmpty()) {
      throw new BenchFailure("no " + timeKey + "= in: " + line);
    }
    return timePerUnit ? KeyValues.number(s) * n : KeyValues.number(s);
  }

  /** The run length for {@code target} seconds when {@code n} took {@code seconds}, within [1, maxN]. */
  long scale(long n, double seconds, double target) {
    double s = seconds <= 0 ? 1e-6 : seconds;
    long k = (long) (n * target / s + 0.5);
    return Math.max(1, Math.min(maxN, k));
  }
}
