package org.rbmflow.linalg;

import java.util.Arrays;

/**
 * {@link VectorGemm} against {@link JavaGemm} on small integer matrices (exact in float, so the two agree whatever
 * their order of operations), in every orientation, with α = 1 and 2 (the packing with and without a
 * scale), β = 0 and 1 (storing and adding into C), a row tile and an edge row, a full and a padded column panel,
 * and a transposed A whose leading dimension is a multiple of 256 (the copied-A kernel): every Vector API call of
 * VectorGemm runs. Loaded by name by {@link VectorSelfCheck}.
 */
public final class VectorGemmCheck implements VectorKernelCheck {
  @Override
  public String run() {
    Gemm vector = VectorGemm.instance();
    Gemm java = JavaGemm.instance();
    int m = VectorGemm.MR + 1;
    int n = VectorGemm.NR + 1;
    int k = 3;
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        for (int lda : transA ? new int[] {m, 256} : new int[] {k}) {
          for (float alpha : new float[] {1f, 2f}) {
            for (float beta : new float[] {0f, 1f}) {
              float[] a = integers(k * Math.max(m, lda), 1);
              float[] b = integers(k * n, 2);
              float[] expected = integers(m * n, 3);
              float[] actual = expected.clone();
              int ldb = transB ? k : n;
              java.gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, expected, 0, n);
              vector.gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, actual, 0, n);
              if (!sameValues(expected, actual)) {
                return "VectorGemm transA=" + transA + " transB=" + transB + " lda=" + lda + " α=" + alpha + " β="
                    + beta + " gave " + Arrays.toString(actual) + ", JavaGemm " + Arrays.toString(expected);
              }
            }
          }
        }
      }
    }
    return null;
  }

  /** Equal values (±0 alike: the order of an exact sum may decide the sign of a zero). */
  private static boolean sameValues(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        return false;
      }
    }
    return true;
  }

  /** Integers in [−3, 3] from a fixed pattern (no generator needed for a check). */
  private static float[] integers(int length, int salt) {
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      x[i] = (i * 7 + salt * 5) % 7 - 3;
    }
    return x;
  }
}
