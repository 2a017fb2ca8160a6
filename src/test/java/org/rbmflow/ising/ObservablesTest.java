package org.rbmflow.ising;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * {@link Observables#energyAndMagnetization}: the result this JVM computes (on the Vector API from the geometry
 * when it has it) equals the neighbour-table loop bit for bit, and both equal an independent count of bonds, on
 * random ±1 configurations of 1D rings and 2D tori of many sizes, at offsets inside a larger array.
 */
class ObservablesTest {
  private static float[] signs(int n, Xoshiro256PlusPlus rng, double pPlus) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble() < pPlus ? 1f : -1f;
    }
    return v;
  }

  /** −Σ_bonds s_i s_j / N counted from coordinates, in long arithmetic. */
  private static double energyByCoordinates(Lattice lattice, float[] v, int off) {
    int l = lattice.l();
    long bonds = 0;
    if (lattice.dim() == 1) {
      for (int x = 0; x < l; x++) {
        bonds += (long) (v[off + x] * v[off + (x + 1) % l]);
      }
    } else {
      for (int y = 0; y < l; y++) {
        for (int x = 0; x < l; x++) {
          float s = v[off + x + l * y];
          bonds += (long) (s * v[off + (x + 1) % l + l * y]) + (long) (s * v[off + x + l * ((y + 1) % l)]);
        }
      }
    }
    return -(double) bonds / lattice.sites();
  }

  @Test
  void everyPathGivesTheSameExactSums() {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(5);
    int[] sides2d = {2, 3, 4, 5, 7, 8, 9, 10, 16, 17, 31, 32, 33, 64};
    int[] sides1d = {2, 3, 7, 8, 9, 15, 16, 17, 100, 1000};
    for (int dim = 1; dim <= 2; dim++) {
      for (int l : dim == 1 ? sides1d : sides2d) {
        Lattice lattice = dim == 1 ? Lattice.ring(l) : Lattice.square(l);
        int[] nb = lattice.neighbourTable();
        int n = lattice.sites();
        for (double p : new double[] {0, 0.1, 0.5, 0.97, 1}) {
          float[] v = signs(3 + 2 * n, rng, p);
          for (int off : new int[] {0, 3, n + 1}) {
            double[] got = new double[2];
            double[] scalar = new double[2];
            Observables.energyAndMagnetization(lattice, nb, v, off, got);
            Observables.energyAndMagnetizationScalar(lattice, nb, v, off, scalar);
            String what = lattice + " p=" + p + " off=" + off + (Observables.vector() ? " (Vector API)" : "");
            assertEquals(Double.doubleToRawLongBits(scalar[0]), Double.doubleToRawLongBits(got[0]), what + " energy");
            assertEquals(Double.doubleToRawLongBits(scalar[1]), Double.doubleToRawLongBits(got[1]), what + " magnetization");
            assertEquals(energyByCoordinates(lattice, v, off), got[0], 0.0, what + " energy by coordinates");
            double m = 0;
            for (int j = 0; j < n; j++) {
              m += v[off + j];
            }
            assertEquals(m / n, got[1], 0.0, what + " magnetization by count");
          }
        }
      }
    }
  }
}
