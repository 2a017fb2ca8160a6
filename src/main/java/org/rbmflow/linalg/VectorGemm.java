package org.rbmflow.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java row-major sgemm on the JDK's incubating Vector API ({@code "java-vector"}): a register-blocked
 * micro-kernel of {@value #MR} rows × 2 vectors of C held in {@code 2·MR} accumulators and updated with
 * {@code fma}, the scheme of optimised BLAS, in Java. Needs {@code --add-modules jdk.incubator.vector} at
 * compile and run time; {@link Linalg} touches this class only after {@link VectorSupport} has found the
 * module, so a JVM without it falls back to {@link JavaGemm} instead of failing.
 *
 * <p><b>Scheme.</b> The k extent is cut into blocks of at most {@value #KC} and the columns into blocks of
 * at most {@value #NC}. Each block of α·op(B) is copied into a per-thread workspace as panels of
 * {@code NR = 2·L} columns (L = lanes of the preferred float species: 8 with AVX2, 16 with AVX-512), each
 * panel row {@code NR} contiguous floats, the last panel padded with zeros; any transpose, leading
 * dimension and α is absorbed here. op(A) is read where it lies, either orientation (A's rows or A's
 * columns contiguous, one kernel for each), except that a transposed A whose leading dimension is a multiple
 * of 256 floats (N_v = 1024: its rows would share a few L1 cache sets) is copied one row tile at a time into a
 * small contiguous buffer. For each panel and each tile of
 * {@value #MR} rows (single rows at the bottom edge), the kernel runs over the block's k: two vector loads
 * of a panel row, one broadcast of an element of op(A) per tile row, {@code 2·MR} {@code fma}s; then it
 * stores its accumulators into C (first block of k with β = 0) or adds them to C (after C ← β·C when
 * β ∉ {0, 1}). A padded last panel goes through a small per-thread tile.
 *
 * <p><b>Why this shape.</b> AVX2 has 16 vector registers: 8 accumulators, 2 panel vectors and up to 4
 * broadcasts fit, so C2 never spills, even when it hoists all loads of an iteration (it does, and a 6 × 2
 * tile then spills accumulators to the stack). α and β are kept out of the kernels for the same reason:
 * floats live across the loop take vector registers too. The kernels index the panel with the loop counter
 * times a constant, so C2 drops its bounds checks, and no vector value crosses a call or a merge of branches,
 * so none is boxed (JDK 17's C2 allocates a vector object wherever one has to be materialised).
 *
 * <p><b>Results.</b> Every element of C is the chain of correctly rounded fused multiply-adds
 * Σ_r op(A)(i, r)·(α·op(B)(r, j)) over k in order, restarted at each block of {@value #KC} and added into C as
 * described, whatever the tile, the lane count or the CPU ({@code VectorGemmTest} checks it bit for bit
 * against that scalar model): results are bit-reproducible and independent of the vector width, though not
 * bit-identical to {@link JavaGemm}'s.
 *
 * <p><b>Threads.</b> Thread-safe: the only state is the per-thread workspace (at most
 * {@code 4·KC·NC} bytes, grown on a thread's first calls), so a call allocates nothing in steady state once
 * C2 has compiled the kernels (before that, in the first seconds of a JVM, the Vector API runs as slow
 * allocating Java code). One Spark task = one thread = one workspace.
 */
public final class VectorGemm implements Gemm {
  /** The float species: the widest the CPU supports (256 bits with AVX2, 512 with AVX-512). */
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Lanes per vector. */
  static final int L = SPECIES.length();
  /** Rows of C per micro-tile. */
  static final int MR = 4;
  /** Columns of C per micro-tile: two vectors. */
  static final int NR = 2 * L;
  /** k per block: a panel of op(B), KC × NR floats (16 KiB with AVX2), stays in L1 (128 and 512 were slower). */
  static final int KC = 256;
  /** Columns of op(B) packed at a time (a multiple of NR). */
  static final int NC = 512;

  private static final VectorGemm INSTANCE = new VectorGemm();
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** One thread's packed block of op(B) (grown to what the calls need, never shrunk) and edge tile. */
  private static final class Workspace {
    float[] packed = new float[0];
    final float[] tile = new float[MR * NR];
    /** One row tile of a transposed op(A), packed by {@link #packA}. */
    final float[] packedA = new float[KC * MR];

    float[] packed(int size) {
      if (packed.length < size) {
        packed = new float[size];
      }
      return packed;
    }
  }

  private VectorGemm() {}

  /** The shared instance; only call when {@link VectorSupport#available()}. */
  public static VectorGemm instance() {
    return INSTANCE;
  }

  /** Lanes of the float species in use. */
  static int lanes() {
    return L;
  }

  @Override
  public String name() {
    return "java-vector";
  }

  @Override
  public String toString() {
    return name() + " (" + L + " float lanes, " + MR + "×" + NR + " micro-tile, KC=" + KC + ", NC=" + NC + ")";
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
      JavaGemm.scale(m, n, beta, c, cOff, ldc);
      return;
    }
    if (beta != 0f && beta != 1f) {
      // C ← β·C first; the blocks then add into C
      JavaGemm.scale(m, n, beta, c, cOff, ldc);
    }
    Workspace ws = WORKSPACE.get();
    int kcap = Math.min(k, KC);
    int ncap = Math.min(n, NC);
    float[] bp = ws.packed(kcap * ((ncap + NR - 1) / NR) * NR);
    for (int jj = 0; jj < n; jj += NC) {
      int nb = Math.min(NC, n - jj);
      for (int kk = 0; kk < k; kk += KC) {
        int kb = Math.min(KC, k - kk);
        if (transB) {
          packTransposed(b, bOff + jj * ldb + kk, ldb, kb, nb, alpha, bp);
        } else {
          pack(b, bOff + kk * ldb + jj, ldb, kb, nb, alpha, bp);
        }
        // the first block of k overwrites C when β = 0, every other one adds to it
        boolean add = kk > 0 || beta != 0f;
        if (transA) {
          blockTransA(m, nb, kb, a, aOff + kk * lda, lda, bp, add, c, cOff + jj, ldc, ws);
        } else {
          block(m, nb, kb, a, aOff + kk, lda, bp, add, c, cOff + jj, ldc, ws.tile);
        }
      }
    }
  }

  /**
   * Panels of α·op(B) where op(B)(r, j) = b[bo + r·ldb + j], r &lt; kb, j &lt; nb: panel p holds columns
   * p·NR … p·NR + NR − 1 as bp[p·kb·NR + r·NR + (j − p·NR)], zeros past nb. Writes only bp.
   */
  private static void pack(float[] b, int bo, int ldb, int kb, int nb, float alpha, float[] bp) {
    int p = 0;
    for (; (p + 1) * NR <= nb; p++) {
      int dst = p * kb * NR;
      int src = bo + p * NR;
      if (alpha == 1f) {
        for (int r = 0; r < kb; r++) {
          FloatVector.fromArray(SPECIES, b, src + r * ldb).intoArray(bp, dst + r * NR);
          FloatVector.fromArray(SPECIES, b, src + r * ldb + L).intoArray(bp, dst + r * NR + L);
        }
      } else {
        for (int r = 0; r < kb; r++) {
          FloatVector.fromArray(SPECIES, b, src + r * ldb).mul(alpha).intoArray(bp, dst + r * NR);
          FloatVector.fromArray(SPECIES, b, src + r * ldb + L).mul(alpha).intoArray(bp, dst + r * NR + L);
        }
      }
    }
    int w = nb - p * NR;
    if (w > 0) {
      int dst = p * kb * NR;
      int src = bo + p * NR;
      for (int r = 0; r < kb; r++) {
        for (int j = 0; j < NR; j++) {
          bp[dst + r * NR + j] = j < w ? alpha * b[src + r * ldb + j] : 0f;
        }
      }
    }
  }

  /** As {@link #pack} for op(B)(r, j) = b[bo + j·ldb + r] (B stored transposed): reads each stored row once. */
  private static void packTransposed(float[] b, int bo, int ldb, int kb, int nb, float alpha, float[] bp) {
    int panels = (nb + NR - 1) / NR;
    for (int p = 0; p < panels; p++) {
      int dst = p * kb * NR;
      int w = Math.min(NR, nb - p * NR);
      for (int j = 0; j < w; j++) {
        int src = bo + (p * NR + j) * ldb;
        for (int r = 0; r < kb; r++) {
          bp[dst + r * NR + j] = alpha * b[src + r];
        }
      }
      for (int j = w; j < NR; j++) {
        for (int r = 0; r < kb; r++) {
          bp[dst + r * NR + j] = 0f;
        }
      }
    }
  }

  /**
   * C(i, j) = Σ_{r&lt;kb} A(i, r)·B(r, j) (+ C(i, j) when {@code add}) for i &lt; m, j &lt; nb, where A's rows are
   * contiguous, A(i, r) = a[ao + i·lda + r], B is the packed block and C(i, j) = c[co + i·ldc + j]. Panels outer,
   * so that each panel (KC × NR) stays in L1 while the row tiles stream A.
   */
  private static void block(int m, int nb, int kb, float[] a, int ao, int lda, float[] bp, boolean add,
      float[] c, int co, int ldc, float[] tile) {
    int panels = (nb + NR - 1) / NR;
    for (int p = 0; p < panels; p++) {
      int j = p * NR;
      int pb = p * kb * NR;
      int w = Math.min(NR, nb - j);
      int i = 0;
      for (; i + MR <= m; i += MR) {
        kernel4x2Rows(kb, a, ao + i * lda, lda, bp, pb, c, co + i * ldc + j, ldc, add, w, tile);
      }
      for (; i < m; i++) {
        kernel1x2Rows(kb, a, ao + i * lda, lda, bp, pb, c, co + i * ldc + j, ldc, add, w, tile);
      }
    }
  }

  /**
   * As {@link #block} for A stored transposed, A(i, r) = a[ao + r·lda + i]. Usually panels outer with A read in
   * place. When lda is a multiple of 256 floats (1 KiB), the kb rows a tile reads fall into at most 16 of the L1
   * cache's 64 sets and evict each other; then row tiles go outer instead, and each tile of A is first copied to a
   * contiguous buffer ({@link #packA}) that serves every panel.
   */
  private static void blockTransA(int m, int nb, int kb, float[] a, int ao, int lda, float[] bp, boolean add,
      float[] c, int co, int ldc, Workspace ws) {
    int panels = (nb + NR - 1) / NR;
    if ((lda & 255) != 0) {
      for (int p = 0; p < panels; p++) {
        int j = p * NR;
        int pb = p * kb * NR;
        int w = Math.min(NR, nb - j);
        int i = 0;
        for (; i + MR <= m; i += MR) {
          kernel4x2Cols(kb, a, ao + i, lda, bp, pb, c, co + i * ldc + j, ldc, add, w, ws.tile);
        }
        for (; i < m; i++) {
          kernel1x2Cols(kb, a, ao + i, lda, bp, pb, c, co + i * ldc + j, ldc, add, w, ws.tile);
        }
      }
      return;
    }
    float[] ap = ws.packedA;
    int i = 0;
    for (; i + MR <= m; i += MR) {
      packA(a, ao + i, lda, kb, ap);
      for (int p = 0; p < panels; p++) {
        int j = p * NR;
        kernel4x2Packed(kb, ap, 0, bp, p * kb * NR, c, co + i * ldc + j, ldc, add, Math.min(NR, nb - j), ws.tile);
      }
    }
    for (; i < m; i++) {
      for (int p = 0; p < panels; p++) {
        int j = p * NR;
        kernel1x2Cols(kb, a, ao + i, lda, bp, p * kb * NR, c, co + i * ldc + j, ldc, add, Math.min(NR, nb - j),
            ws.tile);
      }
    }
  }

  /** ap[r·MR + i] = a[ao + r·lda + i] for r &lt; kb, i &lt; MR = 4. Writes only ap. */
  private static void packA(float[] a, int ao, int lda, int kb, float[] ap) {
    for (int r = 0; r < kb; r++) {
      int src = ao + r * lda;
      ap[r * MR] = a[src];
      ap[r * MR + 1] = a[src + 1];
      ap[r * MR + 2] = a[src + 2];
      ap[r * MR + 3] = a[src + 3];
    }
  }

  /**
   * The first w &lt; NR columns of a tile of {@code rows} rows, held in {@code tile} as rows of NR, into C
   * (added when {@code add}). Used for the last, zero-padded panel.
   */
  private static void edgeStore(float[] tile, int rows, int w, float[] c, int pc, int ldc, boolean add) {
    for (int i = 0; i < rows; i++) {
      int t = i * NR;
      int x = pc + i * ldc;
      if (add) {
        for (int j = 0; j < w; j++) {
          c[x + j] += tile[t + j];
        }
      } else {
        System.arraycopy(tile, t, c, x, w);
      }
    }
  }

  // ---- micro-kernels (written out per tile height and A orientation; each keeps its accumulators in registers)

  /** 4 rows × 2 vectors of C; A's rows contiguous along k (element (i, r) at pa + i·lda + r). */
  private static void kernel4x2Rows(int kb, float[] a, int pa, int lda, float[] b, int pb,
      float[] c, int pc, int ldc, boolean add, int w, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    final int a0 = pa;
    final int a1 = pa + lda;
    final int a2 = pa + 2 * lda;
    final int a3 = pa + 3 * lda;
    for (int r = 0; r < kb; r++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb + r * NR);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + r * NR + L);
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + r]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, a[a1 + r]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, a[a2 + r]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, a[a3 + r]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    if (w < NR) {
      // a padded panel: only w columns exist in C
      c00.intoArray(tile, 0 * L);
      c01.intoArray(tile, 1 * L);
      c10.intoArray(tile, 2 * L);
      c11.intoArray(tile, 3 * L);
      c20.intoArray(tile, 4 * L);
      c21.intoArray(tile, 5 * L);
      c30.intoArray(tile, 6 * L);
      c31.intoArray(tile, 7 * L);
      edgeStore(tile, 4, w, c, pc, ldc, add);
    } else if (add) {
      c00.add(FloatVector.fromArray(SPECIES, c, pc)).intoArray(c, pc);
      c01.add(FloatVector.fromArray(SPECIES, c, pc + L)).intoArray(c, pc + L);
      c10.add(FloatVector.fromArray(SPECIES, c, pc + ldc)).intoArray(c, pc + ldc);
      c11.add(FloatVector.fromArray(SPECIES, c, pc + ldc + L)).intoArray(c, pc + ldc + L);
      c20.add(FloatVector.fromArray(SPECIES, c, pc + 2 * ldc)).intoArray(c, pc + 2 * ldc);
      c21.add(FloatVector.fromArray(SPECIES, c, pc + 2 * ldc + L)).intoArray(c, pc + 2 * ldc + L);
      c30.add(FloatVector.fromArray(SPECIES, c, pc + 3 * ldc)).intoArray(c, pc + 3 * ldc);
      c31.add(FloatVector.fromArray(SPECIES, c, pc + 3 * ldc + L)).intoArray(c, pc + 3 * ldc + L);
    } else {
      c00.intoArray(c, pc);
      c01.intoArray(c, pc + L);
      c10.intoArray(c, pc + ldc);
      c11.intoArray(c, pc + ldc + L);
      c20.intoArray(c, pc + 2 * ldc);
      c21.intoArray(c, pc + 2 * ldc + L);
      c30.intoArray(c, pc + 3 * ldc);
      c31.intoArray(c, pc + 3 * ldc + L);
    }
  }

  /** 1 row × 2 vectors of C; A's rows contiguous along k (element (i, r) at pa + i·lda + r). */
  private static void kernel1x2Rows(int kb, float[] a, int pa, int lda, float[] b, int pb,
      float[] c, int pc, int ldc, boolean add, int w, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    final int a0 = pa;
    for (int r = 0; r < kb; r++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb + r * NR);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + r * NR + L);
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + r]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
    }
    if (w < NR) {
      // a padded panel: only w columns exist in C
      c00.intoArray(tile, 0 * L);
      c01.intoArray(tile, 1 * L);
      edgeStore(tile, 1, w, c, pc, ldc, add);
    } else if (add) {
      c00.add(FloatVector.fromArray(SPECIES, c, pc)).intoArray(c, pc);
      c01.add(FloatVector.fromArray(SPECIES, c, pc + L)).intoArray(c, pc + L);
    } else {
      c00.intoArray(c, pc);
      c01.intoArray(c, pc + L);
    }
  }

  /** 4 rows × 2 vectors of C; A's columns contiguous (element (i, r) at pa + r·lda + i). */
  private static void kernel4x2Cols(int kb, float[] a, int pa, int lda, float[] b, int pb,
      float[] c, int pc, int ldc, boolean add, int w, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    int p = pa;
    for (int r = 0; r < kb; r++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb + r * NR);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + r * NR + L);
      FloatVector x = FloatVector.broadcast(SPECIES, a[p]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, a[p + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, a[p + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, a[p + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      p += lda;
    }
    if (w < NR) {
      // a padded panel: only w columns exist in C
      c00.intoArray(tile, 0 * L);
      c01.intoArray(tile, 1 * L);
      c10.intoArray(tile, 2 * L);
      c11.intoArray(tile, 3 * L);
      c20.intoArray(tile, 4 * L);
      c21.intoArray(tile, 5 * L);
      c30.intoArray(tile, 6 * L);
      c31.intoArray(tile, 7 * L);
      edgeStore(tile, 4, w, c, pc, ldc, add);
    } else if (add) {
      c00.add(FloatVector.fromArray(SPECIES, c, pc)).intoArray(c, pc);
      c01.add(FloatVector.fromArray(SPECIES, c, pc + L)).intoArray(c, pc + L);
      c10.add(FloatVector.fromArray(SPECIES, c, pc + ldc)).intoArray(c, pc + ldc);
      c11.add(FloatVector.fromArray(SPECIES, c, pc + ldc + L)).intoArray(c, pc + ldc + L);
      c20.add(FloatVector.fromArray(SPECIES, c, pc + 2 * ldc)).intoArray(c, pc + 2 * ldc);
      c21.add(FloatVector.fromArray(SPECIES, c, pc + 2 * ldc + L)).intoArray(c, pc + 2 * ldc + L);
      c30.add(FloatVector.fromArray(SPECIES, c, pc + 3 * ldc)).intoArray(c, pc + 3 * ldc);
      c31.add(FloatVector.fromArray(SPECIES, c, pc + 3 * ldc + L)).intoArray(c, pc + 3 * ldc + L);
    } else {
      c00.intoArray(c, pc);
      c01.intoArray(c, pc + L);
      c10.intoArray(c, pc + ldc);
      c11.intoArray(c, pc + ldc + L);
      c20.intoArray(c, pc + 2 * ldc);
      c21.intoArray(c, pc + 2 * ldc + L);
      c30.intoArray(c, pc + 3 * ldc);
      c31.intoArray(c, pc + 3 * ldc + L);
    }
  }

  /** 1 row × 2 vectors of C; A's columns contiguous (element (i, r) at pa + r·lda + i). */
  private static void kernel1x2Cols(int kb, float[] a, int pa, int lda, float[] b, int pb,
      float[] c, int pc, int ldc, boolean add, int w, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    int p = pa;
    for (int r = 0; r < kb; r++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb + r * NR);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + r * NR + L);
      FloatVector x = FloatVector.broadcast(SPECIES, a[p]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      p += lda;
    }
    if (w < NR) {
      // a padded panel: only w columns exist in C
      c00.intoArray(tile, 0 * L);
      c01.intoArray(tile, 1 * L);
      edgeStore(tile, 1, w, c, pc, ldc, add);
    } else if (add) {
      c00.add(FloatVector.fromArray(SPECIES, c, pc)).intoArray(c, pc);
      c01.add(FloatVector.fromArray(SPECIES, c, pc + L)).intoArray(c, pc + L);
    } else {
      c00.intoArray(c, pc);
      c01.intoArray(c, pc + L);
    }
  }

  /** 4 rows × 2 vectors of C; A packed by {@link #packA} (element (i, r) at pa + r·MR + i). */
  private static void kernel4x2Packed(int kb, float[] a, int pa, float[] b, int pb,
      float[] c, int pc, int ldc, boolean add, int w, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    for (int r = 0; r < kb; r++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb + r * NR);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + r * NR + L);
      FloatVector x = FloatVector.broadcast(SPECIES, a[pa + r * MR]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, a[pa + r * MR + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, a[pa + r * MR + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, a[pa + r * MR + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    if (w < NR) {
      // a padded panel: only w columns exist in C
      c00.intoArray(tile, 0 * L);
      c01.intoArray(tile, 1 * L);
      c10.intoArray(tile, 2 * L);
      c11.intoArray(tile, 3 * L);
      c20.intoArray(tile, 4 * L);
      c21.intoArray(tile, 5 * L);
      c30.intoArray(tile, 6 * L);
      c31.intoArray(tile, 7 * L);
      edgeStore(tile, 4, w, c, pc, ldc, add);
    } else if (add) {
      c00.add(FloatVector.fromArray(SPECIES, c, pc)).intoArray(c, pc);
      c01.add(FloatVector.fromArray(SPECIES, c, pc + L)).intoArray(c, pc + L);
      c10.add(FloatVector.fromArray(SPECIES, c, pc + ldc)).intoArray(c, pc + ldc);
      c11.add(FloatVector.fromArray(SPECIES, c, pc + ldc + L)).intoArray(c, pc + ldc + L);
      c20.add(FloatVector.fromArray(SPECIES, c, pc + 2 * ldc)).intoArray(c, pc + 2 * ldc);
      c21.add(FloatVector.fromArray(SPECIES, c, pc + 2 * ldc + L)).intoArray(c, pc + 2 * ldc + L);
      c30.add(FloatVector.fromArray(SPECIES, c, pc + 3 * ldc)).intoArray(c, pc + 3 * ldc);
      c31.add(FloatVector.fromArray(SPECIES, c, pc + 3 * ldc + L)).intoArray(c, pc + 3 * ldc + L);
    } else {
      c00.intoArray(c, pc);
      c01.intoArray(c, pc + L);
      c10.intoArray(c, pc + ldc);
      c11.intoArray(c, pc + ldc + L);
      c20.intoArray(c, pc + 2 * ldc);
      c21.intoArray(c, pc + 2 * ldc + L);
      c30.intoArray(c, pc + 3 * ldc);
      c31.intoArray(c, pc + 3 * ldc + L);
    }
  }

}
