package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job spec must be UTF-8: any other bytes are bad input, exit 2 with one line naming the file, the first bad byte
 * and its offset (rbmflow sweep, in-process); UTF-8 text with non-ASCII characters reads as before.
 */
class SpecEncodingTest {
  private static final String SPEC = "name: enc\ngrid: {l: [4], n_h: [2], n_temp: [5], seeds: 1}\n";

  /** The problem line of a refused run: stderr is that line and the "Nothing was written" hint. */
  private static String problem(CliRun r) {
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(1).startsWith("Nothing was written."), r.err());
    return lines.get(0);
  }

  private static byte[] bytes(String prefix, int... raw) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    for (int x : raw) {
      b.write(x);
    }
    b.writeBytes(("\n" + SPEC).getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  @Test
  void nonUtf8SpecsAreRefusedWithTheirFirstBadByte(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("never");
    Object[][] cases = {
        // Latin-1 é, a lone continuation byte, a sequence cut short by the next character, UTF-16 with its mark
        {bytes("# caf", 0xE9), 0xE9, 5},
        {bytes("# x", 0x80), 0x80, 3},
        {bytes("# ", 0xE2, 0x82, 0x41), 0xE2, 2},
        {new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'n', 0, 'a'}, 0xFE, 0},
    };
    for (Object[] c : cases) {
      Path job = tmp.resolve("job.yaml");
      Files.write(job, (byte[]) c[0]);
      CliRun r = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--dry-run");
      assertEquals(2, r.code(), r.err());
      assertEquals(String.format("rbmflow sweep: JOB.yaml: '%s' is not UTF-8 text (invalid byte 0x%02X at offset %d); "
          + "expected a UTF-8 YAML file", job, (Integer) c[1], (Integer) c[2]), problem(r));
      assertEquals("", r.out());
    }
    // a sequence cut off by the end of the file: € is E2 82 AC
    Path cut = tmp.resolve("cut.yaml");
    byte[] whole = (SPEC + "# \u20ac").getBytes(StandardCharsets.UTF_8);
    Files.write(cut, Arrays.copyOf(whole, whole.length - 1));
    CliRun r = CliRun.run("sweep", cut.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(problem(r).contains("(invalid byte 0xE2 at offset " + (SPEC.length() + 2) + ")"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void utf8SpecsWithNonAsciiTextStillRead(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, "# Ising: T_c ≈ 2.269, café, 温度\n" + SPEC, StandardCharsets.UTF_8);
    CliRun r = CliRun.run("sweep", job.toString(), "--out", tmp.resolve("dry").toString(), "--dry-run");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void hugeFilesAreRefusedUnread(@TempDir Path tmp) throws Exception {
    Path huge = tmp.resolve("huge.yaml");
    // sparse: one byte past the limit, written at its end
    try (FileChannel ch = FileChannel.open(huge, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.SPARSE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'\n'}), TextFiles.MAX_BYTES);
    }
    CliRun r = CliRun.run("sweep", huge.toString(), "--dry-run");
    assertEquals(2, r.code(), r.err());
    assertEquals("rbmflow sweep: JOB.yaml: '" + huge + "' is " + (TextFiles.MAX_BYTES + 1) + " bytes; expected a UTF-8 YAML "
        + "file of at most " + TextFiles.MAX_BYTES + " bytes", problem(r));
  }
}
