package org.rbmflow.linalg;

import java.util.Objects;

/**
 * Argument checks shared by the {@link Gemm} backends, phrased in row-major terms so that a wrong call
 * fails the same way on every backend (and before native code sees it). Allocation-free unless it throws.
 */
final class GemmChecks {
  private GemmChecks() {}

  /** Validates one gemm call; reads nothing but the arguments. */
  static void check(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm sizes must be ≥ 0, got m = " + m + ", n = " + n + ", k = " + k);
    }
    Objects.requireNonNull(c, "c");
    // C is m×n; A is stored m×k (or k×m when transposed); B is stored k×n (or n×k).
    window("C", c, cOff, ldc, m, n);
    if (k == 0) {
      return; // A and B are not read
    }
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    window("A", a, aOff, lda, transA ? k : m, transA ? m : k);
    window("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
  }

  /** A rows×cols row-major window of x starting at off with row stride ld must fit in x. */
  private static void window(String which, float[] x, int off, int ld, int rows, int cols) {
    if (ld < Math.max(1, cols)) {
      throw new IllegalArgumentException("leading dimension of " + which + " (stored " + rows + "×" + cols
          + ", row-major) must be ≥ " + Math.max(1, cols) + ", got " + ld);
    }
    if (rows == 0 || cols == 0) {
      return;
    }
    // last element read or written: off + (rows-1)·ld + cols-1
    long last = off + (long) (rows - 1) * ld + cols - 1;
    if (off < 0 || last >= x.length) {
      throw new IndexOutOfBoundsException(which + " (stored " + rows + "×" + cols + ", offset " + off
          + ", leading dimension " + ld + ") needs indices " + off + ".." + last + " but the array has length "
          + x.length);
    }
  }
}
