package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress off a terminal is a line every so often, on a terminal one line redrawn; failure lines always show. */
class SweepProgressTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final StringWriter text = new StringWriter();

  private SweepProgress progress(int total, SweepProgress.Style style) {
    return new SweepProgress(total, new PrintWriter(text), style, now::get);
  }

  @Test
  void offATerminalTwoHundredPointsGiveAHandfulOfLines() {
    SweepProgress p = progress(200, SweepProgress.Style.LOG);
    for (int i = 1; i <= 200; i++) {
      now.addAndGet(200_000_000L);   // a point every 0.2 s: 40 s in all
      p.pointDone(3.6, i / 50);
    }
    p.finish(200, 3);
    List<String> lines = text.toString().lines().toList();
    assertEquals(4, lines.size(), "a line every 10 s of 40 s (the last is the final one): " + lines);
    assertEquals("  points done 50/200, failed 1, 0.0500 core-hours, elapsed 10 s, ETA 30 s", lines.get(0));
    assertEquals("  points done 200/200, failed 4, 0.200 core-hours, elapsed 40 s, ETA 0 s", lines.get(3));
    assertFalse(text.toString().contains("\r"));
  }

  @Test
  void theFinalLineComesOnceEvenWhenSparkReportsLate() {
    SweepProgress p = progress(10, SweepProgress.Style.LOG);
    now.addAndGet(1_000_000_000L);
    p.pointDone(1, 0);
    p.finish(10, 0);
    p.pointDone(1, 0);   // a task end delivered after the job returned
    p.finish();
    List<String> lines = text.toString().lines().toList();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("  points done 10/10, failed 0,"), lines.get(0));
  }

  @Test
  void failedTasksAreAlwaysReportedOnTheirOwnLine() {
    SweepProgress p = progress(5, SweepProgress.Style.LOG);
    p.taskFailed("ExecutorLostFailure");
    p.taskFailed("ExecutorLostFailure");
    assertEquals(List.of("  task for a point did not finish (ExecutorLostFailure); Spark retries it",
        "  task for a point did not finish (ExecutorLostFailure); Spark retries it"), text.toString().lines().toList());
  }

  @Test
  void intervalZeroIsALinePerPoint() {
    SweepProgress p = progress(3, new SweepProgress.Style(false, 0));
    for (int i = 0; i < 3; i++) {
      p.pointDone(1, 0);
    }
    p.finish();
    assertEquals(3, text.toString().lines().count());
  }

  @Test
  void onATerminalOneLineIsRedrawnAndEndedOnce() {
    SweepProgress p = progress(100, new SweepProgress.Style(true, 10));
    for (int i = 0; i < 100; i++) {
      now.addAndGet(100_000_000L);
      p.pointDone(1, 0);
      if (i == 50) {
        p.taskFailed("lost");
      }
    }
    p.finish();
    String s = text.toString();
    assertTrue(s.endsWith("\n") && s.indexOf('\n') < s.length() - 1, "the failure line and the end: " + s);
    assertEquals(2, s.chars().filter(c -> c == '\n').count(), "no newline per point");
    assertTrue(s.chars().filter(c -> c == '\r').count() >= 10, "redrawn in place");
    assertTrue(s.contains("\r  task for a point did not finish (lost); Spark retries it"));
    String last = s.substring(s.lastIndexOf('\r') + 1).strip();
    assertTrue(last.startsWith("points done 100/100, failed 0,"), last);
  }

  @Test
  void aBadIntervalPropertyIsNamed() {
    String before = System.getProperty(SweepProgress.INTERVAL_PROPERTY);
    System.setProperty(SweepProgress.INTERVAL_PROPERTY, "ten");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepProgress.Style.of(false));
      assertTrue(e.getMessage().startsWith("-Drbmflow.progress.seconds: 'ten' is not a number"), e.getMessage());
      System.setProperty(SweepProgress.INTERVAL_PROPERTY, "-1");
      assertThrows(IllegalArgumentException.class, () -> SweepProgress.Style.of(false));
      System.setProperty(SweepProgress.INTERVAL_PROPERTY, "2.5");
      assertEquals(new SweepProgress.Style(true, 2.5), SweepProgress.Style.of(true));
    } finally {
      if (before == null) {
        System.clearProperty(SweepProgress.INTERVAL_PROPERTY);
      } else {
        System.setProperty(SweepProgress.INTERVAL_PROPERTY, before);
      }
    }
  }
}
