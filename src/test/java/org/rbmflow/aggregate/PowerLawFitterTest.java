package org.rbmflow.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rbmflow.random.Xoshiro256PlusPlus;

class PowerLawFitterTest {
  /** N_temp = 100, 150, …, 700 (13 points). */
  private static final double[] X = grid(100, 700, 50);

  private static double[] grid(double from, double to, double step) {
    int n = (int) Math.round((to - from) / step) + 1;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = from + i * step;
    }
    return x;
  }

  private static double[] curve(double e0, double a, double b, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = e0 + a * Math.pow(x[i], b);
    }
    return y;
  }

  private static double[] noisy(double[] exact, double[] sigma, Xoshiro256PlusPlus rng) {
    double[] y = exact.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += sigma[i] * rng.nextGaussian();
    }
    return y;
  }

  private static double[] constant(double value, int n) {
    double[] s = new double[n];
    Arrays.fill(s, value);
    return s;
  }

  /** Mean, standard deviation and RMS of a sample. */
  private record Moments(double mean, double sd, double rms) {
    static Moments of(double[] v) {
      double m = 0;
      double sq = 0;
      for (double t : v) {
        m += t;
        sq += t * t;
      }
      m /= v.length;
      double var = 0;
      for (double t : v) {
        var += (t - m) * (t - m);
      }
      return new Moments(m, Math.sqrt(var / (v.length - 1)), Math.sqrt(sq / v.length));
    }
  }

  @Test
  void exactDataIsRecoveredToRoundOff() throws FitException {
    for (double[] sigma : new double[][] {null, constant(0.003, X.length)}) {
      PowerLawFit fit = PowerLawFitter.fit(-2, X, curve(-2, 0.35, 0.22, X), sigma);
      assertEquals(0.35, fit.a(), 0.35 * 1e-8);
      assertEquals(0.22, fit.b(), 0.22 * 1e-8);
      assertEquals(sigma != null, fit.weighted());
      assertEquals(X.length, fit.nPoints());
      assertEquals(X.length - 2, fit.dof());
      assertEquals(-2 + 0.35 * Math.pow(400, 0.22), fit.at(400), 1e-10);
    }
  }

  @Test
  void noisyDataIsRecoveredWithinTwoReportedErrors() throws FitException {
    double[] sigma = constant(0.003, X.length);
    double[] y = noisy(curve(-2, 0.3, 0.15, X), sigma, new Xoshiro256PlusPlus(20240607L));
    PowerLawFit fit = PowerLawFitter.fit(-2, X, y, sigma);
    assertTrue(fit.weighted());
    assertTrue(Math.abs(fit.a() - 0.3) < 2 * fit.aErr(), fit.toString());
    assertTrue(Math.abs(fit.b() - 0.15) < 2 * fit.bErr(), fit.toString());
    assertTrue(fit.iterations() < 50, fit.toString());
  }

  /** Pulls over many draws: the reported errors are the actual scatter, and χ²/dof ≈ 1. */
  @Test
  void reportedErrorsMatchTheScatterOverDraws() throws FitException {
    int draws = 1000;
    double a = 0.3;
    double b = 0.15;
    double[] exact = curve(-2, a, b, X);
    double[] sigma = constant(0.003, X.length);
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(7L);
    double[] as = new double[draws];
    double[] bs = new double[draws];
    double[] aErrs = new double[draws];
    double[] bErrs = new double[draws];
    double[] pullA = new double[draws];
    double[] pullB = new double[draws];
    double[] chi2PerDof = new double[draws];
    for (int k = 0; k < draws; k++) {
      PowerLawFit fit = PowerLawFitter.fit(-2, X, noisy(exact, sigma, rng), sigma);
      as[k] = fit.a();
      bs[k] = fit.b();
      aErrs[k] = fit.aErr();
      bErrs[k] = fit.bErr();
      pullA[k] = (fit.a() - a) / fit.aErr();
      pullB[k] = (fit.b() - b) / fit.bErr();
      chi2PerDof[k] = fit.chi2() / fit.dof();
    }
    double ratioA = Moments.of(as).sd() / Moments.of(aErrs).mean();
    double ratioB = Moments.of(bs).sd() / Moments.of(bErrs).mean();
    Moments pa = Moments.of(pullA);
    Moments pb = Moments.of(pullB);
    double chi2 = Moments.of(chi2PerDof).mean();
    System.out.printf("weighted, %d draws: sd(a)/<a_err> = %.4f, sd(b)/<b_err> = %.4f; pull a mean %.4f rms %.4f;"
        + " pull b mean %.4f rms %.4f; <chi2/dof> = %.4f%n", draws, ratioA, ratioB, pa.mean(), pa.rms(), pb.mean(),
        pb.rms(), chi2);
    assertEquals(1, ratioA, 0.15);
    assertEquals(1, ratioB, 0.15);
    assertEquals(0, pa.mean(), 0.15);
    assertEquals(0, pb.mean(), 0.15);
    assertEquals(1, pa.rms(), 0.15);
    assertEquals(1, pb.rms(), 0.15);
    assertEquals(1, chi2, 0.10);
  }

  @Test
  void unweightedFitScalesErrorsByTheResidualVariance() throws FitException {
    int draws = 400;
    double a = 0.3;
    double b = 0.15;
    double s = 0.003;
    double[] exact = curve(-2, a, b, X);
    double[] sigma = constant(s, X.length);
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(11L);
    double[] pullA = new double[draws];
    double[] pullB = new double[draws];
    for (int k = 0; k < draws; k++) {
      double[] y = noisy(exact, sigma, rng);
      PowerLawFit plain = PowerLawFitter.fit(-2, X, y, null);
      assertFalse(plain.weighted());
      pullA[k] = (plain.a() - a) / plain.aErr();
      pullB[k] = (plain.b() - b) / plain.bErr();
      if (k == 0) {
        // equal σ: the same optimum as the weighted fit, errors rescaled by sqrt(χ²_w/dof), χ² by σ²
        PowerLawFit known = PowerLawFitter.fit(-2, X, y, sigma);
        double scale = Math.sqrt(known.chi2() / known.dof());
        assertEquals(known.a(), plain.a(), 1e-9);
        assertEquals(known.b(), plain.b(), 1e-9);
        assertEquals(known.aErr() * scale, plain.aErr(), 1e-6 * known.aErr());
        assertEquals(known.bErr() * scale, plain.bErr(), 1e-6 * known.bErr());
        assertEquals(known.chi2() * s * s, plain.chi2(), 1e-9 * plain.chi2());
        assertTrue(Math.abs(plain.a() - a) < 3 * plain.aErr(), plain.toString());
        assertTrue(Math.abs(plain.b() - b) < 3 * plain.bErr(), plain.toString());
      }
    }
    Moments pa = Moments.of(pullA);
    Moments pb = Moments.of(pullB);
    // the pull with σ estimated from 11 dof is Student-t: rms sqrt(11/9) ≈ 1.11
    System.out.printf("unweighted, %d draws: pull a mean %.4f rms %.4f; pull b mean %.4f rms %.4f%n", draws,
        pa.mean(), pa.rms(), pb.mean(), pb.rms());
    assertEquals(0, pa.mean(), 0.2);
    assertEquals(0, pb.mean(), 0.2);
    assertEquals(1.1, pa.rms(), 0.2);
    assertEquals(1.1, pb.rms(), 0.2);
  }

  @Test
  void ringOffsetWorksTheSame() throws FitException {
    PowerLawFit exact = PowerLawFitter.fit(-1, X, curve(-1, 0.2, 0.1, X), null);
    assertEquals(-1, exact.e0());
    assertEquals(0.2, exact.a(), 0.2 * 1e-8);
    assertEquals(0.1, exact.b(), 0.1 * 1e-8);
    double[] sigma = constant(0.002, X.length);
    double[] y = noisy(curve(-1, 0.2, 0.1, X), sigma, new Xoshiro256PlusPlus(5L));
    PowerLawFit fit = PowerLawFitter.fit(-1, X, y, sigma);
    assertTrue(Math.abs(fit.a() - 0.2) < 2 * fit.aErr(), fit.toString());
    assertTrue(Math.abs(fit.b() - 0.1) < 2 * fit.bErr(), fit.toString());
  }

  @Test
  void unusableSigmaFallsBackToUnweighted() throws FitException {
    double[] y = curve(-2, 0.3, 0.15, X);
    double[] zero = constant(0.003, X.length);
    zero[3] = 0;
    double[] nan = constant(0.003, X.length);
    nan[5] = Double.NaN;
    assertFalse(PowerLawFitter.fit(-2, X, y, zero).weighted());
    assertFalse(PowerLawFitter.fit(-2, X, y, nan).weighted());
  }

  @Test
  void impossibleFitsSayWhy() {
    double[] x3 = {100, 200, 300};
    assertReason("need at least 3 points, have 2", new double[] {100, 200}, new double[] {-1.5, -1.4});
    assertReason("y[1] = NaN is not finite", x3, new double[] {-1.5, Double.NaN, -1.3});
    assertReason("x[0] = 0.0 is not a finite number > 0", new double[] {0, 200, 300}, new double[] {-1.5, -1.4, -1.3});
    assertReason("x[2] = -300.0", new double[] {100, 200, -300}, new double[] {-1.5, -1.4, -1.3});
    assertReason("all x are equal (200.0)", new double[] {200, 200, 200}, new double[] {-1.5, -1.4, -1.3});
    assertReason("singular", x3, new double[] {-2, -2, -2});
  }

  private static void assertReason(String expected, double[] x, double[] y) {
    FitException e = assertThrows(FitException.class, () -> PowerLawFitter.fit(-2, x, y, null));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void pointsBelowTheOffsetDoNotBreakTheSeed() throws FitException {
    // a curve that decays onto e0 within the noise: find the first seed that puts a point below e0
    double[] sigma = constant(0.004, X.length);
    double[] exact = curve(-2, 0.3, -0.6, X);
    double[] y = null;
    for (long seed = 1; y == null; seed++) {
      double[] draw = noisy(exact, sigma, new Xoshiro256PlusPlus(seed));
      if (Arrays.stream(draw).anyMatch(v -> v < -2)) {
        y = draw;
      }
    }
    PowerLawFit fit = PowerLawFitter.fit(-2, X, y, sigma);
    assertTrue(Math.abs(fit.a() - 0.3) < 3 * fit.aErr(), fit.toString());
    assertTrue(Math.abs(fit.b() + 0.6) < 3 * fit.bErr(), fit.toString());

    // two points pushed well below e0: the seed skips them, the fit still converges
    double[] outliers = curve(-2, 0.3, 0.15, X);
    outliers[2] = -2.05;
    outliers[9] = -2.01;
    PowerLawFit robust = PowerLawFitter.fit(-2, X, outliers, constant(0.003, X.length));
    assertTrue(Double.isFinite(robust.a()) && Double.isFinite(robust.b()) && robust.chi2() > 0, robust.toString());

    // every point below e0 (a < 0): flat seed, Levenberg–Marquardt finds the exact curve
    PowerLawFit below = PowerLawFitter.fit(-1, X, curve(-1, -0.2, 0.1, X), null);
    assertEquals(-0.2, below.a(), 0.2 * 1e-8);
    assertEquals(0.1, below.b(), 0.1 * 1e-8);
  }
}
