package org.rbmflow.ising;

import org.rbmflow.common.Checks;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * Generates the Monte Carlo configurations of one (lattice, T, H, seed): 64 replicas per word
 * ({@link MultiSpinMetropolis}), configuration i taken from replica i mod 64 at its ⌊i/64⌋-th sample.
 *
 * <p>Addressability: the only random stream is {@code derive(seed, "ising-mc", dim, l, T, H)}
 * ({@link SplitMix64#derive}), and the schedule ({@link McSettings}) depends on nothing else, so
 * configuration i is the same bits whatever the other temperatures, fields or the number of
 * configurations asked for (a larger count only appends samples).
 *
 * <p>T = 0 gives ground states directly: all spins along H, or at H = 0 aligned with a global sign
 * drawn per configuration.
 */
public final class MonteCarlo {
  private static final long PURPOSE = SplitMix64.tag("ising-mc");
  /** Thermalisation runs at least this many τ_int. */
  public static final double THERM_TAUS = 20.0;
  /** Largest temperature and |field| accepted, in units of J. */
  public static final double MAX_TEMPERATURE = 1000.0;
  public static final double MAX_FIELD = 100.0;
  public static final int MAX_CONFIGS = 1_000_000;

  private MonteCarlo() {}

  /**
   * Temperatures and fields are rounded to 1e-9 before use, so that 0.1·3 and 0.3 name the same
   * (T, H) and so the same random stream and the same acceptance table.
   */
  public static double canonical(double x) {
    double c = Math.round(x * 1e9) / 1e9;
    return c == 0 ? 0.0 : c;
  }

  /** The seed of the stream that generates (lattice, T, H) under master seed {@code seed}. */
  public static long streamSeed(Lattice lattice, double t, double h, long seed) {
    return SplitMix64.derive(seed, PURPOSE, lattice.dim(), lattice.l(),
        Double.doubleToLongBits(canonical(t)), Double.doubleToLongBits(canonical(h)));
  }

  /** Generates {@code configs} configurations at (T, H) on {@code lattice}. */
  public static SampleSet generate(Lattice lattice, double temperature, double field, long seed, int configs,
      McSettings settings) {
    double t = canonical(Checks.finiteInRange("temperature", temperature, 0, MAX_TEMPERATURE));
    double h = canonical(Checks.finiteInRange("field", field, -MAX_FIELD, MAX_FIELD));
    Checks.inRange("configs", configs, 1, MAX_CONFIGS);
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(streamSeed(lattice, t, h, seed));
    return t == 0 ? groundStates(lattice, h, seed, configs, rng) : sample(lattice, t, h, seed, configs, settings, rng);
  }

  private static SampleSet groundStates(Lattice lattice, double h, long seed, int configs, Xoshiro256PlusPlus rng) {
    int n = lattice.sites();
    int w = lattice.words();
    SpinBlock block = new SpinBlock(n, configs);
    long[] bits = block.bits();
    double[] energy = new double[configs];
    double[] magnetization = new double[configs];
    long lastWordMask = (n & 63) == 0 ? -1L : (1L << (n & 63)) - 1;
    // E/N = −bonds/N − |H|: every bond satisfied, every spin along the field
    double e0 = -(double) lattice.bonds() / n - Math.abs(h);
    long signs = 0;
    for (int i = 0; i < configs; i++) {
      if ((i & 63) == 0) {
        signs = rng.nextLong();
      }
      boolean up = h > 0 || (h == 0 && ((signs >>> (i & 63)) & 1L) != 0);
      if (up) {
        java.util.Arrays.fill(bits, i * w, (i + 1) * w, -1L);
        bits[(i + 1) * w - 1] = lastWordMask;
      }
      energy[i] = e0;
      magnetization[i] = up ? 1.0 : -1.0;
    }
    return new SampleSet(lattice, 0.0, h, seed, block, energy, magnetization, 0.0, 0.0, 0.0, 0, 0);
  }

  private static SampleSet sample(Lattice lattice, double t, double h, long seed, int configs, McSettings settings,
      Xoshiro256PlusPlus rng) {
    MultiSpinMetropolis mc = new MultiSpinMetropolis(lattice, new AcceptanceTable(lattice.coordination(), t, h), rng);
    // Ordered start: at H = 0 each replica aligned with its own random sign, otherwise along H.
    mc.fillAligned(h > 0 ? -1L : h < 0 ? 0L : rng.nextLong());
    mc.sweeps(settings.thermSweeps());

    LaneMeasurer measurer = new LaneMeasurer(lattice, h);
    double tauE = 0.5;
    double tauM = 0.5;
    int probe = settings.probeSweeps();
    if (probe > 0) {
      double[][] e = new double[MultiSpinMetropolis.LANES][probe];
      double[][] m = new double[MultiSpinMetropolis.LANES][probe];
      for (int s = 0; s < probe; s++) {
        mc.sweep();
        measurer.measure(mc.spins());
        for (int r = 0; r < MultiSpinMetropolis.LANES; r++) {
          e[r][s] = measurer.energy(r);
          m[r][s] = Math.abs(measurer.magnetization(r));
        }
      }
      tauE = Autocorrelation.tauInt(e);
      tauM = Autocorrelation.tauInt(m);
    }
    double tau = Math.max(tauE, tauM);
    int done = settings.thermSweeps() + probe;
    long wanted = (long) Math.ceil(THERM_TAUS * tau);
    long cap = (long) THERM_TAUS * settings.maxDecorSweeps();
    int extra = (int) Math.max(0, Math.min(wanted, cap) - done);
    mc.sweeps(extra);
    int decor = settings.autoDecorrelation()
        ? (int) Math.min(settings.maxDecorSweeps(), Math.max(1, (long) Math.ceil(2 * tau)))
        : settings.decorSweeps();

    int n = lattice.sites();
    int w = lattice.words();
    SpinBlock block = new SpinBlock(n, configs);
    long[] bits = block.bits();
    double[] energy = new double[configs];
    double[] magnetization = new double[configs];
    long[] tile = new long[64];
    mc.resetCounters();
    int samplesPerLane = (configs + 63) >>> 6;
    for (int s = 0; s < samplesPerLane; s++) {
      mc.sweeps(decor);
      long[] spins = mc.spins();
      measurer.measure(spins);
      int lanes = Math.min(64, configs - s * 64);
      for (int r = 0; r < lanes; r++) {
        energy[s * 64 + r] = measurer.energy(r);
        magnetization[s * 64 + r] = measurer.magnetization(r);
      }
      // Site-major lane words → configuration-major site words, one 64×64 tile of sites at a time.
      for (int b = 0; b < w; b++) {
        int from = b << 6;
        int len = Math.min(64, n - from);
        System.arraycopy(spins, from, tile, 0, len);
        java.util.Arrays.fill(tile, len, 64, 0L);
        BitTranspose.transpose64(tile, 0);
        for (int r = 0; r < lanes; r++) {
          bits[(s * 64 + r) * w + b] = tile[r];
        }
      }
    }
    double acceptance = (double) mc.acceptedFlips() / mc.attemptedFlips();
    return new SampleSet(lattice, t, h, seed, block, energy, magnetization, acceptance, tauE, tauM, done + extra, decor);
  }

  /** Per-lane energy and magnetization per spin of a multi-spin-coded state; owns its counters. */
  static final class LaneMeasurer {
    private final Lattice lattice;
    private final double field;
    private final int[] neighbours;
    private final LaneCounter unlike;
    private final LaneCounter up;

    LaneMeasurer(Lattice lattice, double field) {
      this.lattice = lattice;
      this.field = field;
      this.neighbours = lattice.neighbourTable();
      this.unlike = new LaneCounter(lattice.bonds());
      this.up = new LaneCounter(lattice.sites());
    }

    void measure(long[] spins) {
      unlike.clear();
      up.clear();
      int z = lattice.coordination();
      for (int i = 0; i < spins.length; i++) {
        long s = spins[i];
        up.add(s);
        // bonds (i, right) and, in 2D, (i, down): each bond once
        unlike.add(s ^ spins[neighbours[i * z]]);
        if (z == 4) {
          unlike.add(s ^ spins[neighbours[i * z + 2]]);
        }
      }
    }

    /** E/N = [−(bonds − 2·unlike) − H·(2·up − N)] / N for lane r. */
    double energy(int r) {
      int n = lattice.sites();
      return (-(lattice.bonds() - 2.0 * unlike.count(r)) - field * (2.0 * up.count(r) - n)) / n;
    }

    /** m = (2·up − N) / N for lane r. */
    double magnetization(int r) {
      int n = lattice.sites();
      return (2.0 * up.count(r) - n) / n;
    }
  }
}
