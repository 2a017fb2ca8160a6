package org.rbmflow.analysis;

import org.rbmflow.analysis.TemperatureClassifier.Features;
import org.rbmflow.ising.Lattice;

/**
 * The fixed (not learned) input layer of {@link TemperatureClassifier}: maps a configuration s (N_v floats)
 * to the network's input row.
 *
 * <ul>
 *   <li>{@link Features#SPINS}: the spins themselves, N_v values.</li>
 *   <li>{@link Features#SPINS_AND_BONDS}: the spins, then one product s_i·s_j per nearest-neighbour bond
 *       (bond order: for each site i, its right neighbour, then in 2D its lower neighbour, as in
 *       {@link Lattice#neighbourTable()}), N_v + bonds values. The Ising energy −Σ s_i s_j − H Σ s_i is then
 *       linear in the input, as is the Boltzmann log-weight for every (T, H).</li>
 * </ul>
 *
 * <p>Immutable; {@link #expand} writes only its output window.
 */
final class ClassifierFeatures {
  private final int sites;
  private final int width;
  /** Bond b joins sites {@code ends[2b]} and {@code ends[2b+1]}; empty for SPINS. */
  private final int[] ends;

  ClassifierFeatures(Lattice lattice, Features features) {
    this.sites = lattice.sites();
    if (features == Features.SPINS) {
      this.ends = new int[0];
    } else {
      int z = lattice.coordination();
      int[] nb = lattice.neighbourTable();
      int perSite = z / 2;
      this.ends = new int[2 * sites * perSite];
      int b = 0;
      for (int i = 0; i < sites; i++) {
        // right neighbour (k = 0), and in 2D the lower one (k = 2)
        for (int d = 0; d < perSite; d++) {
          ends[2 * b] = i;
          ends[2 * b + 1] = nb[i * z + 2 * d];
          b++;
        }
      }
    }
    this.width = sites + ends.length / 2;
  }

  /** Length of the bond table (2 ints a bond; 0 for SPINS). */
  int tableLength() {
    return ends.length;
  }

  /** Input width: N_v, or N_v + bonds. */
  int width() {
    return width;
  }

  /** Turns the input row at {@code out[off …)} into that of the flipped configuration −s (bond products are even). */
  void negateSpins(float[] out, int off) {
    for (int j = 0; j < sites; j++) {
      out[off + j] = -out[off + j];
    }
  }

  /** Writes the input row of configuration {@code s[sOff … sOff+N_v)} (read only) to {@code out[oOff … oOff+width)}. */
  void expand(float[] s, int sOff, float[] out, int oOff) {
    System.arraycopy(s, sOff, out, oOff, sites);
    int o = oOff + sites;
    for (int b = 0; b < ends.length; b += 2) {
      out[o++] = s[sOff + ends[b]] * s[sOff + ends[b + 1]];
    }
  }
}
