package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which directories are rbmflow's, what --overwrite may delete there, and the atomic-publish helper. */
class OwnershipTest {
  private final Configuration conf = OutputLocation.hadoopConf();

  private Ownership.State inspect(Path p) throws Exception {
    return Ownership.inspect(OutputLockTest.hpath(p), conf);
  }

  @Test
  void absentAndEmptyDirectoriesTakeAnyOutput(@TempDir Path tmp) throws Exception {
    assertNull(Ownership.refusal("x", inspect(tmp.resolve("absent")), Ownership.Kind.POINT, false, false));
    assertNull(Ownership.refusal("x", inspect(tmp), Ownership.Kind.SWEEP, false, true));
    Files.writeString(tmp.resolve(OutputLock.FILE), "host=h\n");
    assertTrue(inspect(tmp).empty(), "only a lock of rbmflow's: as empty");
  }

  @Test
  void aDirectoryOfUserFilesIsNeverTakenAndNeverSuggestedForDeletion(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("thesis"));
    Files.writeString(tmp.resolve("thesis/a.tex"), "x");
    Ownership.State s = inspect(tmp);
    assertNull(s.owner());
    assertEquals(List.of("thesis"), s.foreign());
    for (Ownership.Kind k : Ownership.Kind.values()) {
      for (boolean overwrite : new boolean[] {false, true}) {
        String why = Ownership.refusal("D", s, k, overwrite, k == Ownership.Kind.SWEEP);
        assertTrue(why != null && why.contains("thesis") && why.contains("did not write"), why);
        assertFalse(why.contains("pass --overwrite") || why.contains("delete") || why.contains("remove"), why);
      }
    }
  }

  @Test
  void markedOutputsBelongToTheirKindOnly(@TempDir Path tmp) throws Exception {
    Ownership.claim(OutputLockTest.hpath(tmp), conf, Ownership.Kind.GENERATE);
    Files.createDirectories(tmp.resolve("configurations"));
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    Ownership.State s = inspect(tmp);
    assertEquals(Ownership.Kind.GENERATE, s.owner());
    assertEquals(List.of("notes.txt"), s.foreign());
    assertNull(Ownership.refusal("D", s, Ownership.Kind.GENERATE, true, false));
    String noOverwrite = Ownership.refusal("D", s, Ownership.Kind.GENERATE, false, false);
    assertTrue(noOverwrite.contains("--overwrite"), noOverwrite);
    String otherKind = Ownership.refusal("D", s, Ownership.Kind.POINT, true, false);
    assertTrue(otherKind.contains("`rbmflow generate`") && otherKind.contains("does not replace"), otherKind);

    List<String> deleted = Ownership.clearOwn(OutputLockTest.hpath(tmp), conf, Ownership.Kind.GENERATE);
    assertEquals(List.of("configurations"), deleted);
    assertEquals("mine", Files.readString(tmp.resolve("notes.txt")), "a user's file in an rbmflow output is kept");
    assertTrue(Files.exists(tmp.resolve(Ownership.MARKER)));
  }

  @Test
  void outputsOfEarlierVersionsAreRecognised(@TempDir Path tmp) throws Exception {
    Path sweep = Files.createDirectories(tmp.resolve("sweep"));
    Files.writeString(sweep.resolve(SweepOutput.SPEC), "fingerprint 0\n{}");
    Files.createDirectories(sweep.resolve("points"));
    assertEquals(Ownership.Kind.SWEEP, inspect(sweep).owner());
    Path gen = Files.createDirectories(tmp.resolve("gen"));
    Files.createDirectories(gen.resolve("configurations"));
    Files.createDirectories(gen.resolve("observables"));
    Files.writeString(gen.resolve("_SUCCESS"), "");
    assertEquals(Ownership.Kind.GENERATE, inspect(gen).owner());
    Files.writeString(gen.resolve("paper.pdf"), "x");
    assertNull(inspect(gen).owner(), "a foreign name makes an unmarked directory foreign");
  }

  @Test
  void atomicWritesReplaceAndLeaveNoTemporaryFiles(@TempDir Path tmp) throws Exception {
    org.apache.hadoop.fs.Path f = OutputLockTest.hpath(tmp.resolve("sub/file.txt"));
    AtomicFiles.write(f, conf, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(f, conf, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
    assertEquals("two", Files.readString(tmp.resolve("sub/file.txt")));
    try (var s = Files.list(tmp.resolve("sub"))) {
      assertEquals(List.of("file.txt"), s.map(p -> p.getFileName().toString()).toList());
    }
    try {
      AtomicFiles.write(f, conf, out -> {
        out.write("partial".getBytes(StandardCharsets.UTF_8));
        throw new java.io.IOException("disk full");
      });
    } catch (java.io.IOException expected) {
      // the writer failed half-way
    }
    assertEquals("two", Files.readString(tmp.resolve("sub/file.txt")), "a failed writer leaves the old file whole");
    try (var s = Files.list(tmp.resolve("sub"))) {
      assertEquals(1, s.count(), "and no temporary file");
    }
  }

  @Test
  void leftoversOfDeadWritersAreCleanedAndNothingElse(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("points/n_v=16"));
    Path leftover = Files.writeString(tmp.resolve("points/n_v=16/" + AtomicFiles.TEMP_PREFIX + "abc-x.parquet"), "");
    Files.createDirectories(tmp.resolve("flows"));
    Path old = Files.writeString(tmp.resolve("flows/.x.parquet.tmp-0123"), "");
    Path keep = Files.writeString(tmp.resolve("points/n_v=16/nv16-nh4-nt5-s1-0123456789abcdef.parquet"), "");
    Path hidden = Files.writeString(tmp.resolve(".keep-me"), "");
    int removed = AtomicFiles.cleanLeftovers(OutputLockTest.hpath(tmp), conf, 2);
    assertEquals(2, removed);
    assertFalse(Files.exists(leftover));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(keep));
    assertTrue(Files.exists(hidden));
  }
}
