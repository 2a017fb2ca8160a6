package org.rbmflow.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The driver's reading of result lines and the numbers it puts in the report. */
class ReportNumbersTest {
  @Test
  void fieldsOfAResultLine() {
    String line = "rbmflow-cd1 nv=400 nh=64 backend=openblas-jni seconds_per_epoch=0.0712 vector_api=on";
    assertEquals("0.0712", KeyValues.field(line, "seconds_per_epoch"));
    assertEquals("400", KeyValues.field(line, "nv"));
    assertEquals("", KeyValues.field(line, "n"));
    assertEquals("", KeyValues.field(null, "nv"));
  }

  @Test
  void ratiosAndPercentagesNeedTwoNumbers() {
    assertEquals("0.33", KeyValues.ratio("1", "3"));
    assertEquals("n/a", KeyValues.ratio("n/a", "3"));
    assertEquals("n/a", KeyValues.ratio("1", "0"));
    assertEquals("n/a", KeyValues.ratio("1", "n/a"));
    assertEquals("n/a", KeyValues.ratio("", "2"));
    assertEquals("2.5 %", KeyValues.percent("0.05", "2"));
    assertEquals("0.15", KeyValues.plain(1.5 / 10));
    assertEquals("1", KeyValues.plain(1.0));
  }

  @Test
  void sweepSummaryFromTheSweepsOwnLines() {
    String out = "something first\n"
        + "sweep bench-16 finished in 41.3 s: 16 points, 0 skipped (already committed), 16 run: 16 OK, 0 NOT_CONVERGED, 0 FAILED\n"
        + "state: complete, all 16 points committed — 16 OK, 0 NOT_CONVERGED, 0 FAILED\n"
        + "task time: compute 37.12 s, commit 1.90 s in all (2.320 s compute, 0.119 s commit a point; commit median "
        + "0.061 s, slowest 0.912 s)\n";
    assertEquals("sweep-run cores=2 wall=47.9 sweep=41.3 points=16 compute=2.320 commit=0.119 commit_median=0.061 "
        + "commit_max=0.912", SweepSuite.summary(2, 47.94, out));
    assertNull(SweepSuite.summary(1, 3, "sweep x finished in 2.0 s: 1 points\n"), "no task time line: no summary");
  }
}
