package org.rbmflow.rbm;

import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rbmflow.random.Xoshiro256PlusPlusX8;

/**
 * The full blocks of {@link SignSampler#sample} on the incubating Vector API: the eight xoshiro256++ lanes of a
 * {@link Xoshiro256PlusPlusX8} as two 4-lane {@code LongVector}s per state word (lanes 0–3 and lanes 4–7), 16
 * draws per step. The species are fixed at 256 bits whatever the hardware, so the stream layout does not
 * depend on the machine; outputs and final state are bit-identical to the scalar loop of {@link SignSampler}.
 * Only called when {@link org.rbmflow.linalg.VectorSupport#available()}: this class links against
 * {@code jdk.incubator.vector} and must not be loaded otherwise. Stateless, allocation-free once compiled.
 */
final class VectorSampling {
  private static final VectorSpecies<Long> L = LongVector.SPECIES_256;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  /** s_i of lanes 0–3 is state[8i … 8i + 4), of lanes 4–7 state[8i + 4 … 8i + 8). */
  private static final int LANES = Xoshiro256PlusPlusX8.LANES;
  private static final int HALF = LANES / 2;
  private static final int BLOCK = Xoshiro256PlusPlusX8.INTS_PER_STEP;
  /** The mantissa bits 22…0 of both 32-bit halves of a word. */
  private static final long HALF_MANTISSAS = 0x007FFFFF_007FFFFFL;
  /** 0x40000001 in both halves: exponent of [2, 4) and the mantissa's lowest bit. */
  private static final long HALF_EXPONENTS = 0x40000001_40000001L;

  private VectorSampling() {}

  /**
   * out[outOff + i] = mean[meanOff + i] &gt; v_i ? +1 : −1 for i &lt; n, n a multiple of 16, advancing
   * {@code state} (the live array of a {@link Xoshiro256PlusPlusX8}) n/16 steps. mean and out must not overlap
   * unless they are the same window. Bounds are the caller's to check; {@code bytes} (≥ 64) is scratch.
   *
   * <p>Each iteration loads the 8 state vectors from {@code state} and stores them back, so that no vector value is
   * carried from one iteration to the next. Carried in registers (the loop's phis), they ran 30–40 % faster in a
   * small harness, but C2 (JDK 17) boxes such phis when it cannot type them exactly, which it failed to do once the
   * loop was inlined into the CD trainer: 3.9 ns a draw with garbage collections, against about 0.45 ns here.
   */
  static void sample(long[] state, float[] mean, int meanOff, float[] out, int outOff, int n, byte[] bytes) {
    // every constant as a vector made once, outside the loop: the scalar forms (x.sub(3f), m.blend(1f, …)) add a
    // broadcast and several levels of inlining to each use, and once C2 (JDK 17) gave up on those in this loop
    // ("inlining too deep"), the whole kernel ran on the allocating fallback
    final LongVector mantissas = LongVector.broadcast(L, HALF_MANTISSAS);
    final LongVector exponents = LongVector.broadcast(L, HALF_EXPONENTS);
    final FloatVector three = FloatVector.broadcast(F, 3f);
    final FloatVector plus = FloatVector.broadcast(F, 1f);
    final FloatVector minus = FloatVector.broadcast(F, -1f);
    for (int i = 0; i < n; i += BLOCK) {
      LongVector a0 = LongVector.fromArray(L, state, 0);
      LongVector b0 = LongVector.fromArray(L, state, HALF);
      LongVector a1 = LongVector.fromArray(L, state, LANES);
      LongVector b1 = LongVector.fromArray(L, state, LANES + HALF);
      LongVector a2 = LongVector.fromArray(L, state, 2 * LANES);
      LongVector b2 = LongVector.fromArray(L, state, 2 * LANES + HALF);
      LongVector a3 = LongVector.fromArray(L, state, 3 * LANES);
      LongVector b3 = LongVector.fromArray(L, state, 3 * LANES + HALF);
      // xoshiro256++ on each group: r = rotl(s0 + s3, 23) + s0; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2;
      // s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45), with rotl(x, k) = (x << k) | (x >>> (64 − k))
      LongVector x = a0.add(a3);
      LongVector ra = x.lanewise(VectorOperators.LSHL, 23).or(x.lanewise(VectorOperators.LSHR, 41)).add(a0);
      LongVector t = a1.lanewise(VectorOperators.LSHL, 17);
      a2 = a2.lanewise(VectorOperators.XOR, a0);
      a3 = a3.lanewise(VectorOperators.XOR, a1);
      a1 = a1.lanewise(VectorOperators.XOR, a2);
      a0 = a0.lanewise(VectorOperators.XOR, a3);
      a2 = a2.lanewise(VectorOperators.XOR, t);
      a3 = a3.lanewise(VectorOperators.LSHL, 45).or(a3.lanewise(VectorOperators.LSHR, 19));
      a0.intoArray(state, 0);
      a1.intoArray(state, LANES);
      a2.intoArray(state, 2 * LANES);
      a3.intoArray(state, 3 * LANES);

      LongVector y = b0.add(b3);
      LongVector rb = y.lanewise(VectorOperators.LSHL, 23).or(y.lanewise(VectorOperators.LSHR, 41)).add(b0);
      LongVector u = b1.lanewise(VectorOperators.LSHL, 17);
      b2 = b2.lanewise(VectorOperators.XOR, b0);
      b3 = b3.lanewise(VectorOperators.XOR, b1);
      b1 = b1.lanewise(VectorOperators.XOR, b2);
      b0 = b0.lanewise(VectorOperators.XOR, b3);
      b2 = b2.lanewise(VectorOperators.XOR, u);
      b3 = b3.lanewise(VectorOperators.LSHL, 45).or(b3.lanewise(VectorOperators.LSHR, 19));
      b0.intoArray(state, HALF);
      b1.intoArray(state, LANES + HALF);
      b2.intoArray(state, 2 * LANES + HALF);
      b3.intoArray(state, 3 * LANES + HALF);

      // per int half of the output words, in memory order (draws 0–7 from lanes 0–3, 8–15 from lanes 4–7):
      // v = float(0x40000001 | (bits >>> 9)) − 3 (Xoshiro256PlusPlusX8.symmetricUniform). Both halves of a word at
      // once: ((r >>> 9) & 0x007FFFFF_007FFFFF) | 0x40000001_40000001; the floats are then read back through a
      // little-endian byte scratch rather than by reinterpreting the vector, whose result type C2 (JDK 17) sometimes
      // fails to pin down, leaving every later operation on the slow, allocating fallback.
      ra.lanewise(VectorOperators.LSHR, 9).and(mantissas).or(exponents).intoByteArray(bytes, 0, ByteOrder.LITTLE_ENDIAN);
      rb.lanewise(VectorOperators.LSHR, 9).and(mantissas).or(exponents).intoByteArray(bytes, 32, ByteOrder.LITTLE_ENDIAN);
      FloatVector va = FloatVector.fromByteArray(F, bytes, 0, ByteOrder.LITTLE_ENDIAN).sub(three);
      FloatVector vb = FloatVector.fromByteArray(F, bytes, 32, ByteOrder.LITTLE_ENDIAN).sub(three);
      // out = mean > v ? +1 : −1 (false for NaN)
      VectorMask<Float> ga = FloatVector.fromArray(F, mean, meanOff + i).compare(VectorOperators.GT, va);
      VectorMask<Float> gb = FloatVector.fromArray(F, mean, meanOff + i + LANES).compare(VectorOperators.GT, vb);
      minus.blend(plus, ga).intoArray(out, outOff + i);
      minus.blend(plus, gb).intoArray(out, outOff + i + LANES);
    }
  }
}
