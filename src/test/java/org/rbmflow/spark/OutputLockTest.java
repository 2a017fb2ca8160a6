package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output lock: one holder at a time, a clear refusal naming it, stale locks taken over, never a live one. */
class OutputLockTest {
  private final Configuration conf = OutputLocation.hadoopConf();

  static org.apache.hadoop.fs.Path hpath(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  @Test
  void aSecondWriterIsRefusedWithTheHolderNamed(@TempDir Path tmp) throws Exception {
    try (OutputLock first = OutputLock.acquire(hpath(tmp), conf, "sweep a.yaml")) {
      OutputLock.HeldException e = assertThrows(OutputLock.HeldException.class,
          () -> OutputLock.acquire(hpath(tmp), conf, "sweep b.yaml"));
      assertTrue(e.getMessage().contains("`rbmflow sweep a.yaml`"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains("host " + OutputLock.hostName()), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    }
    assertFalse(Files.exists(tmp.resolve(OutputLock.FILE)), "released on close");
    OutputLock.acquire(hpath(tmp), conf, "again").close();
  }

  @Test
  void aLockOfADeadProcessIsTakenOver(@TempDir Path tmp) throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    OutputLock.Holder dead = new OutputLock.Holder(OutputLock.hostName(), p.pid(), "?", "2026-01-01T00:00:00Z",
        "sweep dead.yaml", "dead-token");
    Files.writeString(tmp.resolve(OutputLock.FILE), OutputLock.format(dead));
    try (OutputLock lock = OutputLock.acquire(hpath(tmp), conf, "sweep")) {
      assertNotEquals("dead-token", OutputLock.read(hpath(tmp.resolve(OutputLock.FILE)), conf).orElseThrow().token());
    }
  }

  @Test
  void aLockOfAReusedPidIsStaleButALiveOneIsNot(@TempDir Path tmp) throws Exception {
    long me = ProcessHandle.current().pid();
    OutputLock.Holder reused = new OutputLock.Holder(OutputLock.hostName(), me, "1999-01-01T00:00:00Z", "?", "x", "t");
    OutputLock.Holder live = OutputLock.self("x");
    org.apache.hadoop.fs.Path f = hpath(tmp.resolve(OutputLock.FILE));
    assertTrue(OutputLock.isStale(reused, f, conf), "same pid, other process start: the pid was reused");
    assertFalse(OutputLock.isStale(live, f, conf));
  }

  @Test
  void anotherHostsLockIsStaleOnlyWithoutHeartbeat(@TempDir Path tmp) throws Exception {
    OutputLock.Holder remote = new OutputLock.Holder("some-other-host", 4242, "?", "?", "sweep", "remote-token");
    Path file = tmp.resolve(OutputLock.FILE);
    Files.writeString(file, OutputLock.format(remote));
    assertThrows(OutputLock.HeldException.class, () -> OutputLock.acquire(hpath(tmp), conf, "sweep"),
        "a fresh heartbeat: held");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - OutputLock.STALE_AFTER - 60_000));
    OutputLock.acquire(hpath(tmp), conf, "sweep").close();
  }

  /** Many threads race for one stale lock: exactly one wins each round, no live lock is ever removed. */
  @Test
  void racingTakeOversLeaveExactlyOneHolder(@TempDir Path tmp) throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Files.writeString(tmp.resolve(OutputLock.FILE), OutputLock.format(
        new OutputLock.Holder(OutputLock.hostName(), p.pid(), "?", "?", "dead", "dead-token")));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<OutputLock>> racers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        racers.add(() -> {
          try {
            return OutputLock.acquire(hpath(tmp), conf, "racer");
          } catch (OutputLock.HeldException e) {
            return null;
          }
        });
      }
      List<OutputLock> winners = new ArrayList<>();
      for (Future<OutputLock> f : pool.invokeAll(racers)) {
        if (f.get() != null) {
          winners.add(f.get());
        }
      }
      assertEquals(1, winners.size(), "exactly one racer holds the lock");
      assertEquals(winners.get(0).token(),
          OutputLock.read(hpath(tmp.resolve(OutputLock.FILE)), conf).orElseThrow().token());
      winners.get(0).close();
    } finally {
      pool.shutdownNow();
    }
  }
}
