package org.rbmflow.ising;

/**
 * Metropolis acceptance probabilities of one (lattice, T, H), by local environment class.
 *
 * <p>A spin s = ±1 with c of its z neighbours anti-aligned has local field sum s·Σnb = z − 2c, so
 * flipping it costs
 * <pre>  ΔE = 2J(z − 2c) + 2Hs,   accepted with p = exp(−ΔE/T) for ΔE &gt; 0, ½ for ΔE = 0, 1 for ΔE &lt; 0.</pre>
 * The ½ for ΔE = 0 keeps the Metropolis ratio p(ΔE)/p(−ΔE) = e^{−ΔE/T} (so the Boltzmann distribution stays
 * stationary) and makes the chain ergodic under a fixed visiting order: with p = 1, zero-cost flips are
 * deterministic, a checkerboard sweep maps the stripe state of an even torus to its inverse with certainty, and
 * states of the 3×3 and 4×4 tori become unreachable (measured bias 4.7σ on the 3×3 energy at T = 3.5); on the
 * ring every domain wall moves ballistically.
 * Class index {@code k = 2c + (s = +1 ? 1 : 0)}, c = 0…z. Each class is either always accepted
 * (ΔE &lt; 0), never (T = 0 with ΔE &gt; 0, or p below 2⁻⁶⁴), or accepted with probability given as a
 * 64-bit unsigned fixed-point threshold {@code P = ⌊p·2⁶⁴⌋}: a uniform 64-bit word u accepts iff u &lt; P.
 */
public final class AcceptanceTable {
  /** Kind of a class: never, always, or by comparison with {@link #threshold(int)}. */
  public static final int NEVER = 0;
  public static final int ALWAYS = 1;
  public static final int FRACTION = 2;

  private final int coordination;
  private final double temperature;
  private final double field;
  private final int[] kind;
  private final long[] threshold;
  private final double[] probability;

  public AcceptanceTable(int coordination, double temperature, double field) {
    if (coordination != 2 && coordination != 4) {
      throw new IllegalArgumentException("coordination must be 2 or 4, got " + coordination);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature) || !Double.isFinite(field)) {
      throw new IllegalArgumentException("need finite T ≥ 0 and finite H, got T=" + temperature + " H=" + field);
    }
    this.coordination = coordination;
    this.temperature = temperature;
    this.field = field;
    int classes = 2 * (coordination + 1);
    kind = new int[classes];
    threshold = new long[classes];
    probability = new double[classes];
    for (int c = 0; c <= coordination; c++) {
      for (int up = 0; up < 2; up++) {
        int k = 2 * c + up;
        double s = up == 1 ? 1 : -1;
        // ΔE = 2J(z − 2c) + 2Hs
        double dE = 2.0 * (coordination - 2 * c) + 2.0 * field * s;
        double p = dE < 0 ? 1.0 : dE == 0 ? 0.5 : temperature == 0 ? 0.0 : Math.exp(-dE / temperature);
        probability[k] = p;
        long fixed = toFixedPoint(p);
        if (p >= 1.0) {
          kind[k] = ALWAYS;
        } else if (fixed == 0) {
          kind[k] = NEVER;
        } else {
          kind[k] = FRACTION;
          threshold[k] = fixed;
        }
      }
    }
  }

  /** ⌊p·2⁶⁴⌋ as an unsigned 64-bit word, for 0 ≤ p &lt; 1. */
  static long toFixedPoint(double p) {
    if (p >= 1.0) {
      return -1L;
    }
    double x = Math.scalb(p, 64);
    if (x < 0x1p63) {
      return (long) x;
    }
    return (long) (x - 0x1p63) + Long.MIN_VALUE;
  }

  public int classes() {
    return kind.length;
  }

  public int coordination() {
    return coordination;
  }

  public double temperature() {
    return temperature;
  }

  public double field() {
    return field;
  }

  public int kind(int k) {
    return kind[k];
  }

  /** The threshold P of a {@link #FRACTION} class (unsigned). */
  public long threshold(int k) {
    return threshold[k];
  }

  /** The exact acceptance probability of a class. */
  public double probability(int k) {
    return probability[k];
  }
}
