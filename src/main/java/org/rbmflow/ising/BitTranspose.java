package org.rbmflow.ising;

/** Transposes 64×64 bit matrices held as 64 longs: element (row k, column r) is bit r of word k. */
public final class BitTranspose {
  private BitTranspose() {}

  /**
   * In place: afterwards bit r of {@code a[off + k]} is what bit k of {@code a[off + r]} was.
   * Six rounds of block swaps (32×32, 16×16, …, 1×1), each exchanging the upper-right block of a
   * 2j×2j tile with its lower-left block.
   */
  public static void transpose64(long[] a, int off) {
    long m = 0x00000000FFFFFFFFL;
    for (int j = 32; j != 0; j >>>= 1, m ^= (m << j)) {
      for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
        // t = columns [j, 2j) of row k, xor columns [0, j) of row k+j
        long t = ((a[off + k] >>> j) ^ a[off + (k | j)]) & m;
        a[off + k] ^= t << j;
        a[off + (k | j)] ^= t;
      }
    }
  }
}
