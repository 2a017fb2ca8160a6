package org.rbmflow.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The eight lockstep generators are eight ordinary xoshiro256++ streams seeded from the parent, laid out as
 * documented; the uniforms are the documented grid, exact, symmetric and uniform.
 */
class Xoshiro256PlusPlusX8Test {
  private static final int LANES = Xoshiro256PlusPlusX8.LANES;

  /** The 8 scalar generators the lanes must reproduce: seeded from a copy of the parent. */
  private static Xoshiro256PlusPlus[] referenceLanes(long parentSeed) {
    Xoshiro256PlusPlus copy = new Xoshiro256PlusPlus(parentSeed);
    Xoshiro256PlusPlus[] lanes = new Xoshiro256PlusPlus[LANES];
    for (int j = 0; j < LANES; j++) {
      lanes[j] = new Xoshiro256PlusPlus(copy.nextLong());
    }
    return lanes;
  }

  @Test
  void eachLaneIsTheScalarGeneratorOfItsSeed() {
    Xoshiro256PlusPlus parent = new Xoshiro256PlusPlus(2024);
    Xoshiro256PlusPlusX8 x8 = new Xoshiro256PlusPlusX8(parent);
    Xoshiro256PlusPlus[] lanes = referenceLanes(2024);
    int[] dst = new int[3 + 16 + 2];
    for (int step = 0; step < 1000; step++) {
      x8.step(dst, 3);
      for (int j = 0; j < LANES; j++) {
        long r = lanes[j].nextLong();
        assertEquals((int) r, dst[3 + 2 * j], "low half, lane " + j + " step " + step);
        assertEquals((int) (r >>> 32), dst[3 + 2 * j + 1], "high half, lane " + j + " step " + step);
      }
    }
    // the constructor took exactly 8 words of the parent
    Xoshiro256PlusPlus copy = new Xoshiro256PlusPlus(2024);
    for (int j = 0; j < LANES; j++) {
      copy.nextLong();
    }
    assertEquals(copy.nextLong(), parent.nextLong());
  }

  @Test
  void stateLayoutIsWordMajorLaneMinor() {
    long parentSeed = 77;
    Xoshiro256PlusPlus copy = new Xoshiro256PlusPlus(parentSeed);
    long[] state = new Xoshiro256PlusPlusX8(new Xoshiro256PlusPlus(parentSeed)).state();
    assertEquals(32, state.length);
    for (int j = 0; j < LANES; j++) {
      // s_i = mix(seed + (i + 1)·γ), the SplitMix64 expansion of Xoshiro256PlusPlus(seed)
      long seed = copy.nextLong();
      for (int i = 0; i < 4; i++) {
        assertEquals(SplitMix64.mix(seed + (i + 1) * SplitMix64.GAMMA), state[8 * i + j], "s" + i + " lane " + j);
      }
    }
  }

  @Test
  void stepWritesExactlySixteenInts() {
    Xoshiro256PlusPlusX8 x8 = new Xoshiro256PlusPlusX8(new Xoshiro256PlusPlus(5));
    int[] dst = new int[20];
    java.util.Arrays.fill(dst, 0x5EED);
    x8.step(dst, 2);
    assertEquals(0x5EED, dst[0]);
    assertEquals(0x5EED, dst[1]);
    assertEquals(0x5EED, dst[18]);
    assertEquals(0x5EED, dst[19]);
  }

  @Test
  void symmetricUniformAtTheExtremes() {
    final float h = 0x1.0p-22f;
    assertEquals(h - 1, Xoshiro256PlusPlusX8.symmetricUniform(0));
    assertEquals(h - 1, Xoshiro256PlusPlusX8.symmetricUniform(0x3FF)); // the low 10 bits are not used
    assertEquals(1 - h, Xoshiro256PlusPlusX8.symmetricUniform(-1));
    assertEquals(1 - h, Xoshiro256PlusPlusX8.symmetricUniform(0xFFFFFC00));
    assertEquals(h, Xoshiro256PlusPlusX8.symmetricUniform(0x80000000)); // k = 2²¹
    assertEquals(-h, Xoshiro256PlusPlusX8.symmetricUniform(0x7FFFFFFF)); // k = 2²¹ − 1
  }

  /** Every one of the 2²² values: exact, strictly increasing in k, and v(~bits) = −v(bits). */
  @Test
  void symmetricUniformIsTheExactGrid() {
    float previous = -1f;
    for (int k = 0; k < 1 << 22; k++) {
      int bits = (k << 10) | (k & 0x3FF);
      float v = Xoshiro256PlusPlusX8.symmetricUniform(bits);
      double exact = (2.0 * k + 1) * 0x1.0p-22 - 1;
      if (v != exact || v <= previous || Xoshiro256PlusPlusX8.symmetricUniform(~bits) != -v) {
        fail("k = " + k + ": v = " + v + ", expected " + exact);
      }
      previous = v;
    }
    assertTrue(previous < 1f);
  }

  /**
   * 2²⁰ draws from 2¹⁶ steps: the mean is 0 within 4σ (σ = 1/√(3N)), and a 64-bin histogram passes χ² with
   * 63 degrees of freedom below 113.7, its upper 10⁻⁴ quantile (Wilson–Hilferty).
   */
  @Test
  void drawsAreUniformWithMeanZero() {
    Xoshiro256PlusPlusX8 x8 = new Xoshiro256PlusPlusX8(new Xoshiro256PlusPlus(31337));
    final int steps = 1 << 16;
    final int n = 16 * steps;
    final int bins = 64;
    long[] counts = new long[bins];
    int[] dst = new int[16];
    double sum = 0;
    for (int s = 0; s < steps; s++) {
      x8.step(dst, 0);
      for (int k = 0; k < 16; k++) {
        float v = Xoshiro256PlusPlusX8.symmetricUniform(dst[k]);
        sum += v;
        counts[(int) ((v + 1) / 2 * bins)]++;
      }
    }
    double sigma = 1 / Math.sqrt(3.0 * n);
    assertTrue(Math.abs(sum / n) < 4 * sigma, "mean " + sum / n + ", 4σ = " + 4 * sigma);
    double expected = (double) n / bins;
    double chi2 = 0;
    for (long c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chi2 < 113.7, "χ² = " + chi2 + " with 63 degrees of freedom");
  }
}
