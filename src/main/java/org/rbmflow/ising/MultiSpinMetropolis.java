package org.rbmflow.ising;

import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * Metropolis sampler for 64 independent replicas of one lattice at one (T, H), multi-spin coded:
 * {@code spins[i]} holds site i of all replicas, bit r = replica ("lane") r, 1 = spin up.
 *
 * <p>One sweep visits every site once in checkerboard order ({@link Lattice#sweepOrder()}: (x + y) even, then
 * odd; on the ring even sites, then odd); each visit is a single-site Metropolis update of all 64 lanes.
 * Updates are sequential, so the order is a valid schedule on any side length, odd ones included; zero-cost
 * flips are accepted with probability ½ (see {@link AcceptanceTable}), which keeps the fixed order ergodic.
 *
 * <p>Per visit, in every lane at once: the count c of anti-aligned neighbours is formed by a
 * bit-sliced adder, the lane's environment class (c, s) selects its acceptance probability from the
 * {@link AcceptanceTable}, and lanes whose probability is fractional draw their own Bernoulli bit
 * by comparing a fresh uniform number u with the fixed-point threshold P bit by bit from the top:
 * the first bit where u and P differ decides u &lt; P. All lanes share each random word but use
 * their own bit of it, so lanes stay independent; a visit needs about log₂(#undecided lanes) + 2
 * words. Owns its workspaces; allocates nothing per sweep. Not thread-safe.
 */
public final class MultiSpinMetropolis {
  /** Lanes per word. */
  public static final int LANES = 64;

  private final Lattice lattice;
  private final AcceptanceTable table;
  private final Xoshiro256PlusPlus rng;
  private final int n;
  private final int z;
  private final int[] order;
  private final int[] neighbours;
  private final long[] spins;

  /** Class masks of the current visit, by class index 2c + up. */
  private final long[] classMask;
  /** Indices and thresholds of the fractional classes, and their masks during a visit. */
  private final int[] fractionClass;
  private final long[] fractionThreshold;
  private final long[] fractionMask;
  private final long[] fractionShift;
  private final int[] alwaysClass;

  private long acceptedFlips;
  private long attemptedFlips;

  public MultiSpinMetropolis(Lattice lattice, AcceptanceTable table, Xoshiro256PlusPlus rng) {
    if (table.coordination() != lattice.coordination()) {
      throw new IllegalArgumentException("acceptance table for z=" + table.coordination() + " on " + lattice);
    }
    this.lattice = lattice;
    this.table = table;
    this.rng = rng;
    this.n = lattice.sites();
    this.z = lattice.coordination();
    this.order = lattice.sweepOrder();
    this.neighbours = lattice.neighbourTable();
    this.spins = new long[n];
    this.classMask = new long[table.classes()];
    int fractions = 0;
    int always = 0;
    for (int k = 0; k < table.classes(); k++) {
      if (table.kind(k) == AcceptanceTable.FRACTION) {
        fractions++;
      } else if (table.kind(k) == AcceptanceTable.ALWAYS) {
        always++;
      }
    }
    fractionClass = new int[fractions];
    fractionThreshold = new long[fractions];
    fractionMask = new long[fractions];
    fractionShift = new long[fractions];
    alwaysClass = new int[always];
    for (int k = 0, f = 0, a = 0; k < table.classes(); k++) {
      if (table.kind(k) == AcceptanceTable.FRACTION) {
        fractionClass[f] = k;
        fractionThreshold[f++] = table.threshold(k);
      } else if (table.kind(k) == AcceptanceTable.ALWAYS) {
        alwaysClass[a++] = k;
      }
    }
  }

  public Lattice lattice() {
    return lattice;
  }

  public AcceptanceTable table() {
    return table;
  }

  /** Sets every site of every lane from {@code laneSigns}: bit r = 1 puts lane r all up, 0 all down. */
  public void fillAligned(long laneSigns) {
    java.util.Arrays.fill(spins, laneSigns);
  }

  /** The live spin words (site-major, lane bits); callers may read, and write only to set a state. */
  public long[] spins() {
    return spins;
  }

  /** Flips accepted and attempted (lane-visits) since the last {@link #resetCounters()}. */
  public long acceptedFlips() {
    return acceptedFlips;
  }

  public long attemptedFlips() {
    return attemptedFlips;
  }

  public void resetCounters() {
    acceptedFlips = 0;
    attemptedFlips = 0;
  }

  /** Runs {@code count} sweeps. */
  public void sweeps(int count) {
    for (int s = 0; s < count; s++) {
      sweep();
    }
  }

  /** One sweep of all 64 lanes: every site once, in checkerboard order. */
  public void sweep() {
    long accepted;
    if (table.field() == 0) {
      accepted = z == 4 ? sweepSquareNoField() : sweepRingNoField();
    } else {
      accepted = sweepGeneral();
    }
    acceptedFlips += accepted;
    attemptedFlips += (long) n * LANES;
  }

  // H = 0 on the torus: c ≥ 3 always flips (ΔE < 0); c = 2 with ½ (ΔE = 0), c = 1 with p(ΔE=4), c = 0 with p(ΔE=8).
  private long sweepSquareNoField() {
    final long[] sp = spins;
    final int[] nb = neighbours;
    final long p8 = fractionOf(0);
    final long p4 = fractionOf(2);
    final long p0 = fractionOf(4);
    long accepted = 0;
    for (int v = 0; v < n; v++) {
      final int i = order[v];
      final int b = i << 2;
      final long s = sp[i];
      final long d1 = s ^ sp[nb[b]];
      final long d2 = s ^ sp[nb[b + 1]];
      final long d3 = s ^ sp[nb[b + 2]];
      final long d4 = s ^ sp[nb[b + 3]];
      final long x1 = d1 ^ d2;
      final long a1 = d1 & d2;
      final long x2 = d3 ^ d4;
      final long a2 = d3 & d4;
      final long c0 = x1 ^ x2;
      final long c1 = a1 ^ a2 ^ (x1 & x2);
      final long c2 = a1 & a2;
      final long flip = (c0 & c1 | c2) | bernoulli3(~(c0 | c1 | c2), p8, c0 & ~c1 & ~c2, p4, ~c0 & c1, p0);
      sp[i] = s ^ flip;
      accepted += Long.bitCount(flip);
    }
    return accepted;
  }

  // H = 0 on the ring: c = 2 always flips (ΔE < 0); c = 1 with ½ (ΔE = 0), c = 0 with p(ΔE=4).
  private long sweepRingNoField() {
    final long[] sp = spins;
    final int[] nb = neighbours;
    final long p4 = fractionOf(0);
    final long p0 = fractionOf(2);
    long accepted = 0;
    for (int v = 0; v < n; v++) {
      final int i = order[v];
      final long s = sp[i];
      final long d1 = s ^ sp[nb[i << 1]];
      final long d2 = s ^ sp[nb[(i << 1) + 1]];
      final long flip = (d1 & d2) | bernoulli3(~(d1 | d2), p4, d1 ^ d2, p0, 0L, 0L);
      sp[i] = s ^ flip;
      accepted += Long.bitCount(flip);
    }
    return accepted;
  }

  /** Threshold of class k for the fast paths: its fixed-point probability, 0 if never (T = 0). */
  private long fractionOf(int k) {
    if (table.kind(k) == AcceptanceTable.ALWAYS) {
      throw new IllegalStateException("class " + k + " is always accepted; the H = 0 fast path assumes ΔE ≥ 0");
    }
    return table.kind(k) == AcceptanceTable.FRACTION ? table.threshold(k) : 0L;
  }

  /**
   * Per-lane Bernoulli draws for three groups of lanes with thresholds pa, pb, pc (lanes in none give 0).
   * Compares u with P from the most significant bit: a lane is decided at the first bit j where
   * uⱼ ≠ Pⱼ, accepted iff Pⱼ = 1 there (u &lt; P); equal through bit 0 means u = P, rejected.
   */
  private long bernoulli3(long ga, long pa, long gb, long pb, long gc, long pc) {
    long undecided = ga | gb | gc;
    long flip = 0;
    for (int j = 0; undecided != 0 && j < 64; j++) {
      final long u = rng.nextLong();
      // lanes whose threshold has a 1 at this bit (arithmetic shift spreads the top bit)
      final long p = (ga & (pa >> 63)) | (gb & (pb >> 63)) | (gc & (pc >> 63));
      pa <<= 1;
      pb <<= 1;
      pc <<= 1;
      flip |= undecided & p & ~u;
      undecided &= ~(p ^ u);
    }
    return flip;
  }

  private long sweepGeneral() {
    long accepted = 0;
    final long[] sp = spins;
    final int[] nb = neighbours;
    for (int v = 0; v < n; v++) {
      final int i = order[v];
      final long s = sp[i];
      if (z == 4) {
        final int b = i << 2;
        classify4(s, s ^ sp[nb[b]], s ^ sp[nb[b + 1]], s ^ sp[nb[b + 2]], s ^ sp[nb[b + 3]]);
      } else {
        final int b = i << 1;
        classify2(s, s ^ sp[nb[b]], s ^ sp[nb[b + 1]]);
      }
      final long flip = decide();
      sp[i] = s ^ flip;
      accepted += Long.bitCount(flip);
    }
    return accepted;
  }

  // c = d₁ + d₂ + d₃ + d₄ per lane (dₖ = 1 where neighbour k is anti-aligned), as bits c₂c₁c₀.
  private void classify4(long s, long d1, long d2, long d3, long d4) {
    final long x1 = d1 ^ d2;
    final long a1 = d1 & d2;
    final long x2 = d3 ^ d4;
    final long a2 = d3 & d4;
    final long c0 = x1 ^ x2;
    final long c1 = a1 ^ a2 ^ (x1 & x2);
    final long c2 = a1 & a2;
    setClasses(s, ~(c0 | c1 | c2), c0 & ~c1 & ~c2, ~c0 & c1, c0 & c1, c2);
  }

  // c = d₁ + d₂ per lane, as bits c₁c₀.
  private void classify2(long s, long d1, long d2) {
    final long c0 = d1 ^ d2;
    final long c1 = d1 & d2;
    final long[] m = classMask;
    final long eq0 = ~(c0 | c1);
    m[0] = eq0 & ~s;
    m[1] = eq0 & s;
    m[2] = c0 & ~s;
    m[3] = c0 & s;
    m[4] = c1 & ~s;
    m[5] = c1 & s;
  }

  private void setClasses(long s, long eq0, long eq1, long eq2, long eq3, long eq4) {
    final long[] m = classMask;
    m[0] = eq0 & ~s;
    m[1] = eq0 & s;
    m[2] = eq1 & ~s;
    m[3] = eq1 & s;
    m[4] = eq2 & ~s;
    m[5] = eq2 & s;
    m[6] = eq3 & ~s;
    m[7] = eq3 & s;
    m[8] = eq4 & ~s;
    m[9] = eq4 & s;
  }

  /** The lanes that flip at this visit, from the class masks just set. */
  private long decide() {
    final long[] m = classMask;
    long flip = 0;
    for (int a : alwaysClass) {
      flip |= m[a];
    }
    final int fractions = fractionClass.length;
    long undecided = 0;
    for (int f = 0; f < fractions; f++) {
      long mask = m[fractionClass[f]];
      fractionMask[f] = mask;
      undecided |= mask;
    }
    // Bernoulli(P_lane) per lane, as in bernoulli3 with one threshold per class.
    final long[] thr = fractionShift;
    System.arraycopy(fractionThreshold, 0, thr, 0, fractions);
    for (int j = 0; undecided != 0 && j < 64; j++) {
      final long u = rng.nextLong();
      long p = 0;
      for (int f = 0; f < fractions; f++) {
        p |= fractionMask[f] & (thr[f] >> 63);
        thr[f] <<= 1;
      }
      flip |= undecided & p & ~u;
      undecided &= ~(p ^ u);
    }
    return flip;
  }
}
