package org.rbmflow.ising;

import org.rbmflow.linalg.VectorKernelCheck;

/**
 * {@link VectorSpinSums} against the scalar loop of {@link Observables#energyAndMagnetization} on a 5 × 5 torus and
 * a ring of 19 (dot products with whole vectors and tails, in both geometries), exact for ±1 spins so compared to
 * the bit. Loaded by name by the Vector API probe ({@link org.rbmflow.linalg.VectorSupport}); not for other use.
 */
public final class VectorSpinSumsCheck implements VectorKernelCheck {
  @Override
  public String run() {
    for (Lattice lattice : new Lattice[] {Lattice.square(5), Lattice.ring(19)}) {
      int n = lattice.sites();
      float[] v = new float[n + 2];
      for (int j = 0; j < v.length; j++) {
        v[j] = (j * 7 % 5) < 2 ? -1f : 1f;
      }
      double[] scalar = new double[2];
      double[] vector = new double[2];
      Observables.energyAndMagnetizationScalar(lattice, lattice.neighbourTable(), v, 1, scalar);
      VectorSpinSums.energyAndMagnetization(lattice, v, 1, vector);
      if (Double.doubleToRawLongBits(scalar[0]) != Double.doubleToRawLongBits(vector[0])
          || Double.doubleToRawLongBits(scalar[1]) != Double.doubleToRawLongBits(vector[1])) {
        return "VectorSpinSums.energyAndMagnetization on " + lattice + " gave (" + vector[0] + ", " + vector[1]
            + "), the scalar code (" + scalar[0] + ", " + scalar[1] + ")";
      }
    }
    return null;
  }
}
