package org.rbmflow.ising.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks of the exact Ising solvers: brute-force enumeration against the transfer matrices,
 * and both against closed forms (high-temperature limit, ground state, the infinite and finite
 * zero-field chain, the infinite chain in a field, Kaufman's finite-torus partition function).
 *
 * <p>Tolerances are "combined": |actual - expected| &lt;= tol * max(1, |expected|).
 */
class ExactSolutionsTest {

  /** Combined relative/absolute tolerance for torus brute force vs transfer matrix. */
  private static final double TORUS_TOL = 1e-9;

  /** Combined relative/absolute tolerance for ring brute force vs transfer matrix. */
  private static final double RING_TOL = 1e-10;

  /** Critical temperature of the infinite square lattice, 2 / ln(1 + sqrt 2) = 2.26918... */
  private static final double TC = 2.0 / Math.log(1.0 + Math.sqrt(2.0));

  // ---------------------------------------------------------------- torus: brute vs transfer

  static Stream<Arguments> torusCases() {
    List<Arguments> cases = new ArrayList<>();
    for (int l : new int[] {3, 4}) {
      for (double t : new double[] {1.5, 2.269, 3.5}) {
        for (double h : new double[] {0.0, 0.3}) {
          cases.add(Arguments.of(l, t, h));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "l={0} T={1} h={2}")
  @MethodSource("torusCases")
  void torusBruteForceMatchesTransferMatrix(int l, double t, double h) {
    ExactValues brute = BruteForceTorus.solve(l, t, h);
    ExactValues tm = TransferMatrixTorus.solve(l, t, h);
    assertAll(
        () -> assertClose("E/N", brute.energyPerSpin(), tm.energyPerSpin(), TORUS_TOL),
        () -> assertClose("m", brute.magnetizationPerSpin(), tm.magnetizationPerSpin(), TORUS_TOL),
        () -> assertClose("C", brute.specificHeatPerSpin(), tm.specificHeatPerSpin(), TORUS_TOL),
        () ->
            assertClose(
                "lnZ",
                BruteForceTorus.logPartitionFunction(l, t, h),
                TransferMatrixTorus.logPartitionFunction(l, t, h),
                TORUS_TOL),
        () -> assertTrue(Double.isNaN(tm.absMagnetizationPerSpin()), "TM gives no <|m|>"),
        () -> assertTrue(brute.absMagnetizationPerSpin() >= Math.abs(brute.magnetizationPerSpin())),
        () -> assertTrue(brute.specificHeatPerSpin() > 0));
    if (h == 0.0) {
      assertEquals(0.0, tm.magnetizationPerSpin(), 1e-12, "m(h=0) by symmetry");
      assertEquals(0.0, brute.magnetizationPerSpin(), 1e-12, "m(h=0) by symmetry");
    }
  }

  /** Degenerate sizes (repeated bonds), the largest enumerable torus, and extreme T and h. */
  @ParameterizedTest(name = "l={0} T={1} h={2}")
  @MethodSource("torusEdgeCases")
  void torusEdgeCasesAgree(int l, double t, double h) {
    ExactValues brute = BruteForceTorus.solve(l, t, h);
    ExactValues tm = TransferMatrixTorus.solve(l, t, h);
    assertAll(
        () -> assertClose("E/N", brute.energyPerSpin(), tm.energyPerSpin(), TORUS_TOL),
        () -> assertClose("m", brute.magnetizationPerSpin(), tm.magnetizationPerSpin(), TORUS_TOL),
        () -> assertClose("C", brute.specificHeatPerSpin(), tm.specificHeatPerSpin(), TORUS_TOL));
  }

  static Stream<Arguments> torusEdgeCases() {
    return Stream.of(
        Arguments.of(1, 1.0, 0.4),
        Arguments.of(2, 1.0, 0.0),
        Arguments.of(2, 2.0, -0.7),
        Arguments.of(3, 0.3, 0.0),
        Arguments.of(3, 0.3, -2.0),
        Arguments.of(4, 20.0, 5.0),
        Arguments.of(4, 1.0, -0.05),
        Arguments.of(5, 2.269, 0.3));
  }

  // ---------------------------------------------------------------- ring: brute vs transfer

  static Stream<Arguments> ringCases() {
    double[][] th = {
      {0.3, 0.0}, {0.3, -5.0}, {0.5, 0.2}, {1.0, 0.0},
      {1.0, -0.7}, {2.5, 1.5}, {20.0, 5.0}, {20.0, 0.0}
    };
    List<Arguments> cases = new ArrayList<>();
    for (int n : new int[] {1, 2, 3, 8, 12}) {
      for (double[] p : th) {
        cases.add(Arguments.of(n, p[0], p[1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "n={0} T={1} h={2}")
  @MethodSource("ringCases")
  void ringBruteForceMatchesTransferMatrix(int n, double t, double h) {
    ExactValues brute = BruteForceTorus.solveRing(n, t, h);
    ExactValues tm = TransferMatrixRing.solve(n, t, h);
    assertAll(
        () -> assertClose("E/N", brute.energyPerSpin(), tm.energyPerSpin(), RING_TOL),
        () -> assertClose("m", brute.magnetizationPerSpin(), tm.magnetizationPerSpin(), RING_TOL),
        () -> assertClose("C", brute.specificHeatPerSpin(), tm.specificHeatPerSpin(), RING_TOL),
        () -> assertTrue(Double.isNaN(tm.absMagnetizationPerSpin()), "TM gives no <|m|>"));
  }

  /** n = 2 has two bonds between its spins: E = -2 s0 s1 - h (s0 + s1). */
  @Test
  void twoSpinRingHasTwoBonds() {
    double t = 1.3;
    double beta = 1 / t;
    // h = 0: <E>/N = <-s0 s1> = -tanh(2 beta).
    double expected = -Math.tanh(2 * beta);
    assertClose("TM E/N", expected, TransferMatrixRing.solve(2, t, 0).energyPerSpin(), 1e-14);
    assertClose("brute E/N", expected, BruteForceTorus.solveRing(2, t, 0).energyPerSpin(), 1e-14);
  }

  // ---------------------------------------------------------------- closed forms

  /** High T: E/N = -2 tanh(beta) + O(beta^3) on the square lattice. */
  @Test
  void torusHighTemperatureLimit() {
    double t = 100.0;
    double expected = -2 * Math.tanh(1 / t);
    assertEquals(expected, TransferMatrixTorus.solve(8, t, 0).energyPerSpin(), 1e-3);
    assertEquals(expected, BruteForceTorus.solve(4, t, 0).energyPerSpin(), 1e-3);
  }

  /** Low T: ground state, E/N = -2 (all bonds satisfied), C -> 0. */
  @Test
  void torusLowTemperatureLimit() {
    ExactValues tm = TransferMatrixTorus.solve(8, 0.25, 0);
    assertEquals(-2.0, tm.energyPerSpin(), 1e-10);
    assertEquals(0.0, tm.specificHeatPerSpin(), 1e-10);
    ExactValues brute = BruteForceTorus.solve(4, 0.25, 0);
    assertEquals(-2.0, brute.energyPerSpin(), 1e-10);
    assertEquals(1.0, brute.absMagnetizationPerSpin(), 1e-10);
  }

  /** Finite 8x8 torus at T ~ Tc: E/N near the infinite-lattice -sqrt 2. */
  @Test
  void torus8x8NearCriticalIsSane() {
    ExactValues v = TransferMatrixTorus.solve(8, 2.269, 0);
    assertTrue(v.energyPerSpin() > -1.5 && v.energyPerSpin() < -1.3, "E/N = " + v.energyPerSpin());
    double c = v.specificHeatPerSpin();
    assertTrue(c > 1.0 && c < 3.0, "C = " + c);
  }

  /**
   * Kaufman (1949) for an l x l torus at h = 0, K = beta J:
   * ln Z against the transfer matrix to 1e-11, E/N and C (finite differences of Kaufman's ln Z)
   * to 1e-8 and 1e-6.
   */
  @ParameterizedTest(name = "l={0} T={1}")
  @MethodSource("kaufmanCases")
  void torusMatchesKaufman(int l, double t) {
    double beta = 1 / t;
    int n = l * l;
    double d = 1e-3;
    double[] f = new double[5];
    for (int i = 0; i < 5; i++) {
      f[i] = kaufmanLogZ(l, beta + (i - 2) * d);
    }
    // E = -d lnZ/d beta, Var E = d^2 lnZ/d beta^2, fourth-order central differences.
    double energy = -(-f[4] + 8 * f[3] - 8 * f[1] + f[0]) / (12 * d);
    double varE = (-f[4] + 16 * f[3] - 30 * f[2] + 16 * f[1] - f[0]) / (12 * d * d);
    ExactValues tm = TransferMatrixTorus.solve(l, t, 0);
    assertAll(
        () -> assertClose("lnZ", f[2], TransferMatrixTorus.logPartitionFunction(l, t, 0), 1e-11),
        () -> assertClose("E/N", energy / n, tm.energyPerSpin(), 1e-8),
        () -> assertClose("C", beta * beta * varE / n, tm.specificHeatPerSpin(), 1e-6));
  }

  static Stream<Arguments> kaufmanCases() {
    List<Arguments> cases = new ArrayList<>();
    for (int l : new int[] {3, 4, 8}) {
      for (double t : new double[] {1.5, 2.269, 3.5}) {
        cases.add(Arguments.of(l, t));
      }
    }
    cases.add(Arguments.of(6, TC));
    cases.add(Arguments.of(8, 0.8));
    return cases.stream();
  }

  /** Ring, h = 0: E/N = -(t + t^{n-1}) / (1 + t^n), t = tanh(beta J), exactly for every n. */
  @Test
  void ringZeroFieldFiniteClosedForm() {
    for (int n : new int[] {1, 2, 3, 12, 1000}) {
      for (double t : new double[] {0.3, 0.5, 1.0, 5.0}) {
        double th = Math.tanh(1 / t);
        double expected = -(th + Math.pow(th, n - 1)) / (1 + Math.pow(th, n));
        double actual = TransferMatrixRing.solve(n, t, 0).energyPerSpin();
        assertClose("E/N n=" + n + " T=" + t, expected, actual, 1e-12);
      }
    }
  }

  /** Ring, h = 0, n = 1000: E/N -> -tanh(beta), C -> beta^2 / cosh^2(beta). */
  @Test
  void ringZeroFieldThermodynamicLimit() {
    for (double t : new double[] {0.5, 1.0, 2.0, 5.0, 20.0}) {
      double beta = 1 / t;
      ExactValues v = TransferMatrixRing.solve(1000, t, 0);
      double cosh = Math.cosh(beta);
      assertClose("E/N T=" + t, -Math.tanh(beta), v.energyPerSpin(), 1e-9);
      assertClose("C T=" + t, beta * beta / (cosh * cosh), v.specificHeatPerSpin(), 1e-9);
      assertEquals(0.0, v.magnetizationPerSpin(), 1e-12);
    }
  }

  /** Ring in a field, n = 1000: m = sinh(beta h) / sqrt(sinh^2(beta h) + exp(-4 beta J)). */
  @Test
  void ringMagnetizationThermodynamicLimit() {
    for (double t : new double[] {0.3, 0.5, 1.0, 2.0, 5.0, 20.0}) {
      for (double h : new double[] {0.05, 0.3, -1.0, 2.0, -5.0}) {
        double beta = 1 / t;
        double sh = Math.sinh(beta * h);
        double expected = sh / Math.sqrt(sh * sh + Math.exp(-4 * beta));
        double actual = TransferMatrixRing.solve(1000, t, h).magnetizationPerSpin();
        assertClose("m T=" + t + " h=" + h, expected, actual, 1e-9);
      }
    }
  }

  // ---------------------------------------------------------------- argument checks

  @Test
  void rejectsOutOfRangeArguments() {
    Class<IllegalArgumentException> iae = IllegalArgumentException.class;
    assertAll(
        () -> assertThrows(iae, () -> BruteForceTorus.solve(6, 1, 0)),
        () -> assertThrows(iae, () -> BruteForceTorus.solve(0, 1, 0)),
        () -> assertThrows(iae, () -> BruteForceTorus.solveRing(21, 1, 0)),
        () -> assertThrows(iae, () -> BruteForceTorus.solve(3, 0, 0)),
        () -> assertThrows(iae, () -> BruteForceTorus.solve(3, -1, 0)),
        () -> assertThrows(iae, () -> BruteForceTorus.solve(3, 1, Double.NaN)),
        () -> assertThrows(iae, () -> TransferMatrixTorus.solve(11, 1, 0)),
        () -> assertThrows(iae, () -> TransferMatrixTorus.solve(4, Double.NaN, 0)),
        () -> assertThrows(iae, () -> TransferMatrixRing.solve(0, 1, 0)),
        () -> assertThrows(iae, () -> TransferMatrixRing.solve(5, 1, Double.POSITIVE_INFINITY)));
  }

  // ---------------------------------------------------------------- 8x8 reference table

  /** Prints the 8x8 reference values (h = 0) and checks they are ordered as physics requires. */
  @Test
  void print8x8Table() {
    double[] temps = {1.5, 2.269, 3.5};
    ExactValues[] v = new ExactValues[temps.length];
    StringBuilder sb = new StringBuilder();
    sb.append("8x8 periodic Ising torus, J = 1, h = 0 (exact, transfer matrix)\n");
    sb.append(
        String.format(Locale.ROOT, "%8s %18s %18s %18s %18s%n", "T", "E/N", "m", "C", "lnZ/N"));
    for (int i = 0; i < temps.length; i++) {
      v[i] = TransferMatrixTorus.solve(8, temps[i], 0);
      sb.append(
          String.format(
              Locale.ROOT,
              "%8.3f %18.12f %18.12f %18.12f %18.12f%n",
              temps[i],
              v[i].energyPerSpin(),
              v[i].magnetizationPerSpin(),
              v[i].specificHeatPerSpin(),
              TransferMatrixTorus.logPartitionFunction(8, temps[i], 0) / 64));
    }
    System.out.print(sb);
    for (int i = 1; i < temps.length; i++) {
      assertTrue(v[i].energyPerSpin() > v[i - 1].energyPerSpin(), "E/N increases with T");
    }
    for (ExactValues x : v) {
      assertTrue(x.specificHeatPerSpin() > 0, "C > 0");
      assertEquals(0.0, x.magnetizationPerSpin(), 1e-12, "m = 0 at h = 0");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void assertClose(String what, double expected, double actual, double tol) {
    double bound = tol * Math.max(1.0, Math.abs(expected));
    assertTrue(
        Math.abs(actual - expected) <= bound,
        () ->
            String.format(
                Locale.ROOT,
                "%s: expected %.15g, got %.15g (diff %.3g > %.3g)",
                what,
                expected,
                actual,
                actual - expected,
                bound));
  }

  /**
   * Kaufman's exact ln Z of the l x l periodic square lattice at h = 0 (J = 1, K = beta):
   *
   * <pre>
   *   Z = 1/2 (2 sinh 2K)^{N/2} (Z1 + Z2 + Z3 + Z4),
   *   Z1 = prod_{r=0}^{l-1} 2 cosh(l g_{2r+1} / 2),  Z2 = prod 2 sinh(l g_{2r+1} / 2),
   *   Z3 = prod_{r=0}^{l-1} 2 cosh(l g_{2r} / 2),    Z4 = prod 2 sinh(l g_{2r} / 2),
   *   cosh g_k = cosh 2K coth 2K - cos(pi k / l) (k &gt;= 1),  g_0 = 2K + ln tanh K,
   * </pre>
   *
   * with g_0 &lt; 0 above Tc making Z4 negative. Evaluated in logs with signs.
   */
  private static double kaufmanLogZ(int l, double k) {
    double[] logAbs = new double[4];
    double[] sign = {1, 1, 1, 1};
    double c = Math.cosh(2 * k) / Math.tanh(2 * k);
    for (int r = 0; r < l; r++) {
      for (int parity = 0; parity < 2; parity++) {
        int idx = 2 * r + (1 - parity); // parity 0: odd index (Z1, Z2); parity 1: even (Z3, Z4)
        double g;
        if (idx == 0) {
          g = 2 * k + Math.log(Math.tanh(k));
        } else {
          double ch = c - Math.cos(Math.PI * idx / l);
          g = Math.log(ch + Math.sqrt(ch * ch - 1));
        }
        double x = 0.5 * l * g;
        double ax = Math.abs(x);
        // ln(2 cosh x) = |x| + ln(1 + e^{-2|x|});  ln|2 sinh x| = |x| + ln(1 - e^{-2|x|}).
        logAbs[2 * parity] += ax + Math.log1p(Math.exp(-2 * ax));
        logAbs[2 * parity + 1] += ax + Math.log(-Math.expm1(-2 * ax));
        if (x < 0) {
          sign[2 * parity + 1] = -sign[2 * parity + 1];
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logAbs) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += sign[i] * Math.exp(logAbs[i] - max);
    }
    int n = l * l;
    return -Math.log(2) + 0.5 * n * Math.log(2 * Math.sinh(2 * k)) + max + Math.log(sum);
  }
}
