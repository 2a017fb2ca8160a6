package org.rbmflow.random;

/**
 * Eight xoshiro256++ generators advanced in lockstep: the same update as {@link Xoshiro256PlusPlus} on eight
 * independent states, so that one step yields 8 × 64 random bits and SIMD code can run the eight lanes at once.
 * Not thread-safe: one instance per stream.
 *
 * <p><b>Draws.</b> One {@link #step} gives 16 ints (the low and high halves of the eight output words, see
 * there); draw i of a sequence is {@link #symmetricUniform}(int i mod 16 of step ⌊i/16⌋). A call for n draws
 * consumes ⌈n/16⌉ steps: the unused rest of the last step is discarded, so a sequence drawn in pieces is the
 * concatenation of the pieces only when every piece but the last is a multiple of 16 long.
 *
 * <p><b>State.</b> {@link #state()} is the live array, {@code state[8i + j]} = s_i of lane j (i = 0…3,
 * j = 0…7), so that s_i of lanes 0–3 and of lanes 4–7 are each 4 consecutive longs (one 256-bit vector).
 * Kernels in other packages may advance the lanes in registers; they must leave the array exactly as the
 * same number of {@link #step} calls would.
 */
public final class Xoshiro256PlusPlusX8 {
  /** Lanes advanced in lockstep. */
  public static final int LANES = 8;
  /** Ints, hence draws, produced by one {@link #step}. */
  public static final int INTS_PER_STEP = 2 * LANES;

  private final long[] state = new long[4 * LANES];

  /**
   * Lane j (j = 0…7, in order) seeded as {@code new Xoshiro256PlusPlus(parent.nextLong())}: consumes 8 words of
   * {@code parent}.
   */
  public Xoshiro256PlusPlusX8(Xoshiro256PlusPlus parent) {
    for (int j = 0; j < LANES; j++) {
      long seed = parent.nextLong();
      for (int i = 0; i < 4; i++) {
        state[LANES * i + j] = Xoshiro256PlusPlus.seedWord(seed, i);
      }
    }
  }

  /** The live state, length 32, {@code state[8i + j]} = s_i of lane j (see the class comment). */
  public long[] state() {
    return state;
  }

  /**
   * Advances all 8 lanes once and writes their outputs as 16 ints: {@code dst[off + 2j]} = low 32 bits of lane
   * j's output word, {@code dst[off + 2j + 1]} = its high 32 bits (j = 0…7). This is the little-endian memory
   * order of the 8 words, which is also what the Vector API's {@code LongVector.reinterpretAsInts()} gives for
   * lanes 0–3 and 4–7 on x86.
   */
  public void step(int[] dst, int off) {
    java.util.Objects.checkFromIndexSize(off, INTS_PER_STEP, dst.length);
    final long[] s = state;
    for (int j = 0; j < LANES; j++) {
      long s0 = s[j];
      long s1 = s[LANES + j];
      long s2 = s[2 * LANES + j];
      long s3 = s[3 * LANES + j];
      // xoshiro256++: r = rotl(s0 + s3, 23) + s0; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
      // s2 ^= t; s3 = rotl(s3, 45)
      final long r = Long.rotateLeft(s0 + s3, 23) + s0;
      final long t = s1 << 17;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = Long.rotateLeft(s3, 45);
      s[j] = s0;
      s[LANES + j] = s1;
      s[2 * LANES + j] = s2;
      s[3 * LANES + j] = s3;
      dst[off + 2 * j] = (int) r;
      dst[off + 2 * j + 1] = (int) (r >>> 32);
    }
  }

  /**
   * The uniform of one draw: v = (2k + 1)·2⁻²² − 1 with k = the top 22 bits of {@code bits} (unsigned), i.e.
   * the midpoints of 2²² equal cells of (−1, 1): v ∈ [2⁻²² − 1, 1 − 2⁻²²], spaced 2⁻²¹, symmetric about 0
   * (k ↔ 2²² − 1 − k maps v to −v), mean exactly 0, every value exact in float. P(v &lt; m) = (1 + m)/2 to within
   * 2⁻²³ for m ∈ [−1, 1].
   */
  public static float symmetricUniform(int bits) {
    // f = 0x40000001 | (bits >>> 9) has exponent 1 and mantissa (k << 1) | 1, so f = 2·(1 + (2k + 1)·2⁻²³)
    // = 2 + (2k + 1)·2⁻²²; f − 3 = v is exact (Sterbenz: f/2 ≤ 3 ≤ 2f), with no int-to-float conversion
    return Float.intBitsToFloat(0x40000001 | (bits >>> 9)) - 3f;
  }
}
