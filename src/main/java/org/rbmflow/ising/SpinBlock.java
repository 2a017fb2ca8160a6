package org.rbmflow.ising;

/**
 * Bit-packed spin configurations of one lattice: configuration i occupies words
 * {@code [i·w, (i+1)·w)} with w = ⌈N/64⌉; site j is bit (j mod 64) of word ⌊j/64⌋, 1 = spin up (+1).
 * Unused high bits of the last word are 0. The block owns its array; nothing mutates it after
 * construction by {@link MonteCarlo}.
 */
public final class SpinBlock {
  private final int sites;
  private final int words;
  private final int count;
  private final long[] bits;

  public SpinBlock(int sites, int count) {
    this(sites, count, new long[Math.multiplyExact(count, (sites + 63) >>> 6)]);
  }

  public SpinBlock(int sites, int count, long[] bits) {
    this.sites = sites;
    this.words = (sites + 63) >>> 6;
    this.count = count;
    if (bits.length != (long) count * words) {
      throw new IllegalArgumentException("expected " + (long) count * words + " words, got " + bits.length);
    }
    this.bits = bits;
  }

  public int sites() {
    return sites;
  }

  public int wordsPerConfig() {
    return words;
  }

  public int count() {
    return count;
  }

  /** The backing words (read-only by convention). */
  public long[] bits() {
    return bits;
  }

  /** Spin of site j in configuration i: +1 or −1. */
  public int spin(int i, int j) {
    return ((bits[i * words + (j >>> 6)] >>> (j & 63)) & 1L) != 0 ? 1 : -1;
  }

  /** Writes configuration i as ±1 floats into {@code out[off … off+N)}. */
  public void unpack(int i, float[] out, int off) {
    int base = i * words;
    for (int k = 0; k < words; k++) {
      long w = bits[base + k];
      int from = k << 6;
      int to = Math.min(sites, from + 64);
      for (int j = from; j < to; j++) {
        // −1f = 0xBF800000; flipping the sign bit where the spin bit is 1 gives +1f (no branch)
        out[off + j] = Float.intBitsToFloat(0xBF800000 ^ ((int) (w >>> (j & 63)) << 31));
      }
    }
  }

  /** Configuration i as little-endian bytes: site j is bit (j mod 8) of byte ⌊j/8⌋; ⌈N/8⌉ bytes. */
  public byte[] toBytes(int i) {
    byte[] out = new byte[(sites + 7) >>> 3];
    int base = i * words;
    for (int k = 0; k < out.length; k++) {
      out[k] = (byte) (bits[base + (k >>> 3)] >>> ((k & 7) << 3));
    }
    return out;
  }

  /** Configuration i's words equal those of configuration k of another block. */
  public boolean sameConfig(int i, SpinBlock other, int k) {
    return java.util.Arrays.equals(bits, i * words, (i + 1) * words, other.bits, k * words, (k + 1) * words);
  }
}
