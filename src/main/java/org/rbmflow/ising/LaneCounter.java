package org.rbmflow.ising;

/**
 * Per-lane population counts of a stream of 64-bit words: after {@code add(w₁) … add(wₙ)}, lane r's
 * count is Σᵢ bit r of wᵢ. Kept as a bit-sliced (vertical) binary counter, one word per bit plane,
 * so adding a word costs a short ripple of carries instead of 64 increments.
 */
public final class LaneCounter {
  private final long[] planes;

  /** @param maxCount the largest count any lane may reach */
  public LaneCounter(int maxCount) {
    planes = new long[32 - Integer.numberOfLeadingZeros(Math.max(1, maxCount))];
  }

  public void clear() {
    java.util.Arrays.fill(planes, 0L);
  }

  public void add(long w) {
    // plane_k ← plane_k ⊕ carry; carry ← plane_k ∧ carry (binary increment in every lane at once)
    long carry = w;
    for (int k = 0; carry != 0; k++) {
      long t = planes[k] & carry;
      planes[k] ^= carry;
      carry = t;
    }
  }

  /** The count of lane r. */
  public int count(int r) {
    int c = 0;
    for (int k = planes.length - 1; k >= 0; k--) {
      c = (c << 1) | (int) ((planes[k] >>> r) & 1L);
    }
    return c;
  }
}
