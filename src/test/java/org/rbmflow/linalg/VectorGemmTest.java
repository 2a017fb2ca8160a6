package org.rbmflow.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemm} ({@code java-vector}) beyond the shared {@link GemmTest} cases (which also run it): every
 * transpose combination on sizes around its tile, panel and block edges (1, 3, 17, 65, …, 400, KC ± 1, NC + 1),
 * offsets and padded leading dimensions (and a transposed A with lda a multiple of 256, which takes the
 * tile-packing path), α/β, against the double-precision triple loop; bit-exactness against
 * the scalar model its class comment promises; determinism across threads.
 */
class VectorGemmTest {
  private static Gemm g;

  @BeforeAll
  static void vectorApi() {
    Assumptions.assumeTrue(Linalg.vectorAvailable(), () -> "java-vector not available: " + Linalg.vectorStatus());
    g = VectorGemm.instance();
  }

  @Test
  void nameAndSelfCheck() {
    assertEquals("java-vector", g.name());
    assertNull(Linalg.selfCheck(g));
  }

  /** All four transpose combinations on odd sizes, padded and offset storage, α = 0.75, β = −0.5. */
  @Test
  void oddSizesAllTransposes() {
    int[] sizes = {1, 3, 4, 5, 17, 65};
    long seed = 1;
    for (int m : sizes) {
      for (int n : sizes) {
        for (int k : sizes) {
          for (int t = 0; t < 4; t++) {
            GemmTest.check(g, (t & 1) != 0, (t & 2) != 0, m, n, k, 0.75f, -0.5f, seed++, true);
          }
        }
      }
    }
  }

  /**
   * Shapes at the edges of the micro-tile (MR rows, NR columns), of a k block (KC) and of a packed column block
   * (NC), and the RBM shapes, with several α/β.
   */
  @Test
  void tileBlockAndPanelEdges() {
    int nr = VectorGemm.NR;
    int kc = VectorGemm.KC;
    int nc = VectorGemm.NC;
    int[][] shapes = {
        {400, 64, 100}, {100, 400, 64}, {100, 64, 400}, {400, 64, 200}, {100, 16, 100}, {1, 400, 1},
        {VectorGemm.MR + 1, nr + 1, kc + 1}, {2 * VectorGemm.MR - 1, 2 * nr - 1, kc - 1}, {7, nr - 1, 2 * kc + 3},
        {13, nc + nr + 3, 33}, {33, nc - 1, 9}, {401, 17, 3}, {3, 3, 600},
        // transposed A with lda = m = 256 or 1024 (unpadded calls): the tile-packing path of blockTransA
        {256, 37, 100}, {1024, 169, 200}};
    float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {-1.25f, 0.5f}, {0.5f, 2f}, {0f, 0.5f}};
    long seed = 100;
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        float[] ab = alphaBeta[(int) (seed % alphaBeta.length)];
        GemmTest.check(g, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1], seed++, true);
        GemmTest.check(g, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1], seed++, false);
      }
    }
  }

  /**
   * The class comment's promise, bit for bit: C(i, j) is the fma chain Σ_r op(A)(i, r)·(α·op(B)(r, j)) in order,
   * restarted at every block of KC and added into C (after C ← β·C when β ∉ {0, 1}; overwritten when β = 0).
   * So the result depends neither on the tile nor on the vector width.
   */
  @Test
  void bitExactAgainstTheScalarModel() {
    int[][] shapes = {{100, 64, 400}, {100, 400, 64}, {400, 64, 200}, {9, 37, 2 * VectorGemm.KC + 5},
        {5, VectorGemm.NC + 21, 11}, {1, 1, 1},
        // lda = m + 2 = 256 when A is transposed: the tile-packing path
        {254, 40, 300}};
    float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {0.75f, -0.5f}, {-2f, 0f}};
    long seed = 500;
    for (int[] s : shapes) {
      for (float[] ab : alphaBeta) {
        for (int t = 0; t < 4; t++) {
          exact((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1], seed++);
        }
      }
    }
  }

  private static void exact(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, long seed) {
    int lda = (transA ? m : k) + 2;
    int ldb = (transB ? k : n) + 1;
    int ldc = n + 3;
    float[] a = GemmTest.stored(transA ? k : m, transA ? m : k, 1, lda, 0f, seed);
    float[] b = GemmTest.stored(transB ? n : k, transB ? k : n, 2, ldb, 0f, seed + 1);
    float[] c = GemmTest.stored(m, n, 3, ldc, 0f, seed + 2);
    float[] expected = c.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int x = 3 + i * ldc + j;
        float cij = beta == 0f ? 0f : beta == 1f ? expected[x] : beta * expected[x];
        for (int kk = 0; kk < k; kk += VectorGemm.KC) {
          float acc = 0f;
          for (int r = kk; r < Math.min(k, kk + VectorGemm.KC); r++) {
            float av = transA ? a[1 + r * lda + i] : a[1 + i * lda + r];
            float bv = transB ? b[2 + j * ldb + r] : b[2 + r * ldb + j];
            acc = Math.fma(av, alpha * bv, acc);
          }
          cij = beta == 0f && kk == 0 ? acc : cij + acc;
        }
        expected[x] = cij;
      }
    }
    g.gemm(transA, transB, m, n, k, alpha, a, 1, lda, b, 2, ldb, beta, c, 3, ldc);
    for (int x = 0; x < c.length; x++) {
      if (Float.floatToRawIntBits(c[x]) != Float.floatToRawIntBits(expected[x])) {
        fail((transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k + " α=" + alpha
            + " β=" + beta + ": c[" + x + "] = " + c[x] + ", the scalar model gives " + expected[x]);
      }
    }
  }

  /** Per-thread workspaces: concurrent callers get the results of a lone caller, bit for bit. */
  @Test
  void deterministicAcrossThreads() throws Exception {
    int[][] shapes = {{100, 64, 400}, {100, 400, 64}, {400, 64, 200}, {65, 600, 300}};
    List<float[][]> inputs = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int s = 0; s < shapes.length; s++) {
      int m = shapes[s][0];
      int n = shapes[s][1];
      int k = shapes[s][2];
      float[] a = GemmTest.random(m * k, 70 + s);
      float[] b = GemmTest.random(k * n, 80 + s);
      inputs.add(new float[][] {a, b});
      float[] c = new float[m * n];
      g.gemm(s == 2, s == 1 || s == 3, m, n, k, 1f, a, b, 0f, c);
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
          for (int rep = 0; rep < 4; rep++) {
            float[] c = new float[m * n];
            g.gemm(s == 2, s == 1 || s == 3, m, n, k, 1f, inputs.get(s)[0], inputs.get(s)[1], 0f, c);
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
}
