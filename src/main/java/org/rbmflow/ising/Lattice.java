package org.rbmflow.ising;

import java.io.Serializable;
import org.rbmflow.common.Checks;
import org.rbmflow.common.InvalidValueException;

/**
 * Geometry of a periodic Ising lattice: an L×L square torus ({@code dim = 2}, N = L² sites, 2N bonds,
 * 4 neighbours) or a ring of L spins ({@code dim = 1}, N = L sites, N bonds, 2 neighbours).
 *
 * <p>Sites are numbered row-major, {@code i = x + L·y}. The ring of 2 spins has two bonds between the
 * same pair, as the bond list (i, i+1 mod N) says.
 *
 * @param dim 1 (ring) or 2 (square torus)
 * @param l side length, 2 ≤ l ≤ {@link #MAX_SIDE_2D} in 2D and ≤ {@link #MAX_SIDE_1D} in 1D
 */
public record Lattice(int dim, int l) implements Serializable {
  /** Largest 2D side: N_v = 128² visible units is far beyond what an RBM sweep can train. */
  public static final int MAX_SIDE_2D = 128;
  /** Largest ring. */
  public static final int MAX_SIDE_1D = 16384;

  public Lattice {
    if (dim != 1 && dim != 2) {
      throw new InvalidValueException("dim", dim, "1 (ring) or 2 (square lattice)");
    }
    Checks.inRange("l", l, 2, dim == 2 ? MAX_SIDE_2D : MAX_SIDE_1D);
  }

  public static Lattice square(int l) {
    return new Lattice(2, l);
  }

  public static Lattice ring(int l) {
    return new Lattice(1, l);
  }

  /** Number of spins N (= N_v, the visible layer of the RBM). */
  public int sites() {
    return dim == 2 ? l * l : l;
  }

  /** Number of nearest-neighbour bonds: 2N on the torus, N on the ring. */
  public int bonds() {
    return dim * sites();
  }

  /** Neighbours per site, z = 2·dim. */
  public int coordination() {
    return 2 * dim;
  }

  /** 64-bit words a bit-packed configuration occupies. */
  public int words() {
    return (sites() + 63) >>> 6;
  }

  /**
   * The neighbours of every site, {@code nb[i·z + k]}, k < z: right, left (and down, up in 2D),
   * with periodic wrap-around.
   */
  public int[] neighbourTable() {
    int n = sites();
    int z = coordination();
    int[] nb = new int[n * z];
    for (int i = 0; i < n; i++) {
      int x = i % l;
      int y = i / l;
      nb[i * z] = (x + 1) % l + l * y;
      nb[i * z + 1] = (x + l - 1) % l + l * y;
      if (dim == 2) {
        nb[i * z + 2] = x + l * ((y + 1) % l);
        nb[i * z + 3] = x + l * ((y + l - 1) % l);
      }
    }
    return nb;
  }

  /**
   * The order in which one Metropolis sweep visits the sites: checkerboard order, all sites with
   * (x + y) even, then all with (x + y) odd (in 1D: even sites, then odd sites).
   */
  public int[] sweepOrder() {
    int n = sites();
    int[] order = new int[n];
    int k = 0;
    for (int parity = 0; parity < 2; parity++) {
      for (int i = 0; i < n; i++) {
        int x = i % l;
        int y = i / l;
        if (((x + y) & 1) == parity) {
          order[k++] = i;
        }
      }
    }
    return order;
  }

  /** Standard deviation of the energy per spin at infinite temperature: √(bonds)/N. */
  public double infiniteTemperatureEnergySigma() {
    return Math.sqrt(bonds()) / sites();
  }

  @Override
  public String toString() {
    return dim == 2 ? l + "x" + l + " torus" : "ring of " + l;
  }
}
