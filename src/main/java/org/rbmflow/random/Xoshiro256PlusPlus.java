package org.rbmflow.random;

/**
 * xoshiro256++ (Blackman, Vigna 2019): the one generator every sampler and trainer uses.
 * Period 2^256 − 1, passes BigCrush, about 1 ns a word. Not thread-safe: one instance per stream.
 *
 * <p>Seeded from a single 64-bit seed expanded by SplitMix64, as the authors recommend; obtain
 * seeds from {@link SplitMix64#derive(long...)} so that streams are addressable.
 */
public final class Xoshiro256PlusPlus {
  private long s0;
  private long s1;
  private long s2;
  private long s3;

  public Xoshiro256PlusPlus(long seed) {
    s0 = seedWord(seed, 0);
    s1 = seedWord(seed, 1);
    s2 = seedWord(seed, 2);
    s3 = seedWord(seed, 3);
  }

  /**
   * State word s_i (i = 0…3) of the generator seeded with {@code seed}: the (i + 1)-th output of SplitMix64
   * started at {@code seed}. Shared with {@link Xoshiro256PlusPlusX8}, whose lanes are seeded the same way.
   */
  static long seedWord(long seed, int i) {
    // SplitMix64: x_{i+1} = seed + (i + 1)·γ (mod 2⁶⁴), s_i = mix(x_{i+1})
    return SplitMix64.mix(seed + (i + 1) * SplitMix64.GAMMA);
  }

  /** A generator for the stream addressed by these keys (see {@link SplitMix64#derive}). */
  public static Xoshiro256PlusPlus forKeys(long... keys) {
    return new Xoshiro256PlusPlus(SplitMix64.derive(keys));
  }

  /** 64 uniformly random bits. */
  public long nextLong() {
    // result = rotl(s0 + s3, 23) + s0
    final long result = Long.rotateLeft(s0 + s3, 23) + s0;
    final long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, bound), bound > 0, without modulo bias (Lemire's multiply-shift with rejection). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Standard normal deviate by the polar Box–Muller method (the spare is discarded to keep the state simple). */
  public double nextGaussian() {
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}
