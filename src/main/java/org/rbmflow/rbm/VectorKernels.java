package org.rbmflow.rbm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise loops of a CD step on the incubating Vector API: each gives results bit-identical to its
 * scalar twin in {@link Activations}, {@link org.rbmflow.ising.SpinBlock#unpack} or {@link CdTrainer} (the same
 * IEEE operations in the same order, no fused multiply-add where the scalar code multiplies and adds, lanewise
 * MIN/MAX with {@link Math#min}/{@link Math#max} semantics, the same uniforms); {@code VectorKernelsTest}
 * checks it. Only called when {@link org.rbmflow.linalg.VectorSupport#available()}: this class links against
 * {@code jdk.incubator.vector} and must not be loaded otherwise. Stateless; allocation-free once compiled
 * (no vector value crosses a call or a branch, so C2 keeps them all in registers).
 */
final class VectorKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int LF = F.length();
  private static final int LI = I.length();
  /** Lane j of this vector is 31 − j: shifting a broadcast word left by it puts bit j at the sign bit. */
  private static final int[] SHIFTS = new int[LI];

  static {
    for (int j = 0; j < LI; j++) {
      SHIFTS[j] = 31 - j;
    }
  }

  private VectorKernels() {}

  /** Lanes of the float species (for tests and logs). */
  static int lanes() {
    return LF;
  }

  /**
   * As {@link Activations#tanhWithBias(float[], int, int, int, float[], float[])}. A row whose
   * length is not a multiple of the vector length but at least one vector ends with one vector over its last LF
   * entries, computed from their inputs into {@code scratch} (length ≥ LF) before the row is overwritten and copied
   * back after it: the entries it shares with the row's last full vector get the same values twice, so the scalar
   * tail (a division per entry) is gone. No vector value lives across the loop.
   */
  static void tanhWithBias(float[] x, int off, int rows, int cols, float[] bias, float[] scratch) {
    final int vecEnd = cols - cols % LF;
    final boolean overlap = vecEnd != cols && cols >= LF;
    for (int r = 0; r < rows; r++) {
      int o = off + r * cols;
      if (overlap) {
        tanhVector(x, o + cols - LF, bias, cols - LF, scratch, 0);
      }
      int j = 0;
      for (; j < vecEnd; j += LF) {
        tanhVector(x, o + j, bias, j, x, o + j);
      }
      if (overlap) {
        System.arraycopy(scratch, 0, x, o + cols - LF, LF);
        continue;
      }
      for (; j < cols; j++) {
        x[o + j] = Activations.tanh(x[o + j] + bias[j]);
      }
    }
  }

  /**
   * dst[dOff … dOff + LF) = {@link Activations#tanh}(x[xOff + k] + bias[bOff + k]), bit for bit. Arrays in, arrays
   * out: a vector passed to or returned from a method that C2 does not inline (e.g. one it compiled on its own
   * first) is boxed on every call.
   */
  private static void tanhVector(float[] x, int xOff, float[] bias, int bOff, float[] dst, int dOff) {
    FloatVector v = FloatVector.fromArray(F, x, xOff).add(FloatVector.fromArray(F, bias, bOff));
    // rational(v): xc = max(−CLAMP, min(CLAMP, v)), p = xc·(P0 + z·(P1 + z·(P2 + z·P3))),
    // q = 1 + z·(Q1 + z·(Q2 + z·(Q3 + z·Q4))), z = xc²; then max(−1, min(1, K·p/q)).
    // min/max against a non-zero constant c as compare-and-blend: min(c, v) = (v > c ? c : v) and
    // max(−c, v) = (v < −c ? −c : v) agree with Math.min/max bit for bit (NaN compares false and passes
    // through, ±0 never ties with c), at 2 instructions instead of the 5 of the API's MIN/MAX
    FloatVector xc = v.blend(Activations.CLAMP, v.compare(VectorOperators.GT, Activations.CLAMP));
    xc = xc.blend(-Activations.CLAMP, xc.compare(VectorOperators.LT, -Activations.CLAMP));
    FloatVector z = xc.mul(xc);
    FloatVector p = xc.mul(z.mul(z.mul(z.mul(Activations.P3).add(Activations.P2)).add(Activations.P1))
        .add(Activations.P0));
    FloatVector q = z.mul(z.mul(z.mul(z.mul(Activations.Q4).add(Activations.Q3)).add(Activations.Q2))
        .add(Activations.Q1)).add(1f);
    FloatVector t = p.div(q).mul(Activations.K);
    t = t.blend(1f, t.compare(VectorOperators.GT, 1f));
    t.blend(-1f, t.compare(VectorOperators.LT, -1f)).intoArray(dst, dOff);
  }

  /**
   * As {@link org.rbmflow.ising.SpinBlock#unpack}: the configuration in {@code bits[base …]} (site j is bit j mod 64
   * of word ⌊j/64⌋, 1 = +1) as ±1 floats into {@code out[off … off + sites)}. Each lane turns its bit into the sign
   * of −1f = 0xBF800000, exactly as the scalar code.
   */
  static void unpack(long[] bits, int base, int sites, float[] out, int off) {
    IntVector shifts = IntVector.fromArray(I, SHIFTS, 0);
    int j = 0;
    // whole groups of LI sites (LI divides 64)
    final int vecEnd = sites - sites % LI;
    for (; j < vecEnd; j += LI) {
      int word = (int) (bits[base + (j >>> 6)] >>> (j & 63));
      IntVector.broadcast(I, word).lanewise(VectorOperators.LSHL, shifts).and(0x80000000)
          .lanewise(VectorOperators.XOR, 0xBF800000).reinterpretAsFloats().intoArray(out, off + j);
    }
    for (; j < sites; j++) {
      long w = bits[base + (j >>> 6)];
      out[off + j] = Float.intBitsToFloat(0xBF800000 ^ ((int) (w >>> (j & 63)) << 31));
    }
  }

  /** acc[i] += x[o1 + i] − x[o2 + i] for i &lt; n (the bias gradients of {@link CdTrainer}). */
  static void addDifference(float[] acc, float[] x, int o1, int o2, int n) {
    int i = 0;
    final int vecEnd = n - n % LF;
    for (; i < vecEnd; i += LF) {
      FloatVector.fromArray(F, acc, i)
          .add(FloatVector.fromArray(F, x, o1 + i).sub(FloatVector.fromArray(F, x, o2 + i)))
          .intoArray(acc, i);
    }
    for (; i < n; i++) {
      acc[i] += x[o1 + i] - x[o2 + i];
    }
  }
}
