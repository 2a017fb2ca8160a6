package org.rbmflow.analysis;

import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The symmetries of a periodic lattice that leave the Ising weight exp(−E/T) unchanged, used by
 * {@link TemperatureClassifier} to augment its training data: translations (L² on the torus, L on the
 * ring) composed with the point group (the 8 elements of D4 on the square torus, identity and reflection
 * on the ring). Every one of them maps nearest neighbours to nearest neighbours and keeps Σ s_i, so a
 * configuration at (T, H) stays a configuration at (T, H).
 *
 * <p>Immutable; {@link #unpackTransformed} writes only its {@code out} window.
 */
final class ClassifierSymmetries {
  private final int dim;
  private final int l;
  private final int sites;
  private final int pointOps;
  /** {@code pointGroup[g·N + j]} = image of site j under point-group element g (about the origin). */
  private final int[] pointGroup;

  ClassifierSymmetries(Lattice lattice) {
    this.dim = lattice.dim();
    this.l = lattice.l();
    this.sites = lattice.sites();
    this.pointOps = dim == 2 ? 8 : 2;
    this.pointGroup = new int[pointOps * sites];
    for (int g = 0; g < pointOps; g++) {
      for (int j = 0; j < sites; j++) {
        pointGroup[g * sites + j] = dim == 2 ? squareImage(g, j % l, j / l) : (g == 0 ? j : l - 1 - j);
      }
    }
  }

  /** Image of (x, y) under element g of D4: rotations by 0, 90, 180, 270° and the four reflections. */
  private int squareImage(int g, int x, int y) {
    int m = l - 1;
    int nx;
    int ny;
    switch (g) {
      case 0 -> { nx = x; ny = y; }
      case 1 -> { nx = m - y; ny = x; }
      case 2 -> { nx = m - x; ny = m - y; }
      case 3 -> { nx = y; ny = m - x; }
      case 4 -> { nx = m - x; ny = y; }
      case 5 -> { nx = x; ny = m - y; }
      case 6 -> { nx = y; ny = x; }
      default -> { nx = m - y; ny = m - x; }
    }
    return nx + l * ny;
  }

  /** Number of point-group elements (8 on the torus, 2 on the ring). */
  int pointOps() {
    return pointOps;
  }

  /**
   * Writes configuration {@code i} of {@code block}, moved by a uniformly random lattice symmetry and
   * multiplied by {@code sign} (±1, the global spin flip), into {@code out[off … off+N)}:
   * out[π(j)] = sign·s_j with π = translation ∘ point-group element. {@code scratch} (length ≥ N) is
   * overwritten; the symmetry is drawn from {@code rng} (three draws).
   */
  void unpackTransformed(SpinBlock block, int i, float sign, Xoshiro256PlusPlus rng, float[] scratch, float[] out,
      int off) {
    int g = rng.nextInt(pointOps);
    int dx = rng.nextInt(l);
    int dy = dim == 2 ? rng.nextInt(l) : 0;
    block.unpack(i, scratch, 0);
    int base = g * sites;
    for (int j = 0; j < sites; j++) {
      int q = pointGroup[base + j];
      int x = q % l + dx;
      int y = q / l + dy;
      if (x >= l) {
        x -= l;
      }
      if (y >= l) {
        y -= l;
      }
      out[off + x + l * y] = sign * scratch[j];
    }
  }
}
