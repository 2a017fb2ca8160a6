package org.rbmflow.ising;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * Unit tests of the pieces of the multi-spin-coded Metropolis sampler: bit transposition, bit-sliced
 * lane counters, the acceptance table, lane independence of {@link MultiSpinMetropolis}, the
 * per-configuration observables of a {@link SampleSet}, and {@link Autocorrelation#tauInt}.
 */
@DisplayName("Multi-spin Metropolis units")
class MultiSpinUnitsTest {

  // ------------------------------------------------------------------ BitTranspose

  /** Naive transpose: bit r of out[k] = bit k of in[r]. */
  private static long[] naiveTranspose(long[] in, int off) {
    long[] out = new long[64];
    for (int k = 0; k < 64; k++) {
      for (int r = 0; r < 64; r++) {
        out[k] |= ((in[off + r] >>> k) & 1L) << r;
      }
    }
    return out;
  }

  @ParameterizedTest(name = "offset {0}")
  @ValueSource(ints = {0, 1, 7, 64})
  @DisplayName("BitTranspose.transpose64 matches a naive transpose and leaves the rest of the array alone")
  void transposeMatchesNaive(int off) {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(11 + off);
    for (int trial = 0; trial < 200; trial++) {
      long[] a = new long[off + 64 + 5];
      for (int i = 0; i < a.length; i++) {
        // mix densities: uniform words, sparse words, dense words
        long u = rng.nextLong();
        a[i] = switch (trial % 3) {
          case 0 -> u;
          case 1 -> u & rng.nextLong() & rng.nextLong();
          default -> u | rng.nextLong();
        };
      }
      long[] before = a.clone();
      long[] expected = naiveTranspose(a, off);
      BitTranspose.transpose64(a, off);
      for (int k = 0; k < 64; k++) {
        assertEquals(expected[k], a[off + k], "trial " + trial + ", row " + k);
      }
      for (int i = 0; i < a.length; i++) {
        if (i < off || i >= off + 64) {
          assertEquals(before[i], a[i], "word " + i + " outside the tile was modified");
        }
      }
      BitTranspose.transpose64(a, off);
      assertArrayEquals(before, a, "transposing twice must be the identity (trial " + trial + ")");
    }
  }

  @Test
  @DisplayName("BitTranspose: single set bits move to their mirrored position")
  void transposeSingleBits() {
    for (int k = 0; k < 64; k++) {
      for (int r = 0; r < 64; r++) {
        long[] a = new long[64];
        a[k] = 1L << r;
        BitTranspose.transpose64(a, 0);
        for (int i = 0; i < 64; i++) {
          assertEquals(i == r ? 1L << k : 0L, a[i], "bit (" + k + "," + r + ") → row " + i);
        }
      }
    }
  }

  // ------------------------------------------------------------------ LaneCounter

  @ParameterizedTest(name = "{0} words")
  @ValueSource(ints = {1, 3, 63, 64, 65, 1000, 4097})
  @DisplayName("LaneCounter equals per-lane naive counts")
  void laneCounterMatchesNaive(int words) {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(1000 + words);
    LaneCounter counter = new LaneCounter(words);
    for (int repeat = 0; repeat < 2; repeat++) {
      counter.clear();
      int[] naive = new int[64];
      for (int i = 0; i < words; i++) {
        // lane-dependent densities: lanes see words ANDed or ORed with extra random words
        long w = switch ((i + repeat) % 4) {
          case 0 -> rng.nextLong();
          case 1 -> rng.nextLong() & rng.nextLong();
          case 2 -> rng.nextLong() | rng.nextLong();
          default -> rng.nextLong() & 0x00FF00FF00FF00FFL;
        };
        counter.add(w);
        for (int r = 0; r < 64; r++) {
          naive[r] += (int) ((w >>> r) & 1L);
        }
      }
      for (int r = 0; r < 64; r++) {
        assertEquals(naive[r], counter.count(r), "lane " + r + " after " + words + " words (pass " + repeat + ")");
      }
    }
  }

  @ParameterizedTest(name = "maxCount {0}")
  @ValueSource(ints = {1, 2, 7, 8, 15, 16, 255, 256})
  @DisplayName("LaneCounter reaches exactly maxCount with all-ones words, other lanes stay 0")
  void laneCounterAtCapacity(int maxCount) {
    LaneCounter counter = new LaneCounter(maxCount);
    long pattern = 0xA5A5_0F0F_FFFF_0001L;
    for (int i = 0; i < maxCount; i++) {
      counter.add(pattern);
    }
    for (int r = 0; r < 64; r++) {
      assertEquals(((pattern >>> r) & 1L) != 0 ? maxCount : 0, counter.count(r), "lane " + r);
    }
  }

  // ------------------------------------------------------------------ AcceptanceTable

  static Stream<Arguments> tableCases() {
    List<Arguments> cases = new ArrayList<>();
    for (int z : new int[] {2, 4}) {
      for (double t : new double[] {0.1, 0.5, 1.0, 2.269, 5.0, 100.0}) {
        for (double h : new double[] {0.0, 0.3, -0.7, 2.5}) {
          cases.add(Arguments.of(z, t, h));
        }
      }
    }
    return cases.stream();
  }

  /** An unsigned 64-bit word as an exact integer. */
  private static BigInteger unsigned(long x) {
    return new BigInteger(Long.toUnsignedString(x));
  }

  /**
   * For a spin s with c of its z neighbours anti-aligned, ΔE = 2(z − 2c) + 2Hs and the Metropolis
   * probability is p = exp(−ΔE/T) for ΔE > 0, ½ for ΔE = 0 (ergodicity under a fixed order) and 1 for
   * ΔE < 0; class k = 2c + (s = +1 ? 1 : 0). ALWAYS iff ΔE < 0; otherwise the threshold P = ⌊p·2⁶⁴⌋
   * (unsigned), NEVER iff that is 0, else FRACTION.
   */
  @ParameterizedTest(name = "z={0} T={1} H={2}")
  @MethodSource("tableCases")
  @DisplayName("AcceptanceTable: probabilities are exp(−ΔE/T), ½ at ΔE = 0, 1 below; thresholds = ⌊p·2^64⌋")
  void acceptanceTableMatchesBoltzmann(int z, double t, double h) {
    AcceptanceTable table = new AcceptanceTable(z, t, h);
    assertEquals(2 * (z + 1), table.classes());
    BigDecimal two64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));
    List<Executable> checks = new ArrayList<>();
    for (int c = 0; c <= z; c++) {
      for (int s : new int[] {-1, 1}) {
        int k = 2 * c + (s == 1 ? 1 : 0);
        double dE = 2.0 * (z - 2 * c) + 2.0 * h * s;
        double p = metropolis(dE, t);
        String where = String.format(Locale.ROOT, "class k=%d (c=%d, s=%+d, ΔE=%.3f)", k, c, s, dE);
        checks.add(() -> assertEquals(p, table.probability(k), 1e-14 * p, where + " probability"));
        if (dE < 0) {
          checks.add(() -> assertEquals(AcceptanceTable.ALWAYS, table.kind(k), where + " must be ALWAYS"));
          continue;
        }
        BigDecimal exact = new BigDecimal(p).multiply(two64);
        if (exact.compareTo(BigDecimal.ONE) < 0) {
          checks.add(() -> assertEquals(AcceptanceTable.NEVER, table.kind(k), where + " p·2^64 < 1 must be NEVER"));
          continue;
        }
        checks.add(() -> {
          assertEquals(AcceptanceTable.FRACTION, table.kind(k), where + " must be FRACTION");
          BigInteger thr = unsigned(table.threshold(k));
          // |P − p·2^64| ≤ 1e-12·p·2^64 + 1: relative 1e-12, plus the one unit that the floor of a
          // fixed-point number may lose (which dominates only when p·2^64 < 10^12)
          BigDecimal dev = new BigDecimal(thr).subtract(exact).abs();
          BigDecimal allowed = exact.multiply(new BigDecimal("1e-12")).add(BigDecimal.ONE);
          assertTrue(dev.compareTo(allowed) < 0,
              where + ": threshold " + thr + " vs p·2^64 = " + exact.toBigInteger() + " (deviation " + dev + ")");
          // and it is the floor of the table's own p·2^64: P ≤ p·2^64 < P + 1
          BigDecimal own = new BigDecimal(table.probability(k)).multiply(two64);
          assertTrue(new BigDecimal(thr).compareTo(own) <= 0
              && new BigDecimal(thr.add(BigInteger.ONE)).compareTo(own) > 0, where + ": threshold is not ⌊p·2^64⌋");
        });
      }
    }
    assertAll(checks.stream());
  }

  @ParameterizedTest(name = "z={0} H={1}")
  @MethodSource("zeroTemperatureCases")
  @DisplayName("AcceptanceTable at T = 0: ΔE < 0 ALWAYS, ΔE = 0 one half, ΔE > 0 NEVER")
  void acceptanceTableAtZeroTemperature(int z, double h) {
    AcceptanceTable table = new AcceptanceTable(z, 0.0, h);
    for (int c = 0; c <= z; c++) {
      for (int s : new int[] {-1, 1}) {
        int k = 2 * c + (s == 1 ? 1 : 0);
        double dE = 2.0 * (z - 2 * c) + 2.0 * h * s;
        assertEquals(dE < 0 ? AcceptanceTable.ALWAYS : dE == 0 ? AcceptanceTable.FRACTION : AcceptanceTable.NEVER,
            table.kind(k), "T=0 class " + k + " ΔE=" + dE);
        assertEquals(dE < 0 ? 1.0 : dE == 0 ? 0.5 : 0.0, table.probability(k), 0.0, "T=0 class " + k + " probability");
      }
    }
  }

  static Stream<Arguments> zeroTemperatureCases() {
    return Stream.of(Arguments.of(2, 0.0), Arguments.of(2, 0.4), Arguments.of(2, -1.0), Arguments.of(2, 1.5),
        Arguments.of(4, 0.0), Arguments.of(4, 0.3), Arguments.of(4, -2.0), Arguments.of(4, 5.0));
  }

  @Test
  @DisplayName("AcceptanceTable rejects bad coordination and temperature")
  void acceptanceTableValidates() {
    assertThrows(IllegalArgumentException.class, () -> new AcceptanceTable(3, 1.0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new AcceptanceTable(4, -1.0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new AcceptanceTable(4, Double.NaN, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new AcceptanceTable(4, 1.0, Double.POSITIVE_INFINITY));
  }

  // ------------------------------------------------------------------ lanes of MultiSpinMetropolis

  /**
   * Exact equilibrium acceptance of one Metropolis visit on the 4×4 torus, by enumeration of all
   * 2¹⁶ states: each visit of a sequential single-site sweep sees a Boltzmann-distributed state
   * (every update leaves the Boltzmann distribution invariant), so the mean acceptance is
   * ⟨p(ΔE₀)⟩ with ΔE₀ = 2 s₀ (Σ_nb s + H) at site 0 (all sites alike by symmetry) and p the table's rule.
   */
  private static double exactAcceptance4x4(double t, double h) {
    int l = 4;
    int n = l * l;
    double z = 0;
    double acc = 0;
    double eMin = -2.0 * n - Math.abs(h) * n;
    for (int state = 0; state < (1 << n); state++) {
      int bondSum = 0;
      int spinSum = 0;
      for (int i = 0; i < n; i++) {
        int x = i % l;
        int y = i / l;
        int s = spinOf(state, i);
        spinSum += s;
        bondSum += s * spinOf(state, (x + 1) % l + l * y) + s * spinOf(state, x + l * ((y + 1) % l));
      }
      double energy = -bondSum - h * spinSum;
      double w = Math.exp(-(energy - eMin) / t);
      int s0 = spinOf(state, 0);
      int nb = spinOf(state, 1) + spinOf(state, 3) + spinOf(state, 4) + spinOf(state, 12);
      double dE = 2.0 * s0 * (nb + h);
      z += w;
      acc += w * metropolis(dE, t);
    }
    return acc / z;
  }

  /** The acceptance rule of {@link AcceptanceTable}: e^{−ΔE/T} above 0, ½ at 0, 1 below. */
  private static double metropolis(double dE, double t) {
    return dE < 0 ? 1.0 : dE == 0 ? 0.5 : Math.exp(-dE / t);
  }

  private static int spinOf(int state, int site) {
    return ((state >>> site) & 1) != 0 ? 1 : -1;
  }

  /**
   * On the torus a sweep visits every site exactly once, so the lanes whose bit at site i changed
   * during a sweep are exactly those that accepted the flip there; per-lane accepted counts per
   * sweep are the lane popcounts of (before ⊕ after) over sites.
   *
   * <p>Checks: (1) the per-lane counts add up to {@link MultiSpinMetropolis#acceptedFlips()};
   * (2) all 64 lanes have the same acceptance — χ² = Σ_r (ā_r − ā)²/σ² over lanes, with σ from
   * batch means pooled over lanes, lies in 63 ± 5√126 — and each lane and the pooled mean agree
   * with the exact equilibrium acceptance; (3) lanes are independent: the variance of the total
   * per-sweep count equals the sum of the per-lane variances, Var(Σ_r a_r)/Σ_r Var(a_r) = 1 ± 0.08
   * (copies of one random bit across lanes would give up to 64).
   */
  @ParameterizedTest(name = "4x4 torus, T={0}, H={1}")
  @MethodSource("laneCases")
  @DisplayName("MultiSpinMetropolis: every lane has the same, exact acceptance and lanes are independent")
  void lanesAreIdenticalAndIndependent(double t, double h) {
    Lattice lattice = Lattice.square(4);
    int n = lattice.sites();
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(0xACCE97L + Math.round(100 * t) + Math.round(100 * h));
    MultiSpinMetropolis mc = new MultiSpinMetropolis(lattice, new AcceptanceTable(4, t, h), rng);
    mc.fillAligned(rng.nextLong());
    mc.sweeps(500);
    mc.resetCounters();

    int sweeps = 40_000;
    int batches = 40;
    int perBatch = sweeps / batches;
    long[] before = new long[n];
    LaneCounter counter = new LaneCounter(n);
    double[][] batchMean = new double[64][batches];
    double[] laneSum = new double[64];
    double[] laneSumSq = new double[64];
    double totalSum = 0;
    double totalSumSq = 0;
    long grand = 0;
    for (int s = 0; s < sweeps; s++) {
      System.arraycopy(mc.spins(), 0, before, 0, n);
      mc.sweep();
      counter.clear();
      for (int i = 0; i < n; i++) {
        counter.add(before[i] ^ mc.spins()[i]);
      }
      int total = 0;
      for (int r = 0; r < 64; r++) {
        int a = counter.count(r);
        total += a;
        laneSum[r] += a;
        laneSumSq[r] += (double) a * a;
        batchMean[r][s / perBatch] += a / (double) (perBatch * n);
      }
      grand += total;
      totalSum += total;
      totalSumSq += (double) total * total;
    }
    assertEquals(mc.acceptedFlips(), grand, "per-lane flips must add up to acceptedFlips()");
    assertEquals((long) sweeps * n * 64, mc.attemptedFlips(), "attempted flips");

    // (2) lanes alike: acceptance per lane ā_r, pooled batch-means variance σ² of one lane's mean
    double[] rate = new double[64];
    double pooledVar = 0;
    for (int r = 0; r < 64; r++) {
      rate[r] = laneSum[r] / ((double) sweeps * n);
      double v = 0;
      for (double b : batchMean[r]) {
        v += (b - rate[r]) * (b - rate[r]);
      }
      pooledVar += v / (batches - 1) / batches;
    }
    pooledVar /= 64;
    double sigma = Math.sqrt(pooledVar);
    double mean = grand / ((double) sweeps * n * 64);
    double chi2 = 0;
    double worst = 0;
    double exact = exactAcceptance4x4(t, h);
    for (int r = 0; r < 64; r++) {
      chi2 += (rate[r] - mean) * (rate[r] - mean) / pooledVar;
      worst = Math.max(worst, Math.abs(rate[r] - exact) / sigma);
    }
    // (3) independence: Var(Σ_r a_r) vs Σ_r Var(a_r)
    double sumLaneVar = 0;
    for (int r = 0; r < 64; r++) {
      double m = laneSum[r] / sweeps;
      sumLaneVar += laneSumSq[r] / sweeps - m * m;
    }
    double totalMean = totalSum / sweeps;
    double ratio = (totalSumSq / sweeps - totalMean * totalMean) / sumLaneVar;
    System.out.printf(Locale.ROOT,
        "lanes 4x4 T=%.2f H=%.2f: acceptance %.5f (exact %.5f, pull %.2f), lane σ %.5f, χ²₆₃ %.1f, "
            + "worst lane %.2fσ, Var(total)/ΣVar(lane) %.4f%n",
        t, h, mean, exact, (mean - exact) / (sigma / 8), sigma, chi2, worst, ratio);
    double chi2Lo = 63 - 5 * Math.sqrt(126);
    double chi2Hi = 63 + 5 * Math.sqrt(126);
    double finalChi2 = chi2;
    double finalWorst = worst;
    assertAll(
        () -> assertTrue(finalChi2 >= chi2Lo && finalChi2 <= chi2Hi,
            "lane acceptances differ more (or less) than chance: χ² = " + finalChi2),
        // 64 lanes at 4.5σ each: false-alarm probability ≈ 64 · 7e-6
        () -> assertTrue(finalWorst <= 4.5, "some lane's acceptance is " + finalWorst + "σ from exact " + exact),
        // the pooled mean has error σ/8 (64 independent lanes)
        () -> assertTrue(Math.abs(mean - exact) <= 4 * sigma / 8,
            "mean acceptance " + mean + " vs exact " + exact + " (σ of mean " + sigma / 8 + ")"),
        () -> assertEquals(1.0, ratio, 0.08, "lanes are correlated: Var(total)/ΣVar(lane) = " + ratio));
  }

  static Stream<Arguments> laneCases() {
    // H = 0 and H ≠ 0 take different code paths in MultiSpinMetropolis
    return Stream.of(Arguments.of(4.0, 0.0), Arguments.of(4.0, 0.3), Arguments.of(2.5, -0.6));
  }

  // ------------------------------------------------------------------ ergodicity at H = 0

  /**
   * Ergodicity of the torus sweep at H = 0. In the stripe state s(x, y) = (−1)^y on an even L×L
   * torus every spin has c = 2 anti-aligned neighbours, so ΔE = 0; with the plain Metropolis rule
   * min(1, e⁰) = 1 it would flip for certain. In checkerboard order the even sublattice flips first; each odd site then
   * sees all four (even-sublattice) neighbours flipped, c → 4 − 2 = 2, and flips for certain too. So a
   * sweep would map the stripes to the inverted stripes with probability 1, at every T: the two states
   * would form a closed class and the chain be reducible (the reason ΔE = 0 flips are accepted with ½). An ergodic sampler at T = 3.5 leaves them at once
   * (every other move out of the state has probability ≥ e^(−4/3.5) ≈ 0.3 per visit).
   *
   * <p>Lane 0 is put in the stripe state, the other lanes are random; after 50 sweeps lane 0 must
   * have left {stripes, inverted stripes} at least once.
   */
  @ParameterizedTest(name = "{0}x{0} torus, T={1}")
  @MethodSource("stripeCases")
  @DisplayName("MultiSpinMetropolis at H = 0 leaves the stripe state (ergodicity of the checkerboard sweep)")
  void leavesStripeStateAtZeroField(int l, double t) {
    Lattice lattice = Lattice.square(l);
    int n = lattice.sites();
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(0x57121BE5L + l);
    MultiSpinMetropolis mc = new MultiSpinMetropolis(lattice, new AcceptanceTable(4, t, 0.0), rng);
    long[] spins = mc.spins();
    for (int i = 0; i < n; i++) {
      long up = (i / l) % 2 == 0 ? 1L : 0L; // lane 0: row y even up, odd down
      spins[i] = (rng.nextLong() & ~1L) | up;
    }
    int sweeps = 50;
    int stuck = 0;
    for (int s = 0; s < sweeps; s++) {
      mc.sweep();
      int first = (int) (mc.spins()[0] & 1L);
      boolean stripes = true;
      for (int i = 0; i < n && stripes; i++) {
        int expected = (i / l) % 2 == 0 ? first : 1 - first;
        stripes = (int) (mc.spins()[i] & 1L) == expected;
      }
      if (stripes) {
        stuck++;
      }
    }
    assertTrue(stuck < sweeps, "lane 0 stayed in the stripe 2-cycle for all " + sweeps + " sweeps at T=" + t
        + ", H=0: the checkerboard Metropolis sweep is not ergodic (ΔE=0 flips are forced)");
  }

  static Stream<Arguments> stripeCases() {
    return Stream.of(Arguments.of(4, 3.5), Arguments.of(10, 2.269), Arguments.of(10, 6.0));
  }

  // ------------------------------------------------------------------ SampleSet vs packed spins

  static Stream<Arguments> sampleCases() {
    return Stream.of(
        Arguments.of(Lattice.square(4), 2.269, 0.0, 130),
        Arguments.of(Lattice.square(8), 3.0, 0.2, 200),
        Arguments.of(Lattice.square(9), 2.5, -0.4, 1000),
        Arguments.of(Lattice.square(3), 2.0, 0.1, 64),
        Arguments.of(Lattice.ring(64), 1.5, 0.0, 129),
        Arguments.of(Lattice.ring(65), 2.0, 0.7, 300),
        Arguments.of(Lattice.ring(130), 1.0, -0.3, 1000));
  }

  /**
   * E/N of a configuration computed independently from its ±1 spins, with neighbours from the
   * coordinates: −[Σ_{x,y} s(x,y)(s(x+1,y) + s(x,y+1))] − H Σ s, over N (ring: s(i)s(i+1)).
   */
  private static double directEnergy(Lattice lattice, SpinBlock block, int i, double h) {
    int l = lattice.l();
    long bonds = 0;
    long sum = 0;
    for (int j = 0; j < lattice.sites(); j++) {
      int s = block.spin(i, j);
      sum += s;
      if (lattice.dim() == 1) {
        bonds += s * block.spin(i, (j + 1) % l);
      } else {
        int x = j % l;
        int y = j / l;
        bonds += s * block.spin(i, (x + 1) % l + l * y) + s * block.spin(i, x + l * ((y + 1) % l));
      }
    }
    return (-bonds - h * sum) / lattice.sites();
  }

  @ParameterizedTest(name = "{0}, T={1}, H={2}, {3} configs")
  @MethodSource("sampleCases")
  @DisplayName("SampleSet energy()/magnetization() equal those recomputed from the packed SpinBlock")
  void sampleObservablesMatchPackedSpins(Lattice lattice, double t, double h, int configs) {
    SampleSet set = MonteCarlo.generate(lattice, t, h, 4242L, configs, new McSettings(200, 200, 0, 100));
    SpinBlock block = set.spins();
    assertEquals(configs, set.count());
    assertEquals(lattice.sites(), block.sites());
    int n = lattice.sites();
    int w = block.wordsPerConfig();
    long unused = (n & 63) == 0 ? 0L : -1L << (n & 63);
    double minE = Double.MAX_VALUE;
    double maxE = -Double.MAX_VALUE;
    for (int i = 0; i < configs; i++) {
      double e = set.energy()[i];
      assertEquals(e, Observables.energyPerSpin(lattice, block, i, h), 1e-12, "E/N of config " + i);
      assertEquals(e, directEnergy(lattice, block, i, h), 1e-12, "E/N (direct) of config " + i);
      int sum = 0;
      for (int j = 0; j < n; j++) {
        sum += block.spin(i, j);
      }
      assertEquals((double) sum / n, set.magnetization()[i], 1e-12, "m of config " + i);
      assertEquals(0L, block.bits()[(i + 1) * w - 1] & unused, "unused high bits of config " + i);
      minE = Math.min(minE, e);
      maxE = Math.max(maxE, e);
    }
    // not vacuous: at T > 0 the configurations differ
    assertTrue(maxE > minE, "all configurations have the same energy");
  }

  // ------------------------------------------------------------------ Autocorrelation

  /**
   * AR(1): x_{t+1} = φ x_t + ε_t, ε ~ N(0,1), started in its stationary law N(0, 1/(1−φ²)).
   * ρ(t) = φ^t, so τ_int = ½ + Σ_{t≥1} φ^t = (1+φ) / (2(1−φ)).
   */
  private static double[][] ar1(double phi, int replicas, int length, long seed) {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(seed);
    double[][] x = new double[replicas][length];
    for (int r = 0; r < replicas; r++) {
      double v = rng.nextGaussian() / Math.sqrt(1 - phi * phi);
      for (int i = 0; i < length; i++) {
        x[r][i] = v;
        v = phi * v + rng.nextGaussian();
      }
    }
    return x;
  }

  @ParameterizedTest(name = "φ={0}")
  @ValueSource(doubles = {0.5, 0.8, 0.9, 0.95})
  @DisplayName("Autocorrelation.tauInt of AR(1) is (1+φ)/(2(1−φ)) within 10%")
  void tauIntOfAr1(double phi) {
    double expected = (1 + phi) / (2 * (1 - phi));
    double tau = Autocorrelation.tauInt(ar1(phi, 64, 20_000, 31 + Math.round(100 * phi)));
    System.out.printf(Locale.ROOT, "AR(1) φ=%.2f: τ_int %.3f (exact %.3f)%n", phi, tau, expected);
    assertEquals(expected, tau, 0.10 * expected, "τ_int of AR(1) with φ=" + phi);
  }

  @Test
  @DisplayName("Autocorrelation.tauInt of white noise is ½, of a constant series ½")
  void tauIntOfWhiteNoise() {
    double tau = Autocorrelation.tauInt(ar1(0.0, 64, 20_000, 5));
    System.out.printf(Locale.ROOT, "white noise: τ_int %.4f (exact 0.5)%n", tau);
    assertEquals(0.5, tau, 0.05);
    double[][] constant = new double[3][100];
    for (double[] c : constant) {
      java.util.Arrays.fill(c, 1.25);
    }
    assertEquals(0.5, Autocorrelation.tauInt(constant), 0.0);
  }
}
