package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;

/**
 * Sizes whose products do not fit a Java array, or whose arrays do not fit the heap, are bad input for every bench
 * command: exit 2 and a line per product naming the options, their values and the bound, before anything is
 * allocated (no int overflow deep in a run, no OutOfMemoryError after minutes).
 */
class BenchLimitsTest {
  private static final long MAX = ArrayBudget.MAX_ARRAY_LENGTH;

  /** The problem lines of a refused run (stderr less the closing hint). */
  private static List<String> problems(CliRun r) {
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(lines.size() - 1).startsWith("Nothing was written."), r.err());
    assertEquals("", r.out());
    return lines.subList(0, lines.size() - 1);
  }

  @Test
  void gemmProductsPastAnArrayAreRefused() {
    // the case: every one of the three products is 2^32 floats
    String bound = " floats exceed " + MAX + " (2^31−9, the longest array a JVM allocates); expected ";
    assertEquals(List.of(
        "rbmflow bench gemm: --batch × --nv: 65536 × 65536 = 4294967296" + bound + "batch·nv ≤ " + MAX,
        "rbmflow bench gemm: --nv × --nh: 65536 × 65536 = 4294967296" + bound + "nv·nh ≤ " + MAX,
        "rbmflow bench gemm: --batch × --nh: 65536 × 65536 = 4294967296" + bound + "batch·nh ≤ " + MAX),
        problems(CliRun.run("bench", "gemm", "--nv", "65536", "--nh", "65536", "--batch", "65536")));
    // one product too large is named alone
    List<String> one = problems(CliRun.run("bench", "gemm", "--nv", "65536", "--nh", "32769", "--batch", "1"));
    assertEquals(1, one.size(), one.toString());
    assertTrue(one.get(0).startsWith("rbmflow bench gemm: --nv × --nh: 65536 × 32769 = 2147549184 floats exceed"), one.get(0));
  }

  @Test
  void gemmArraysBeyondTheHeapAreRefused() {
    long heap = Runtime.getRuntime().maxMemory();
    // 46000² floats fit an array; six such arrays (W, dW and the B × N operands) take 50 GiB
    Assumptions.assumeTrue(heap < 40L << 30, "this JVM's heap (" + ArrayBudget.size(heap) + ") would hold them");
    List<String> p = problems(CliRun.run("bench", "gemm", "--nv", "46000", "--nh", "46000", "--batch", "46000"));
    assertEquals(List.of("rbmflow bench gemm: --batch, --nv, --nh: 46000, 46000, 46000 need 47.3 GiB of arrays; expected sizes "
        + "whose arrays fit the JVM's maximum heap, " + ArrayBudget.size(heap) + " (smaller values, or a larger -Xmx in "
        + "JAVA_OPTS)"), p);
  }

  @Test
  void cd1CountsItsDataAndTrainerArrays() {
    List<String> p = problems(CliRun.run("bench", "cd1", "--nv", "65536", "--nh", "65536", "--samples", "10000000",
        "--batch", "100000"));
    assertEquals(4, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("rbmflow bench cd1: --nv × --nh: 65536 × 65536 = 4294967296 floats"), p.get(0));
    assertTrue(p.get(1).startsWith("rbmflow bench cd1: 2 × --batch × --nv: 2 × 100000 × 65536 = 13107200000 floats"), p.get(1));
    assertTrue(p.get(1).endsWith("expected 2·batch·nv ≤ " + MAX), p.get(1));
    assertTrue(p.get(2).startsWith("rbmflow bench cd1: 2 × --batch × --nh"), p.get(2));
    assertTrue(p.get(3).startsWith("rbmflow bench cd1: --samples × --nv: 10000000 × ⌈65536/64⌉ = 10240000000 longs"), p.get(3));
    assertTrue(p.get(3).endsWith("expected samples·⌈nv/64⌉ ≤ " + MAX), p.get(3));
  }

  @Test
  void dataAndTrainingSetsBeyondTheHeapOrATableAreRefused() {
    List<String> data = problems(CliRun.run("bench", "dataset", "--l", "128", "--n-temp", "1000", "--t-step", "0.01",
        "--configs", "1000000"));
    assertEquals(1, data.size(), data.toString());
    assertTrue(data.get(0).startsWith("rbmflow bench dataset: --n-temp, --configs, --l, --threads, --probe-sweeps: 1000, "
        + "1000000, 128, "), data.get(0));
    assertTrue(data.get(0).contains(" need 1.9 TiB of arrays; expected sizes whose arrays fit the JVM's maximum heap"),
        data.get(0));
    List<String> train = problems(CliRun.run("bench", "train", "--l", "2", "--n-temp", "3000", "--t-step", "0.01",
        "--configs", "1000000", "--n-h", "4"));
    assertEquals("rbmflow bench train: --n-temp × --configs: 3000 × 1000000 = 3000000000 configurations exceed 2147483647 "
        + "(2^31−1, a training set's limit); expected n-temp·configs ≤ 2147483647", train.get(0));
  }

  @Test
  void budgetArithmetic() {
    ArrayBudget b = new ArrayBudget(1000)
        .arrays(Factor.constant(2), Unit.FLOATS, Factor.of("--a", 10), Factor.of("--b", 10))
        .arrays(Factor.of("--n", 3), Unit.LONGS, Factor.words("--bits", 65));
    assertEquals(2 * 100 * 4 + 3 * 2 * 8, b.bytes());
    b.check();
    UsageException heap = assertThrows(UsageException.class, () -> new ArrayBudget(100)
        .arrays(Factor.constant(1), Unit.DOUBLES, Factor.squared("--l", 4)).check());
    assertEquals(List.of("--l: 4 need 128 bytes of arrays; expected sizes whose arrays fit the JVM's maximum heap, "
        + "100 bytes (smaller values, or a larger -Xmx in JAVA_OPTS)"), heap.problems());
    // products that overflow a long saturate instead of wrapping around to something small
    ArrayBudget huge = new ArrayBudget(Long.MAX_VALUE).arrays(Factor.constant(1), Unit.FLOATS,
        Factor.of("--x", Long.MAX_VALUE / 2), Factor.of("--y", 4));
    assertEquals(Long.MAX_VALUE, huge.bytes());
    UsageException e = assertThrows(UsageException.class, huge::check);
    assertTrue(e.problems().get(0).contains("= more than " + Long.MAX_VALUE + " floats"), e.problems().get(0));
    assertEquals("3.0 GiB", ArrayBudget.size(3L << 30));
    assertEquals("1023 bytes", ArrayBudget.size(1023));
  }
}
