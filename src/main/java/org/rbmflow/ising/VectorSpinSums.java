package org.rbmflow.ising;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Observables#energyAndMagnetization} on the incubating Vector API, from the lattice's geometry instead of
 * its neighbour table. For ±1 entries every product and every partial sum is an integer below 2²⁴, so float
 * arithmetic is exact in any order and the result equals the scalar loop's bit for bit. Only loaded when
 * {@link org.rbmflow.linalg.VectorSupport#available()}; stateless, allocation-free once compiled.
 */
final class VectorSpinSums {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int LF = F.length();

  private VectorSpinSums() {}

  /**
   * out[0] = −Σ_bonds s_i s_j / N, out[1] = Σ s_i / N for the ±1 configuration v[off … off + N). Bonds: to the
   * right neighbour (x + 1 mod L) and, in 2D, to the one below (y + 1 mod L), site x + L·y.
   */
  static void energyAndMagnetization(Lattice lattice, float[] v, int off, double[] out) {
    final int n = lattice.sites();
    final int l = lattice.l();
    // right bonds: Σ_{j<n−1} s_j s_{j+1} counts, in 2D, the pairs across row ends (x = L − 1 with the next row's
    // x = 0) instead of the wrap-around pairs (x = L − 1 with the same row's x = 0); swap them. In 1D (one row)
    // the only wrap-around pair is (n − 1, 0). Down bonds (2D): s_j s_{j+L} for j < n − L, and the last row with
    // the first.
    float bonds = dot(v, off, off + 1, n - 1);
    if (lattice.dim() == 2) {
      bonds += dot(v, off, off + l, n - l) + dot(v, off + n - l, off, l);
      for (int y = 0; y < l; y++) {
        int end = off + y * l + l - 1;
        bonds += v[end] * v[off + y * l];
        if (y < l - 1) {
          bonds -= v[end] * v[end + 1];
        }
      }
    } else {
      bonds += v[off + n - 1] * v[off];
    }
    FloatVector m = FloatVector.zero(F);
    final int end = n - n % LF;
    for (int k = 0; k < end; k += LF) {
      m = m.add(FloatVector.fromArray(F, v, off + k));
    }
    float spins = m.reduceLanes(VectorOperators.ADD);
    for (int k = end; k < n; k++) {
      spins += v[off + k];
    }
    out[0] = -(double) bonds / n;
    out[1] = (double) spins / n;
  }

  /**
   * Σ_{k<len} v[a + k]·v[b + k], exact for ±1 entries. Floats in and out: a vector passed to or returned from a
   * method that C2 does not inline is boxed on every call.
   */
  private static float dot(float[] v, int a, int b, int len) {
    FloatVector acc = FloatVector.zero(F);
    final int end = len - len % LF;
    for (int k = 0; k < end; k += LF) {
      acc = acc.add(FloatVector.fromArray(F, v, a + k).mul(FloatVector.fromArray(F, v, b + k)));
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (int k = end; k < len; k++) {
      s += v[a + k] * v[b + k];
    }
    return s;
  }
}
