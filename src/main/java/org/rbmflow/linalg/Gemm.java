package org.rbmflow.linalg;

/**
 * Row-major float32 general matrix multiply, {@code C = α·op(A)·op(B) + β·C}: the one operation
 * through which the large products of a CD step go (DESIGN §5). Obtain one from {@link Linalg#best()}.
 *
 * <p><b>Storage.</b> Every matrix is a window of a {@code float[]} in row-major order: element
 * (row r, column s) of X is {@code x[xOff + r·ldx + s]}, where the leading dimension {@code ldx} is the
 * distance between the starts of consecutive rows (≥ the row width; larger when X is a sub-block).
 *
 * <p><b>Shapes.</b> op(A) is m×k and op(B) is k×n, C is m×n:
 * <ul>
 *   <li>{@code transA = false}: A is stored m×k, {@code lda ≥ k}; {@code true}: A is stored k×m,
 *       {@code lda ≥ m}, and op(A) = Aᵀ.</li>
 *   <li>{@code transB = false}: B is stored k×n, {@code ldb ≥ n}; {@code true}: B is stored n×k,
 *       {@code ldb ≥ k}, and op(B) = Bᵀ.</li>
 *   <li>C is stored m×n, {@code ldc ≥ n}.</li>
 * </ul>
 * The three RBM products, with V (B×N_v), W (N_v×N_h), H (B×N_h):
 * H = V·W is {@code (false, false, B, N_h, N_v)}; V' = H·Wᵀ is {@code (false, true, B, N_v, N_h)};
 * ΔW += Vᵀ·H is {@code (true, false, N_v, N_h, B)}.
 *
 * <p><b>Who modifies what.</b> Only the m×n window of {@code c} is written; {@code a} and {@code b} are
 * only read, and elements of {@code c} outside the window (the gaps between rows when
 * {@code ldc > n}) are left alone. C must not overlap A or B. As in BLAS, {@code β = 0} means C's
 * previous contents are ignored (even NaN), and {@code α = 0} or {@code k = 0} reads neither A nor B.
 *
 * <p><b>Threads.</b> Implementations are stateless or keep per-thread workspaces: one instance may be
 * shared by all threads, and a call allocates nothing in steady state. A call runs on the calling
 * thread only (native BLAS is expected to be single-threaded: the launcher sets
 * {@code OPENBLAS_NUM_THREADS=1}).
 */
public interface Gemm {

  /**
   * {@code C = α·op(A)·op(B) + β·C} on row-major windows (see the class comment for shapes and storage).
   *
   * @param transA whether op(A) = Aᵀ (A stored k×m) rather than A (stored m×k)
   * @param transB whether op(B) = Bᵀ (B stored n×k) rather than B (stored k×n)
   * @param m rows of op(A) and of C, ≥ 0
   * @param n columns of op(B) and of C, ≥ 0
   * @param k columns of op(A) = rows of op(B), ≥ 0
   * @param alpha α, scales the product
   * @param a A's array, read only
   * @param aOff index of A's element (0, 0)
   * @param lda row stride of A as stored
   * @param b B's array, read only
   * @param bOff index of B's element (0, 0)
   * @param ldb row stride of B as stored
   * @param beta β, scales the previous C; 0 ignores it
   * @param c C's array: its m×n window is overwritten with the result
   * @param cOff index of C's element (0, 0)
   * @param ldc row stride of C, ≥ n
   * @throws IllegalArgumentException for negative sizes or too small leading dimensions
   * @throws IndexOutOfBoundsException when a window does not fit its array
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc);

  /**
   * The dense case: whole arrays, offsets 0, leading dimensions equal to the stored row widths
   * ({@code lda = transA ? m : k}, {@code ldb = transB ? k : n}, {@code ldc = n}). Only {@code c} is written.
   */
  default void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, float[] b, float beta, float[] c) {
    gemm(transA, transB, m, n, k, alpha, a, 0, Math.max(1, transA ? m : k), b, 0, Math.max(1, transB ? k : n),
        beta, c, 0, Math.max(1, n));
  }

  /**
   * The backend as recorded in result rows (column {@code backend}): {@code "openblas-jni"} (OpenBLAS
   * through netlib's JNI), {@code "blas-jni"} (another native BLAS through JNI), {@code "java-vector"}
   * (rbmflow's register-blocked kernels on the incubating Vector API, {@link VectorGemm}) or
   * {@code "java-blocked"} (rbmflow's own cache-blocked loops, {@link JavaGemm}); for comparisons only,
   * {@code "netlib-vector"} and {@code "netlib-f2j"} (netlib's pure-Java BLAS).
   */
  String name();
}
