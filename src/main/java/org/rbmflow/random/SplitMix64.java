package org.rbmflow.random;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): the mixing function that derives every seed in rbmflow.
 *
 * <p>A random stream is addressed by a list of 64-bit keys (master seed, purpose, lattice, T, H, ...);
 * {@link #derive(long...)} folds them into one seed with {@code h ← mix(h ⊕ mix(key + γ))}, so the
 * same keys give the same seed on every machine and different keys give unrelated seeds.
 */
public final class SplitMix64 {
  /** Weyl increment of SplitMix64: 2^64 / φ. */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix64() {}

  /** The SplitMix64 finaliser (variant 13 of Stafford's mixers): a bijection of 64-bit words. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Folds an ordered list of keys into one seed; order matters, and no two short lists collide by design. */
  public static long derive(long... keys) {
    // h₀ = mix(n·γ); h ← mix(h ⊕ mix(key + γ)) · γ-step per key
    long h = mix(keys.length * GAMMA);
    for (long key : keys) {
      h = mix(h ^ mix(key + GAMMA)) + GAMMA;
    }
    return mix(h);
  }

  /** A purpose tag as a key: the string's UTF-16 code units folded by {@link #mix}. */
  public static long tag(String purpose) {
    long h = 0x243F6A8885A308D3L;
    for (int i = 0; i < purpose.length(); i++) {
      h = mix(h + purpose.charAt(i) * GAMMA);
    }
    return h;
  }
}
