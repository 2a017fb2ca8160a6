package org.rbmflow.linalg;

import java.util.Arrays;

/**
 * Pure-Java row-major sgemm ({@code "java-blocked"}): cache-blocked loops that HotSpot's C2 compiler
 * turns into SIMD code (SSE/AVX) without the incubating Vector API and without native code, so it runs
 * on any JVM with no flags. The fallback of {@link Linalg#best()} when native BLAS does not load.
 *
 * <p><b>Scheme.</b> The product is computed as D = P·Q with rows × cols = m × n (P = op(A), Q = op(B),
 * D(i, j) = C(i, j)) or, when m &gt; n, as its transpose n × m (P = op(B)ᵀ, Q = op(A)ᵀ, D(j, i) = C(i, j)),
 * so that the long dimension is the one the inner loop runs along. Q is cut into blocks of at most
 * {@link #KC} rows × {@link #NC} columns, each copied into a per-thread panel of separate row arrays;
 * for each block and each row i of D, a per-thread accumulator row is filled by
 * {@code acc[j] += p₀·q_r[j] + p₁·q_{r+1}[j] + p₂·q_{r+2}[j] + p₃·q_{r+3}[j]} and then added into C
 * as {@code C ← α·acc + β·C} (β only on the first block of k, 1 afterwards).
 *
 * <p><b>Why separate row arrays.</b> JDK 17's auto-vectoriser declines a loop whose float-array
 * accesses have different loop-invariant offsets ({@code c[ci+j] += a·b[bi+j]} stays scalar, about
 * 2 GFLOPS); with every access at the same index {@code [j]} it emits AVX code (10–40 GFLOPS). Packing
 * costs one copy of op(B) (or op(A)) per call and allows any transpose and leading dimension.
 *
 * <p>The order of additions is fixed by the shapes, so results are bit-reproducible for a given JVM and
 * CPU. Thread-safe (the only state is the per-thread workspace, {@code 4·(KC+1)·NC} bytes, allocated
 * on a thread's first call); no allocation per call after that.
 */
public final class JavaGemm implements Gemm {
  /** Rows of Q (the k extent) per block. */
  static final int KC = 128;
  /** Columns of Q and D per block: the inner loop's length. */
  static final int NC = 512;

  private static final JavaGemm INSTANCE = new JavaGemm();
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** One thread's panel (a KC×NC block of Q, row by row) and accumulator row. */
  private static final class Workspace {
    final float[][] panel = new float[KC][NC];
    final float[] acc = new float[NC];
  }

  private JavaGemm() {}

  /** The shared instance. */
  public static JavaGemm instance() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "java-blocked";
  }

  @Override
  public String toString() {
    return name() + " (KC=" + KC + ", NC=" + NC + ")";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (alpha == 0f || k == 0) {
      // C = β·C
      scale(m, n, beta, c, cOff, ldc);
      return;
    }
    // Strides of the stored operands: op(A)(i, r) = a[aOff + i·ai + r·ar], op(B)(r, j) = b[bOff + r·br + j·bj].
    int ai = transA ? 1 : lda;
    int ar = transA ? lda : 1;
    int br = transB ? 1 : ldb;
    int bj = transB ? ldb : 1;
    Workspace ws = WORKSPACE.get();
    if (m > n) {
      // Cᵀ = op(B)ᵀ·op(A)ᵀ: D is n×m, P(j, r) = op(B)(r, j), Q(r, i) = op(A)(i, r), D(j, i) → C(i, j)
      product(n, m, k, alpha, b, bOff, bj, br, a, aOff, ar, ai, beta, c, cOff, 1, ldc, ws);
    } else {
      // C = op(A)·op(B): D is m×n, P = op(A), Q = op(B), D(i, j) → C(i, j)
      product(m, n, k, alpha, a, aOff, ai, ar, b, bOff, br, bj, beta, c, cOff, ldc, 1, ws);
    }
  }

  /**
   * D = α·P·Q + β·D for D rows×cols, P rows×k, Q k×cols, where P(i, r) = p[po + i·pi + r·pr],
   * Q(r, j) = q[qo + r·qr + j·qj], D(i, j) = c[co + i·ci + j·cj]. Reads p and q; writes only D in c
   * and the workspace.
   */
  private static void product(int rows, int cols, int k, float alpha,
      float[] p, int po, int pi, int pr, float[] q, int qo, int qr, int qj,
      float beta, float[] c, int co, int ci, int cj, Workspace ws) {
    float[][] panel = ws.panel;
    float[] acc = ws.acc;
    for (int jj = 0; jj < cols; jj += NC) {
      int nb = Math.min(NC, cols - jj);
      for (int kk = 0; kk < k; kk += KC) {
        int kb = Math.min(KC, k - kk);
        pack(q, qo + kk * qr + jj * qj, qr, qj, kb, nb, panel);
        // β applies once, on the first block of k; later blocks add to what is there
        float bt = kk == 0 ? beta : 1f;
        for (int i = 0; i < rows; i++) {
          int pRow = po + i * pi + kk * pr;
          // acc[j] = Σ_{r<kb} P(i, kk+r)·Q(kk+r, jj+j)
          Arrays.fill(acc, 0, nb, 0f);
          int r = 0;
          for (; r + 3 < kb; r += 4) {
            axpy4(acc, panel[r], panel[r + 1], panel[r + 2], panel[r + 3],
                p[pRow + r * pr], p[pRow + (r + 1) * pr], p[pRow + (r + 2) * pr], p[pRow + (r + 3) * pr], nb);
          }
          for (; r < kb; r++) {
            axpy1(acc, panel[r], p[pRow + r * pr], nb);
          }
          // D(i, jj+j) = α·acc[j] + bt·D(i, jj+j)
          store(acc, nb, alpha, bt, c, co + i * ci + jj * cj, cj);
        }
      }
    }
  }

  /** acc[j] += p₀·q₀[j] + p₁·q₁[j] + p₂·q₂[j] + p₃·q₃[j] for j &lt; n; writes only acc. */
  private static void axpy4(float[] acc, float[] q0, float[] q1, float[] q2, float[] q3,
      float p0, float p1, float p2, float p3, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += p0 * q0[j] + p1 * q1[j] + p2 * q2[j] + p3 * q3[j];
    }
  }

  /** acc[j] += p₀·q₀[j] for j &lt; n; writes only acc. */
  private static void axpy1(float[] acc, float[] q0, float p0, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += p0 * q0[j];
    }
  }

  /** c[off + j·stride] = α·acc[j] + β·c[off + j·stride] for j &lt; n (β = 0 ignores old values); writes only c. */
  private static void store(float[] acc, int n, float alpha, float beta, float[] c, int off, int stride) {
    if (beta == 0f) {
      for (int j = 0; j < n; j++) {
        c[off + j * stride] = alpha * acc[j];
      }
    } else if (beta == 1f) {
      for (int j = 0; j < n; j++) {
        c[off + j * stride] += alpha * acc[j];
      }
    } else {
      for (int j = 0; j < n; j++) {
        int x = off + j * stride;
        c[x] = alpha * acc[j] + beta * c[x];
      }
    }
  }

  /**
   * panel[r][j] = q[qo + r·qr + j·qj] for r &lt; kb, j &lt; nb: copies a kb×nb block of Q row by row.
   * Writes only panel.
   */
  private static void pack(float[] q, int qo, int qr, int qj, int kb, int nb, float[][] panel) {
    if (qj == 1) {
      for (int r = 0; r < kb; r++) {
        System.arraycopy(q, qo + r * qr, panel[r], 0, nb);
      }
      return;
    }
    // Q is stored transposed (qr = 1): 8×8 tiles keep the strided side within a few cache lines.
    for (int j0 = 0; j0 < nb; j0 += 8) {
      int j1 = Math.min(nb, j0 + 8);
      for (int r0 = 0; r0 < kb; r0 += 8) {
        int r1 = Math.min(kb, r0 + 8);
        for (int j = j0; j < j1; j++) {
          int src = qo + j * qj;
          for (int r = r0; r < r1; r++) {
            panel[r][j] = q[src + r * qr];
          }
        }
      }
    }
  }

  /** C ← β·C on the m×n window (β = 0 writes zeros); writes only c. Shared with {@link NativeGemm}. */
  static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      if (beta == 0f) {
        Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }
}
