package org.rbmflow.ising;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Addressable randomness of the Monte Carlo data: a configuration at (lattice, T, H, seed, index) is the
 * same bits however, wherever and alongside whatever else it is generated (repeat runs, more or fewer
 * configurations, a longer temperature grid, other fields, any thread count), while different seeds or
 * different (T, H) give streams that look independent.
 */
class DeterminismTest {

  /** Short schedule with automatic spacing (probe ≥ 100 is required for auto). */
  private static final McSettings AUTO = new McSettings(100, 100, 0, 200);
  /** Fixed spacing, no probe: a second code path through the schedule. */
  private static final McSettings FIXED = new McSettings(40, 0, 3, 10);

  /** (lattice, T, H, settings): 1D and 2D, zero and non-zero field, T = 0 ground states, 1 and 2 words per config. */
  static Stream<Arguments> points() {
    return Stream.of(
        Arguments.of(Lattice.square(8), 2.269, 0.0, AUTO),
        Arguments.of(Lattice.square(9), 1.5, 0.3, AUTO),
        Arguments.of(Lattice.square(10), 3.0, 0.0, FIXED),
        Arguments.of(Lattice.square(5), 0.0, 0.0, AUTO),
        Arguments.of(Lattice.square(6), 0.0, -0.5, AUTO),
        Arguments.of(Lattice.ring(70), 1.0, 0.0, AUTO),
        Arguments.of(Lattice.ring(33), 0.7, -0.2, AUTO),
        Arguments.of(Lattice.ring(16), 2.0, 0.4, FIXED),
        Arguments.of(Lattice.ring(12), 0.0, 0.0, AUTO));
  }

  @ParameterizedTest(name = "{0} T={1} H={2} {3}")
  @MethodSource("points")
  void sameInputsGiveSameBitsEnergiesAndSummary(Lattice lattice, double t, double h, McSettings settings) {
    SampleSet a = MonteCarlo.generate(lattice, t, h, 42L, 150, settings);
    SampleSet b = MonteCarlo.generate(lattice, t, h, 42L, 150, settings);
    assertSameSet(a, b, 150);
    assertEquals(Observables.summarise(a), Observables.summarise(b));
    // the recorded energies are those of the stored bits
    for (int i = 0; i < a.count(); i += 37) {
      assertEquals(Observables.energyPerSpin(lattice, a.spins(), i, a.field()), a.energy()[i], 1e-12, "config " + i);
    }
  }

  @ParameterizedTest(name = "{0} T={1} H={2} {3}")
  @MethodSource("points")
  void moreConfigurationsOnlyAppend(Lattice lattice, double t, double h, McSettings settings) {
    int[][] pairs = {{100, 1000}, {70, 200}, {1, 65}, {64, 128}};
    for (int[] p : pairs) {
      SampleSet few = MonteCarlo.generate(lattice, t, h, 7L, p[0], settings);
      SampleSet many = MonteCarlo.generate(lattice, t, h, 7L, p[1], settings);
      assertEquals(p[0], few.count());
      assertEquals(p[1], many.count());
      assertSameSet(few, many, p[0]);
      assertEquals(few.decorSweeps(), many.decorSweeps(), "spacing must not depend on the count");
      assertEquals(few.thermSweeps(), many.thermSweeps(), "thermalisation must not depend on the count");
    }
  }

  @Test
  void longerTemperatureGridStartsWithTheShorterOne() {
    Lattice lattice = Lattice.square(6);
    double[] fields = {0.0, 0.2};
    double[] short10 = new double[10];
    double[] long30 = new double[30];
    for (int k = 0; k < 30; k++) {
      if (k < 10) {
        short10[k] = k * 0.1;
      }
      long30[k] = k * 0.1;
    }
    IsingDataset small = DatasetGenerator.generate(lattice, short10, fields, 3L, 70, AUTO, 2, null);
    IsingDataset large = DatasetGenerator.generate(lattice, long30, fields, 3L, 70, AUTO, 2, null);
    assertEquals(20, small.sets().size());
    assertEquals(60, large.sets().size());
    for (int s = 0; s < small.sets().size(); s++) {
      assertSameSet(small.sets().get(s), large.sets().get(s), 70);
    }
    // temperature-major order
    for (int it = 0; it < 30; it++) {
      for (int ih = 0; ih < fields.length; ih++) {
        SampleSet s = large.set(it, ih);
        assertEquals(MonteCarlo.canonical(it * 0.1), s.temperature(), 0.0);
        assertEquals(fields[ih], s.field(), 0.0);
      }
    }
    // 3·0.1 = 0.30000000000000004 names the same temperature as the literal 0.3
    assertFalse(3 * 0.1 == 0.3, "premise of the test");
    assertEquals(0.3, large.set(3, 0).temperature(), 0.0);
    SampleSet literal = MonteCarlo.generate(lattice, 0.3, 0.0, 3L, 70, AUTO);
    assertSameSet(literal, large.set(3, 0), 70);
    // a (T, H) is independent of the rest of the grid: alone, or in a grid with other fields
    SampleSet alone = MonteCarlo.generate(lattice, 2.5, 0.2, 3L, 70, AUTO);
    assertSameSet(alone, large.set(25, 1), 70);
    IsingDataset otherFields = DatasetGenerator.generate(lattice, new double[] {2.5}, new double[] {-1, 0.2}, 3L, 70,
        AUTO, 1, null);
    assertSameSet(alone, otherFields.set(0, 1), 70);
  }

  @Test
  void threadCountDoesNotChangeTheDataset() {
    Lattice lattice = Lattice.square(7);
    double[] temps = {0, 0.5, 1.0, 2.269, 3.0, 4.5};
    double[] fields = {-0.1, 0.0, 0.25};
    IsingDataset one = DatasetGenerator.generate(lattice, temps, fields, 11L, 100, AUTO, 1, null);
    IsingDataset two = DatasetGenerator.generate(lattice, temps, fields, 11L, 100, AUTO, 2, null);
    IsingDataset three = DatasetGenerator.generate(lattice, temps, fields, 11L, 100, AUTO, 3, null);
    assertArrayEquals(one.temperatures(), two.temperatures());
    assertArrayEquals(one.fields(), two.fields());
    for (int s = 0; s < one.sets().size(); s++) {
      assertSameSet(one.sets().get(s), two.sets().get(s), 100);
      assertSameSet(one.sets().get(s), three.sets().get(s), 100);
      assertEquals(Observables.summarise(one.sets().get(s)), Observables.summarise(two.sets().get(s)));
    }
  }

  @Test
  void seedsLatticesAndPointsActuallyChangeTheData() {
    // guards the tests above against passing because everything is the same
    Lattice lattice = Lattice.square(8);
    SampleSet base = MonteCarlo.generate(lattice, 2.269, 0.0, 1L, 64, AUTO);
    SampleSet otherSeed = MonteCarlo.generate(lattice, 2.269, 0.0, 2L, 64, AUTO);
    SampleSet otherT = MonteCarlo.generate(lattice, 2.27, 0.0, 1L, 64, AUTO);
    SampleSet otherH = MonteCarlo.generate(lattice, 2.269, 1e-6, 1L, 64, AUTO);
    for (SampleSet other : new SampleSet[] {otherSeed, otherT, otherH}) {
      assertFalse(Arrays.equals(base.spins().bits(), other.spins().bits()),
          "T=" + other.temperature() + " H=" + other.field() + " seed=" + other.seed());
    }
    assertEquals(MonteCarlo.streamSeed(lattice, 0.3, 0, 5L), MonteCarlo.streamSeed(lattice, 3 * 0.1, 0, 5L));
    assertTrue(MonteCarlo.streamSeed(lattice, 0.3, 0, 5L) != MonteCarlo.streamSeed(Lattice.square(9), 0.3, 0, 5L));
    assertTrue(MonteCarlo.streamSeed(Lattice.ring(64), 0.3, 0, 5L) != MonteCarlo.streamSeed(Lattice.square(8), 0.3, 0, 5L));
  }

  /** Pairs of streams that must look independent: other seed, other T, other H. */
  static Stream<Arguments> independentPairs() {
    return Stream.of(
        Arguments.of(2, "seed 1 vs 2", 50.0, 0.0, 1L, 50.0, 0.0, 2L),
        Arguments.of(2, "T 50 vs 50.5", 50.0, 0.0, 1L, 50.5, 0.0, 1L),
        Arguments.of(2, "H 0 vs 0.5", 50.0, 0.0, 1L, 50.0, 0.5, 1L),
        Arguments.of(1, "seed 1 vs 2", 50.0, 0.0, 1L, 50.0, 0.0, 2L),
        Arguments.of(1, "T 50 vs 50.5", 50.0, 0.0, 1L, 50.5, 0.0, 1L),
        Arguments.of(1, "H 0 vs 0.5", 50.0, 0.0, 1L, 50.0, 0.5, 1L));
  }

  /**
   * At T = 50 spins are nearly independent coin flips, so two independent streams agree on about half the
   * sites. The site test uses one configuration per replica (64 configurations), so that the bits compared
   * are independent and the binomial σ = √(0.25/n) applies; the energy test uses many configurations of a
   * small lattice and bounds |Pearson r| by 4/√n.
   */
  @ParameterizedTest(name = "{0}D {1}")
  @MethodSource("independentPairs")
  void differentSeedsOrPointsGiveUncorrelatedStreams(int dim, String label, double t1, double h1, long seed1,
      double t2, double h2, long seed2) {
    Lattice big = dim == 2 ? Lattice.square(32) : Lattice.ring(2048);
    SampleSet a = MonteCarlo.generate(big, t1, h1, seed1, 64, AUTO);
    SampleSet b = MonteCarlo.generate(big, t2, h2, seed2, 64, AUTO);
    long bits = (long) a.count() * big.sites();
    long differing = 0;
    long[] wa = a.spins().bits();
    long[] wb = b.spins().bits();
    for (int k = 0; k < wa.length; k++) {
      differing += Long.bitCount(wa[k] ^ wb[k]); // padding bits are 0 in both
    }
    double agree = 1.0 - (double) differing / bits;
    double sigma = Math.sqrt(0.25 / bits);
    assertTrue(Math.abs(agree - 0.5) <= 4 * sigma,
        String.format("%s: site agreement %.5f, expected 0.5 ± %.5f (4σ, n=%d)", label, agree, 4 * sigma, bits));

    Lattice small = dim == 2 ? Lattice.square(8) : Lattice.ring(64);
    int n = 4096;
    double[] ea = MonteCarlo.generate(small, t1, h1, seed1, n, AUTO).energy();
    double[] eb = MonteCarlo.generate(small, t2, h2, seed2, n, AUTO).energy();
    double r = pearson(ea, eb);
    assertTrue(Math.abs(r) < 4 / Math.sqrt(n),
        String.format("%s: energy correlation r = %.4f, expected |r| < %.4f", label, r, 4 / Math.sqrt(n)));
  }

  private static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** The first {@code count} configurations of a and b are identical: bits, energies, magnetizations, point. */
  private static void assertSameSet(SampleSet a, SampleSet b, int count) {
    assertEquals(a.lattice(), b.lattice());
    assertEquals(a.temperature(), b.temperature(), 0.0);
    assertEquals(a.field(), b.field(), 0.0);
    assertEquals(a.seed(), b.seed());
    for (int i = 0; i < count; i++) {
      if (!a.spins().sameConfig(i, b.spins(), i)) {
        throw new AssertionError("configuration " + i + " differs at T=" + a.temperature() + " H=" + a.field());
      }
      assertEquals(Double.doubleToLongBits(a.energy()[i]), Double.doubleToLongBits(b.energy()[i]), "energy " + i);
      assertEquals(Double.doubleToLongBits(a.magnetization()[i]), Double.doubleToLongBits(b.magnetization()[i]),
          "magnetization " + i);
    }
    if (a.count() == count && b.count() == count) {
      assertArrayEquals(a.spins().bits(), b.spins().bits());
      assertEquals(a.acceptance(), b.acceptance(), 0.0);
      assertEquals(a.tauIntEnergy(), b.tauIntEnergy(), 0.0);
    }
  }
}
