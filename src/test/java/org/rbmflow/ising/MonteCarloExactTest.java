package org.rbmflow.ising;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rbmflow.ising.exact.BruteForceTorus;
import org.rbmflow.ising.exact.ExactValues;
import org.rbmflow.ising.exact.TransferMatrixRing;
import org.rbmflow.ising.exact.TransferMatrixTorus;

/**
 * Acceptance criteria of the Monte Carlo generator: its estimates agree with exact solutions
 * within 4 standard errors, where the standard errors are the ones {@link Observables#summarise}
 * reports (cluster-robust over the 64 replicas; jackknife over replicas for C). A final test checks
 * that those errors are honest: over many seeds the pulls (MC − exact)/err have RMS near 1.
 *
 * <p>Every case uses a fixed seed and {@link McSettings#DEFAULT} (the high-statistics case, marked *
 * in the table, samples every sweep); a compact MC-vs-exact table is printed to standard output at
 * the end of the class.
 */
@DisplayName("Monte Carlo vs exact Ising solutions")
class MonteCarloExactTest {

  /** Acceptance band, in standard errors. */
  private static final double MAX_PULL = 4.0;
  /** Added in quadrature to every error, only so that a zero error does not divide by zero. */
  private static final double ERROR_FLOOR = 1e-12;
  /** Configurations per (lattice, T, H) case. */
  private static final int CONFIGS = 100_000;

  /** One line of the MC-vs-exact table. */
  private record Row(String lattice, double t, double h, String quantity, double mc, double err, double exact) {
    double pull() {
      return MonteCarloExactTest.pull(mc, err, exact);
    }
  }

  private static final List<Row> TABLE = new ArrayList<>();

  /** pull = (MC − exact) / √(err² + floor²). */
  static double pull(double mc, double err, double exact) {
    return (mc - exact) / Math.hypot(err, ERROR_FLOOR);
  }

  // A fixed, case-specific seed: the same case always draws the same stream.
  private static long seed(int dim, int l, double t, double h) {
    return 0x5EED_0000L + 1_000_003L * dim + 10_007L * l + Math.round(1000 * t) * 31 + Math.round(1000 * h) * 17;
  }

  private static ObservableSummary run(Lattice lattice, double t, double h) {
    SampleSet set = MonteCarlo.generate(lattice, t, h, seed(lattice.dim(), lattice.l(), t, h), CONFIGS,
        McSettings.DEFAULT);
    return Observables.summarise(set);
  }

  /** Records a row and returns an assertion that its pull lies within ±{@link #MAX_PULL}. */
  private static Executable within4Sigma(Lattice lattice, double t, double h, String quantity, double mc, double err,
      double exact) {
    Row row = new Row(lattice.toString(), t, h, quantity, mc, err, exact);
    synchronized (TABLE) {
      TABLE.add(row);
    }
    return () -> assertTrue(Math.abs(row.pull()) <= MAX_PULL,
        () -> String.format(Locale.ROOT, "%s T=%s H=%s %s: MC %.6f ± %.6f vs exact %.6f, pull %.2f (limit %.1f)",
            lattice, t, h, quantity, mc, err, exact, row.pull(), MAX_PULL));
  }

  @AfterAll
  static void printTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%n%-13s %6s %5s %-5s %12s %10s %12s %7s%n",
        "lattice", "T", "H", "qty", "MC", "err", "exact", "pull"));
    double sumSq = 0;
    double worst = 0;
    for (Row r : TABLE) {
      sb.append(String.format(Locale.ROOT, "%-13s %6.3f %5.2f %-5s %12.6f %10.6f %12.6f %7.2f%n",
          r.lattice(), r.t(), r.h(), r.quantity(), r.mc(), r.err(), r.exact(), r.pull()));
      sumSq += r.pull() * r.pull();
      worst = Math.max(worst, Math.abs(r.pull()));
    }
    if (!TABLE.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%d comparisons, RMS pull %.3f, largest |pull| %.2f%n",
          TABLE.size(), Math.sqrt(sumSq / TABLE.size()), worst));
    }
    System.out.print(sb);
  }

  // ------------------------------------------------------------------ 2D, H = 0

  static Stream<Arguments> smallTori() {
    List<Arguments> cases = new ArrayList<>();
    for (int l : new int[] {3, 4}) {
      for (double t : new double[] {1.5, 2.269, 3.5}) {
        cases.add(Arguments.of(l, t));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}x{0} torus, T={1}, H=0")
  @MethodSource("smallTori")
  @DisplayName("2D small torus: E/N, <|m|> and C vs brute force")
  void smallTorusMatchesBruteForce(int l, double t) {
    Lattice lattice = Lattice.square(l);
    ObservableSummary mc = run(lattice, t, 0.0);
    ExactValues ex = BruteForceTorus.solve(l, t, 0.0);
    assertAll(
        within4Sigma(lattice, t, 0.0, "E/N", mc.energy(), mc.energyErr(), ex.energyPerSpin()),
        within4Sigma(lattice, t, 0.0, "|m|", mc.absMagnetization(), mc.absMagnetizationErr(),
            ex.absMagnetizationPerSpin()),
        within4Sigma(lattice, t, 0.0, "C", mc.specificHeat(), mc.specificHeatErr(), ex.specificHeatPerSpin()));
  }

  @ParameterizedTest(name = "8x8 torus, T={0}, H=0")
  @MethodSource("temperatures2d")
  @DisplayName("2D 8x8 torus: E/N and C vs transfer matrix")
  void torus8MatchesTransferMatrix(double t) {
    Lattice lattice = Lattice.square(8);
    ObservableSummary mc = run(lattice, t, 0.0);
    ExactValues ex = TransferMatrixTorus.solve(8, t, 0.0);
    assertAll(
        within4Sigma(lattice, t, 0.0, "E/N", mc.energy(), mc.energyErr(), ex.energyPerSpin()),
        within4Sigma(lattice, t, 0.0, "C", mc.specificHeat(), mc.specificHeatErr(), ex.specificHeatPerSpin()));
  }

  static Stream<Double> temperatures2d() {
    return Stream.of(1.5, 2.269, 3.5);
  }

  // ------------------------------------------------------------------ 2D, H ≠ 0

  @Test
  @DisplayName("2D 4x4 torus in a field H=0.3: E/N, m, <|m|> and C vs brute force")
  void torusInFieldMatchesBruteForce() {
    Lattice lattice = Lattice.square(4);
    double t = 2.269;
    double h = 0.3;
    ObservableSummary mc = run(lattice, t, h);
    ExactValues ex = BruteForceTorus.solve(4, t, h);
    assertAll(
        within4Sigma(lattice, t, h, "E/N", mc.energy(), mc.energyErr(), ex.energyPerSpin()),
        within4Sigma(lattice, t, h, "m", mc.magnetization(), mc.magnetizationErr(), ex.magnetizationPerSpin()),
        within4Sigma(lattice, t, h, "|m|", mc.absMagnetization(), mc.absMagnetizationErr(),
            ex.absMagnetizationPerSpin()),
        within4Sigma(lattice, t, h, "C", mc.specificHeat(), mc.specificHeatErr(), ex.specificHeatPerSpin()));
  }

  // ------------------------------------------------------------------ high statistics, H = 0

  /**
   * The same criterion as {@link #smallTorusMatchesBruteForce} on the 3×3 torus at T = 3.5, with
   * 10⁶ configurations taken every sweep, so the standard error of E/N is about 0.001 instead of
   * 0.005. A Metropolis chain that is ergodic passes at any statistics; a chain whose sweep splits
   * the state space into closed classes converges to the Boltzmann distribution restricted to the
   * class of its start and shows a bias that only enough statistics reveal.
   */
  @Test
  @DisplayName("2D 3x3 torus, T=3.5, H=0, 10^6 configurations: E/N, <|m|> and C vs brute force")
  void smallOddTorusHighStatistics() {
    Lattice lattice = Lattice.square(3);
    double t = 3.5;
    SampleSet set = MonteCarlo.generate(lattice, t, 0.0, seed(2, 3, t, 0.0) + 1, 1_000_000,
        new McSettings(1000, 1000, 1, 10_000));
    ObservableSummary mc = Observables.summarise(set);
    ExactValues ex = BruteForceTorus.solve(3, t, 0.0);
    assertAll(
        within4Sigma(lattice, t, 0.0, "E/N*", mc.energy(), mc.energyErr(), ex.energyPerSpin()),
        within4Sigma(lattice, t, 0.0, "|m|*", mc.absMagnetization(), mc.absMagnetizationErr(),
            ex.absMagnetizationPerSpin()),
        within4Sigma(lattice, t, 0.0, "C*", mc.specificHeat(), mc.specificHeatErr(), ex.specificHeatPerSpin()));
  }

  // ------------------------------------------------------------------ 1D ring

  static Stream<Arguments> ringCases() {
    double[][] th = {{1.0, 0.0}, {1.0, 0.5}, {2.0, 0.3}, {0.7, 0.0}, {3.0, -1.0}};
    List<Arguments> cases = new ArrayList<>();
    for (int n : new int[] {50, 12}) {
      for (double[] p : th) {
        cases.add(Arguments.of(n, p[0], p[1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "ring of {0}, T={1}, H={2}")
  @MethodSource("ringCases")
  @DisplayName("1D ring: E/N, m and C vs transfer matrix")
  void ringMatchesTransferMatrix(int n, double t, double h) {
    Lattice lattice = Lattice.ring(n);
    ObservableSummary mc = run(lattice, t, h);
    ExactValues ex = TransferMatrixRing.solve(n, t, h);
    List<Executable> checks = new ArrayList<>(List.of(
        within4Sigma(lattice, t, h, "E/N", mc.energy(), mc.energyErr(), ex.energyPerSpin()),
        within4Sigma(lattice, t, h, "m", mc.magnetization(), mc.magnetizationErr(), ex.magnetizationPerSpin()),
        within4Sigma(lattice, t, h, "C", mc.specificHeat(), mc.specificHeatErr(), ex.specificHeatPerSpin())));
    if (n <= BruteForceTorus.MAX_RING) {
      // The transfer matrix gives no <|m|>; a ring this small is enumerable.
      checks.add(within4Sigma(lattice, t, h, "|m|", mc.absMagnetization(), mc.absMagnetizationErr(),
          BruteForceTorus.solveRing(n, t, h).absMagnetizationPerSpin()));
    }
    assertAll(checks.stream());
  }

  // ------------------------------------------------------------------ T = 0

  static Stream<Arguments> groundStateCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Lattice lattice : new Lattice[] {Lattice.square(4), Lattice.square(9), Lattice.ring(12), Lattice.ring(70)}) {
      for (double h : new double[] {0.5, -0.25, 0.0}) {
        cases.add(Arguments.of(lattice, h));
      }
    }
    return cases.stream();
  }

  /**
   * At T = 0 every configuration is a ground state: all bonds satisfied and every spin along H, so
   * E/N = −bonds/N − |H| = −2 − |H| on the torus and −1 − |H| on the ring; for H &gt; 0 all up, for
   * H &lt; 0 all down; at H = 0 all up or all down with a fair coin per configuration. With n
   * configurations the fraction up is Binomial(n, ½)/n, standard error ½/√n.
   */
  @ParameterizedTest(name = "{0}, H={1}")
  @MethodSource("groundStateCases")
  @DisplayName("T = 0: exact ground states")
  void zeroTemperatureGivesGroundStates(Lattice lattice, double h) {
    int configs = CONFIGS;
    SampleSet set = MonteCarlo.generate(lattice, 0.0, h, seed(lattice.dim(), lattice.l(), 0, h), configs,
        McSettings.DEFAULT);
    double e0 = (lattice.dim() == 2 ? -2.0 : -1.0) - Math.abs(h);
    int n = lattice.sites();
    int up = 0;
    for (int i = 0; i < configs; i++) {
      assertEquals(e0, set.energy()[i], 1e-12, "reported E/N of config " + i);
      assertEquals(e0, Observables.energyPerSpin(lattice, set.spins(), i, h), 1e-12, "E/N of packed config " + i);
      int first = set.spins().spin(i, 0);
      for (int j = 1; j < n; j++) {
        if (set.spins().spin(i, j) != first) {
          throw new AssertionError("config " + i + " is not uniform: site " + j + " differs from site 0");
        }
      }
      assertEquals(first, set.magnetization()[i], 0.0, "m of config " + i);
      if (h > 0) {
        assertEquals(1, first, "H > 0: config " + i + " must be all up");
      } else if (h < 0) {
        assertEquals(-1, first, "H < 0: config " + i + " must be all down");
      }
      if (first == 1) {
        up++;
      }
    }
    ObservableSummary s = Observables.summarise(set);
    assertEquals(e0, s.energy(), 1e-12);
    assertEquals(0.0, s.specificHeat(), 0.0, "C at T = 0");
    if (h == 0) {
      double fraction = (double) up / configs;
      double err = 0.5 / Math.sqrt(configs);
      System.out.printf(Locale.ROOT, "T=0 %s H=0: fraction up %.4f ± %.4f%n", lattice, fraction, err);
      assertTrue(Math.abs(fraction - 0.5) <= MAX_PULL * err,
          "H = 0: fraction of all-up ground states " + fraction + " is not ½ within 4σ (σ=" + err + ")");
    }
  }

  // ------------------------------------------------------------------ are the errors honest?

  /**
   * Over K independent seeds the pulls z_k = (MC_k − exact)/err_k of a correctly estimated error
   * are approximately standard normal, so RMS(z) = √(χ²_K / K); for K = 20 its central 99.9% range
   * is about [0.55, 1.45]. Accept 0.5 ≤ RMS ≤ 1.6: too small means inflated errors, too large
   * means errors that hide autocorrelation or correlations between replicas.
   */
  @Test
  @DisplayName("Reported errors are honest: RMS pull over 20 seeds on 4x4 at T=2.269 in [0.5, 1.6]")
  void errorsAreHonestOverSeeds() {
    Lattice lattice = Lattice.square(4);
    double t = 2.269;
    double h = 0.0;
    int seeds = 20;
    int configs = 5_000;
    ExactValues ex = BruteForceTorus.solve(4, t, h);
    List<Function<ObservableSummary, double[]>> quantities = List.of(
        s -> new double[] {s.energy(), s.energyErr(), ex.energyPerSpin()},
        s -> new double[] {s.absMagnetization(), s.absMagnetizationErr(), ex.absMagnetizationPerSpin()},
        s -> new double[] {s.specificHeat(), s.specificHeatErr(), ex.specificHeatPerSpin()});
    String[] names = {"E/N", "|m|", "C"};
    double[][] pulls = new double[names.length][seeds];
    for (int k = 0; k < seeds; k++) {
      ObservableSummary s = Observables.summarise(
          MonteCarlo.generate(lattice, t, h, 7_000L + 131L * k, configs, McSettings.DEFAULT));
      for (int q = 0; q < names.length; q++) {
        double[] v = quantities.get(q).apply(s);
        pulls[q][k] = pull(v[0], v[1], v[2]);
      }
    }
    List<Executable> checks = new ArrayList<>();
    for (int q = 0; q < names.length; q++) {
      double sumSq = 0;
      for (double z : pulls[q]) {
        sumSq += z * z;
      }
      double rms = Math.sqrt(sumSq / seeds);
      String name = names[q];
      System.out.printf(Locale.ROOT, "honesty %s T=%.3f %s over %d seeds x %d configs: RMS pull %.3f%n",
          lattice, t, name, seeds, configs, rms);
      checks.add(() -> assertTrue(rms >= 0.5 && rms <= 1.6,
          String.format(Locale.ROOT, "%s: RMS pull %.3f outside [0.5, 1.6]", name, rms)));
    }
    assertAll(checks.stream());
  }
}
