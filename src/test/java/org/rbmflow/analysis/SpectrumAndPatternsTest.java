package org.rbmflow.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rbmflow.ising.Lattice;
import org.rbmflow.random.Xoshiro256PlusPlus;

class SpectrumAndPatternsTest {

  /** W = σ·u·gᵀ + ε·G: the planted lattice pattern u must be the top eigenvector of WWᵀ and non-random. */
  @Test
  void plantedPatternIsTheTopEigenvectorAndNonRandom() {
    Lattice lat = Lattice.square(10);
    int nv = lat.sites();
    int nh = 16;
    // u_i = cos(2π x/L) + cos(2π y/L), normalised: a smooth pattern with strong neighbour correlation
    double[] u = new double[nv];
    double norm = 0;
    for (int i = 0; i < nv; i++) {
      u[i] = Math.cos(2 * Math.PI * (i % 10) / 10.0) + Math.cos(2 * Math.PI * (i / 10) / 10.0);
      norm += u[i] * u[i];
    }
    for (int i = 0; i < nv; i++) {
      u[i] /= Math.sqrt(norm);
    }
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(11);
    double[] g = new double[nh];
    for (int a = 0; a < nh; a++) {
      g[a] = rng.nextGaussian();
    }
    float[] w = new float[nv * nh];
    for (int i = 0; i < nv; i++) {
      for (int a = 0; a < nh; a++) {
        w[i * nh + a] = (float) (3.0 * u[i] * g[a] + 0.05 * rng.nextGaussian());
      }
    }
    WeightSpectrum s = WeightSpectrum.of(w, nv, nh, 3);
    for (int r = 1; r < nv; r++) {
      assertTrue(s.eigenvalues()[r] <= s.eigenvalues()[r - 1], "descending");
    }
    assertEquals(nv, s.eigenvalues().length);
    double overlap = 0;
    for (int i = 0; i < nv; i++) {
      overlap += s.eigenvectors()[0][i] * u[i];
    }
    assertTrue(Math.abs(overlap) > 0.99, "overlap of top eigenvector with the planted pattern: " + overlap);
    MoranTest moran = new MoranTest(lat, 999, 0.01);
    MoranTest.Result top = moran.test(s.eigenvectors()[0], new Xoshiro256PlusPlus(5));
    assertTrue(top.nonrandom(), "planted pattern flagged non-random: " + top);
    assertTrue(top.moranI() > 0.5, "strong positive autocorrelation: " + top);
  }

  /** Eigenvalues of WWᵀ equal the squared singular values: check trace and rank on a random W. */
  @Test
  void eigenvaluesSumToTheFrobeniusNormAndRankIsAtMostNh() {
    int nv = 36;
    int nh = 5;
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(3);
    float[] w = new float[nv * nh];
    double frob = 0;
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) rng.nextGaussian();
      frob += (double) w[k] * w[k];
    }
    WeightSpectrum s = WeightSpectrum.of(w, nv, nh, 0);
    double trace = 0;
    for (double v : s.eigenvalues()) {
      trace += v;
    }
    assertEquals(frob, trace, 1e-9 * frob);
    for (int r = nh; r < nv; r++) {
      assertEquals(0, s.eigenvalues()[r], 1e-9 * frob, "eigenvalue " + r + " beyond N_h");
    }
    assertTrue(s.eigenvalues()[nh - 1] > 1e-3);
  }

  /** Random Gaussian W: the fraction of eigenvectors flagged non-random at α = 0.01 stays ≤ 2%. */
  @Test
  void randomWeightsGiveFewFalsePositives() {
    Lattice lat = Lattice.square(10);
    int nv = lat.sites();
    int nh = 16;
    int matrices = 25;
    int flagged = 0;
    int tested = 0;
    MoranTest moran = new MoranTest(lat, 199, 0.01);
    Xoshiro256PlusPlus perm = new Xoshiro256PlusPlus(99);
    for (int m = 0; m < matrices; m++) {
      Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(1000 + m);
      float[] w = new float[nv * nh];
      for (int k = 0; k < w.length; k++) {
        w[k] = (float) rng.nextGaussian();
      }
      WeightSpectrum s = WeightSpectrum.of(w, nv, nh, nh);
      for (double[] v : s.eigenvectors()) {
        tested++;
        if (moran.test(v, perm).nonrandom()) {
          flagged++;
        }
      }
    }
    double rate = (double) flagged / tested;
    System.out.printf("Moran false-positive rate on random W: %d / %d = %.4f%n", flagged, tested, rate);
    assertTrue(rate <= 0.02, "false-positive rate " + rate);
  }

  @Test
  void moranIOfExtremePatterns() {
    Lattice lat = Lattice.square(8);
    MoranTest moran = new MoranTest(lat, 199, 0.01);
    double[] stripes = new double[64];
    double[] checker = new double[64];
    for (int i = 0; i < 64; i++) {
      stripes[i] = (i / 8) < 4 ? 1 : -1;
      checker[i] = ((i % 8 + i / 8) & 1) == 0 ? 1 : -1;
    }
    // checkerboard: every neighbour pair anti-aligned ⇒ I = −1; two half-planes: 2 of 8 rows of vertical bonds broken
    assertEquals(-1.0, moran.moranI(checker), 1e-12);
    assertEquals(0.5 * (1.0 + 0.5), moran.moranI(stripes), 1e-12);
    assertFalse(moran.test(checker, new Xoshiro256PlusPlus(1)).nonrandom());
    assertTrue(moran.test(stripes, new Xoshiro256PlusPlus(1)).nonrandom());
    assertEquals(0.0, moran.moranI(new double[64]), 0.0);
    double[] before = stripes.clone();
    moran.test(stripes, new Xoshiro256PlusPlus(2));
    assertArrayEquals(before, stripes, "pattern not modified");
  }
}
