package org.rbmflow.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rbmflow.random.SplitMix64;

/**
 * Every {@link Gemm} backend against a naive double-precision triple loop: all four transpose
 * combinations, α/β ≠ 1/0, odd and non-square sizes, offsets and padded leading dimensions (padding
 * filled with NaN, so reading it would show), and C's padding left untouched.
 */
class GemmTest {
  /** Relative tolerance on the Frobenius norm of the error. */
  private static final double TOLERANCE = 1e-4;
  private static final float SENTINEL = 12345.5f;
  private static final int[] SIZES = {1, 7, 63, 65, 100};

  /**
   * Backends by key; "native" is skipped (not failed) where the native library does not load, "java-vector" where
   * the JVM runs without the Vector API module.
   */
  static Stream<String> backends() {
    return Stream.of("java", "java-vector", "native", "netlib-java");
  }

  static Gemm backend(String key) {
    return switch (key) {
      case "java" -> JavaGemm.instance();
      case "java-vector" -> {
        Assumptions.assumeTrue(Linalg.vectorAvailable(), () -> "java-vector not available: " + Linalg.vectorStatus());
        yield VectorGemm.instance();
      }
      case "native" -> {
        Assumptions.assumeTrue(NativeGemm.available(), () -> "native BLAS not available: " + NativeGemm.status());
        yield NativeGemm.load();
      }
      case "netlib-java" -> NativeGemm.netlibJava();
      default -> throw new IllegalArgumentException(key);
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void matchesNaiveDoubleLoopOnAllSizeCombinations(String key) {
    Gemm g = backend(key);
    long seed = 1;
    for (int m : SIZES) {
      for (int n : SIZES) {
        for (int k : SIZES) {
          for (int t = 0; t < 4; t++) {
            check(g, (t & 1) != 0, (t & 2) != 0, m, n, k, 0.75f, -0.5f, seed++, true);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void alphaBetaVariantsAndDenseCalls(String key) {
    Gemm g = backend(key);
    float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {-1.25f, 1f}, {0.5f, 2f}, {0f, 0.5f}, {0f, 0f}, {2f, -1f}};
    long seed = 1000;
    for (float[] ab : alphaBeta) {
      for (int t = 0; t < 4; t++) {
        check(g, (t & 1) != 0, (t & 2) != 0, 63, 65, 7, ab[0], ab[1], seed++, true);
        check(g, (t & 1) != 0, (t & 2) != 0, 100, 1, 65, ab[0], ab[1], seed++, false);
      }
    }
  }

  /** Shapes larger than one block of {@link JavaGemm} (k &gt; KC, n or m &gt; NC) and the RBM shapes. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void largeAndRbmShapes(String key) {
    Gemm g = backend(key);
    long seed = 2000;
    int[][] shapes = {
        {70, 600, 300}, {600, 70, 300}, {3, 1030, 5}, {1030, 3, 260},
        // H = V·W, V' = H·Wᵀ, ΔW = Vᵀ·H at B = 100, N_v = 400, N_h = 64
        {100, 64, 400}, {100, 400, 64}, {400, 64, 100}};
    boolean[][] trans = {{false, false}, {false, true}, {true, false}, {true, true}};
    for (int[] s : shapes) {
      for (boolean[] tr : trans) {
        check(g, tr[0], tr[1], s[0], s[1], s[2], 1f, 0.25f, seed++, true);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void zeroSizesAndKZeroScaleC(String key) {
    Gemm g = backend(key);
    for (int t = 0; t < 4; t++) {
      check(g, (t & 1) != 0, (t & 2) != 0, 7, 5, 0, 1f, 0.5f, 3000 + t, true);
      check(g, (t & 1) != 0, (t & 2) != 0, 0, 5, 3, 1f, 0.5f, 3010 + t, true);
      check(g, (t & 1) != 0, (t & 2) != 0, 4, 0, 3, 1f, 0.5f, 3020 + t, true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void rejectsBadArgumentsInRowMajorTerms(String key) {
    Gemm g = backend(key);
    float[] a = new float[6];
    float[] b = new float[8];
    float[] c = new float[12];
    // ldb = 3 < n = 4 for B stored 2×4
    IllegalArgumentException ld = assertThrows(IllegalArgumentException.class,
        () -> g.gemm(false, false, 3, 4, 2, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 4));
    assertTrue(ld.getMessage().contains("leading dimension of B"), ld.getMessage());
    // C window 3×4 at offset 1 needs index 12
    assertThrows(IndexOutOfBoundsException.class,
        () -> g.gemm(false, false, 3, 4, 2, 1f, a, 0, 2, b, 0, 4, 0f, c, 1, 4));
    assertThrows(IllegalArgumentException.class,
        () -> g.gemm(false, false, -1, 4, 2, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 4));
    // A stored transposed is k×m = 2×3: lda must be ≥ 3
    assertThrows(IllegalArgumentException.class,
        () -> g.gemm(true, false, 3, 4, 2, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 4));
  }

  @Test
  void backendNames() {
    assertEquals("java-blocked", JavaGemm.instance().name());
    String netlib = NativeGemm.netlibJava().name();
    assertTrue(netlib.equals("netlib-f2j") || netlib.equals("netlib-vector"), netlib);
    if (NativeGemm.available()) {
      String name = NativeGemm.load().name();
      assertTrue(name.equals("openblas-jni") || name.equals("blas-jni"), name);
    }
  }

  /** The Java backend gives bit-identical results on repeated calls and from concurrent threads. */
  @Test
  void javaBackendIsDeterministicAndThreadSafe() throws Exception {
    Gemm g = JavaGemm.instance();
    int[][] shapes = {{100, 64, 400}, {100, 400, 64}, {400, 64, 100}, {65, 600, 130}};
    List<float[][]> inputs = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int s = 0; s < shapes.length; s++) {
      int m = shapes[s][0];
      int n = shapes[s][1];
      int k = shapes[s][2];
      float[] a = random(m * k, 50 + s);
      float[] b = random(k * n, 60 + s);
      inputs.add(new float[][] {a, b});
      float[] c = new float[m * n];
      g.gemm(s == 2, s == 1, m, n, k, 1f, a, b, 0f, c);
      expected.add(c);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int s = t % shapes.length;
        futures.add(pool.submit(() -> {
          int m = shapes[s][0];
          int n = shapes[s][1];
          int k = shapes[s][2];
          for (int rep = 0; rep < 5; rep++) {
            float[] c = new float[m * n];
            g.gemm(s == 2, s == 1, m, n, k, 1f, inputs.get(s)[0], inputs.get(s)[1], 0f, c);
            assertArrayEquals(expected.get(s), c);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs one product on padded, offset storage and compares with the double-precision reference.
   * A's and B's padding is NaN (must not be read); C's padding is a sentinel (must not be written);
   * with β = 0 C's window starts as NaN (must be ignored).
   */
  static void check(Gemm g, boolean transA, boolean transB, int m, int n, int k,
      float alpha, float beta, long seed, boolean padded) {
    // stored shapes: A is m×k (k×m when transposed), B is k×n (n×k), C is m×n
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int pad = padded ? 3 : 0;
    int lda = Math.max(1, aCols + pad);
    int ldb = Math.max(1, bCols + 2 * pad);
    int ldc = Math.max(1, n + pad);
    int aOff = padded ? 5 : 0;
    int bOff = padded ? 2 : 0;
    int cOff = padded ? 7 : 0;
    float[] a = stored(aRows, aCols, aOff, lda, Float.NaN, seed * 3);
    float[] b = stored(bRows, bCols, bOff, ldb, Float.NaN, seed * 3 + 1);
    float[] c = stored(m, n, cOff, ldc, SENTINEL, seed * 3 + 2);
    if (beta == 0f) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          c[cOff + i * ldc + j] = Float.NaN;
        }
      }
    }
    float[] a0 = a.clone();
    float[] b0 = b.clone();
    float[] c0 = c.clone();

    g.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);

    String what = g.name() + " " + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
        + " α=" + alpha + " β=" + beta + (padded ? " padded" : "");
    assertArrayEquals(a0, a, what + ": A modified");
    assertArrayEquals(b0, b, what + ": B modified");
    double err = 0;
    double norm = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        // reference: C = α·Σ_r op(A)(i,r)·op(B)(r,j) + β·C, in double
        double sum = 0;
        for (int r = 0; r < k; r++) {
          double x = transA ? a[aOff + r * lda + i] : a[aOff + i * lda + r];
          double y = transB ? b[bOff + j * ldb + r] : b[bOff + r * ldb + j];
          sum += x * y;
        }
        double old = c0[cOff + i * ldc + j];
        double ref = alpha * sum + (beta == 0f ? 0 : beta * old);
        double got = c[cOff + i * ldc + j];
        if (!Double.isFinite(got)) {
          fail(what + ": C(" + i + "," + j + ") = " + got);
        }
        err += (got - ref) * (got - ref);
        norm += ref * ref;
      }
    }
    assertTrue(Math.sqrt(err) <= TOLERANCE * Math.sqrt(norm) + 1e-30,
        what + ": ‖C − C_ref‖ = " + Math.sqrt(err) + " vs ‖C_ref‖ = " + Math.sqrt(norm));
    // C outside its m×n window: untouched
    for (int x = 0; x < c.length; x++) {
      int rel = x - cOff;
      boolean inside = rel >= 0 && m > 0 && n > 0 && rel / ldc < m && rel % ldc < n;
      if (!inside && Float.floatToRawIntBits(c[x]) != Float.floatToRawIntBits(c0[x])) {
        fail(what + ": C[" + x + "] outside the window changed from " + c0[x] + " to " + c[x]);
      }
    }
  }

  /** An array holding a rows×cols window at off with row stride ld, random in [-1, 1); the rest is fill. */
  static float[] stored(int rows, int cols, int off, int ld, float fill, long seed) {
    int length = off + (rows == 0 ? 0 : (rows - 1) * ld + cols) + 4;
    float[] x = new float[length];
    java.util.Arrays.fill(x, fill);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        x[off + i * ld + j] = uniform(seed, i * (long) cols + j);
      }
    }
    return x;
  }

  static float[] random(int length, long seed) {
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      x[i] = uniform(seed, i);
    }
    return x;
  }

  /** Element i of a uniform [-1, 1) stream addressed by seed (SplitMix64, as everywhere in rbmflow). */
  static float uniform(long seed, long i) {
    long bits = SplitMix64.mix(SplitMix64.derive(seed) + i * SplitMix64.GAMMA);
    return (bits >>> 40) * 0x1.0p-23f - 1f;
  }
}
