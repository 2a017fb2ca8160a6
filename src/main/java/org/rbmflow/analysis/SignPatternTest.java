package org.rbmflow.analysis;

import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.Observables;

/**
 * An eigenvector's sign pattern judged as a spin configuration by the rule that counts training configurations as
 * random (DESIGN §2): s_i = +1 where x_i ≥ 0, else −1; the pattern is "random" when its nearest-neighbour energy per
 * spin e = −Σ_bonds s_i s_j / N lies within ±σ∞ of 0, σ∞ = √bonds / N ({@link Observables#isRandomEnergy}).
 *
 * <p>A candidate for the non-random pattern count, not the one used: the eigenvectors of a W without structure are
 * uniformly random unit vectors, whose sign patterns are infinite-temperature configurations, so about 32% of them
 * (|e| &gt; σ∞ for a near-Gaussian e) are judged non-random; and any smooth eigenvector passes, whatever its
 * eigenvalue. Owns a configuration buffer; not thread-safe.
 */
public final class SignPatternTest {
  /** One pattern: the energy per spin e of its sign pattern (J = 1) and whether |e| &gt; σ∞. */
  public record Result(double energyPerSpin, boolean nonrandom) {}

  private final Lattice lattice;
  private final int[] neighbours;
  private final float[] spins;
  private final double[] out = new double[2];

  public SignPatternTest(Lattice lattice) {
    this.lattice = lattice;
    this.neighbours = lattice.neighbourTable();
    this.spins = new float[lattice.sites()];
  }

  /** The sign pattern of x (N_v values, site order row-major; read only) judged as a configuration. */
  public Result test(double[] x) {
    if (x.length != spins.length) {
      throw new IllegalArgumentException("pattern of " + x.length + " sites on a lattice of " + spins.length);
    }
    // s_i = sign(x_i), +1 at 0
    for (int i = 0; i < x.length; i++) {
      spins[i] = x[i] >= 0 ? 1f : -1f;
    }
    Observables.energyAndMagnetization(lattice, neighbours, spins, 0, out);
    return new Result(out[0], !Observables.isRandomEnergy(lattice, out[0]));
  }

  /** How many of the patterns are judged non-random. */
  public int count(double[][] patterns) {
    int n = 0;
    for (double[] x : patterns) {
      if (test(x).nonrandom()) {
        n++;
      }
    }
    return n;
  }
}
