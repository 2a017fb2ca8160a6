package org.rbmflow.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** submit/bench's command line: what it accepts, its defaults, and the one-line refusals (exit 2). */
class DriverArgsTest {
  private static final Path ROOT = Path.of("/repo/rbmflow");

  private static DriverArgs parse(Map<String, String> env, String... args) throws DriverArgs.UsageError {
    return DriverArgs.parse(List.of(args), env, ROOT);
  }

  private static String refusal(Map<String, String> env, String... args) {
    return assertThrows(DriverArgs.UsageError.class, () -> parse(env, args)).getMessage();
  }

  @Test
  void yardsticksDefaultBesideTheRepositoryOrFromTheEnvironment() throws Exception {
    assertEquals(new DriverArgs("mc", Path.of("/repo/shared/bench"), null, false), parse(Map.of(), "mc"));
    assertEquals(Path.of("/y"), parse(Map.of("RBMFLOW_YARDSTICKS", "/y"), "cd1").shared());
    assertEquals(Path.of("/z"), parse(Map.of("RBMFLOW_YARDSTICKS", "/y"), "cd1", "--shared", "/z").shared());
    assertEquals(Path.of("/z"), parse(Map.of(), "mc", "--shared=/z").shared());
  }

  @Test
  void outAndQuickMode() throws Exception {
    assertEquals(new DriverArgs("sweep", Path.of("/repo/shared/bench"), Path.of("r.md"), true),
        parse(Map.of("RBMFLOW_BENCH_QUICK", "1"), "sweep", "--out", "r.md"));
    assertEquals(Path.of("r.md"), parse(Map.of(), "train", "--out=r.md").out());
  }

  @Test
  void helpAnywhere() throws Exception {
    assertEquals(DriverArgs.help(), parse(Map.of(), "--help"));
    assertEquals(DriverArgs.help(), parse(Map.of(), "help"));
    assertEquals(DriverArgs.help(), parse(Map.of(), "memory", "-h"));
  }

  @Test
  void badUsageIsRefusedWithOneLine() {
    assertEquals("a command is required: mc, cd1, memory, train, sweep or costmodel", refusal(Map.of()));
    assertEquals("unknown command 'gemm' (expected mc, cd1, memory, train, sweep or costmodel)", refusal(Map.of(), "gemm"));
    assertEquals("--shared applies to 'mc' and 'cd1' only", refusal(Map.of(), "memory", "--shared", "/x"));
    assertEquals("--shared needs a directory", refusal(Map.of(), "mc", "--shared"));
    assertEquals("--out needs a file name", refusal(Map.of(), "mc", "--out="));
    assertEquals("unknown argument '--rounds'", refusal(Map.of(), "mc", "--rounds", "3"));
    assertEquals("RBMFLOW_BENCH_QUICK must be 0 or 1, not 'yes'", refusal(Map.of("RBMFLOW_BENCH_QUICK", "yes"), "mc"));
  }
}
