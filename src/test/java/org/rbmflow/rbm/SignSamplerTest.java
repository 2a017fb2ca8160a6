package org.rbmflow.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.random.Xoshiro256PlusPlusX8;

/**
 * {@link SignSampler}: the documented draw sequence (checked against a twin {@link Xoshiro256PlusPlusX8}), the
 * Vector API and scalar paths bit-identical in output and state, P(+1) = (1 + mean)/2 exactly on the grid and
 * statistically, NaN → −1, n = 0 consumes nothing.
 */
class SignSamplerTest {
  private static final int[] SIZES = {0, 1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 48, 100, 255, 256, 257, 1000, 4099};
  private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, 2f, -2f, 0x1.0p-22f, -0x1.0p-22f, 1 - 0x1.0p-22f, 0x1.0p-22f - 1,
      Math.nextUp(0x1.0p-22f), Math.nextDown(0x1.0p-22f), Float.MIN_VALUE};

  /** Means: mostly uniform in (−1.1, 1.1), every fifth a special one. */
  private static float[] means(int n, long seed) {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(seed);
    float[] m = new float[n];
    for (int i = 0; i < n; i++) {
      m[i] = rng.nextInt(5) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : (float) (2.2 * rng.nextDouble() - 1.1);
    }
    return m;
  }

  /** The definition: out_i = mean_i &gt; v_i ? +1 : −1, v_i = int i mod 16 of step ⌊i/16⌋ of the twin. */
  private static float[] expected(float[] mean, int meanOff, int n, Xoshiro256PlusPlusX8 twin) {
    float[] out = new float[n];
    int[] bits = new int[16];
    for (int i = 0; i < n; i++) {
      if (i % 16 == 0) {
        twin.step(bits, 0);
      }
      out[i] = mean[meanOff + i] > Xoshiro256PlusPlusX8.symmetricUniform(bits[i % 16]) ? 1f : -1f;
    }
    return out;
  }

  private static void assertSameBits(float[] expected, int expOff, float[] actual, int actOff, int n, String what) {
    for (int i = 0; i < n; i++) {
      if (Float.floatToRawIntBits(expected[expOff + i]) != Float.floatToRawIntBits(actual[actOff + i])) {
        fail(what + ": element " + i + " is " + actual[actOff + i] + ", expected " + expected[expOff + i]);
      }
    }
  }

  /** Both paths give the defined draws, call after call, at every size and offset, also in place. */
  @Test
  void bothPathsFollowTheDefinition() {
    long seed = 10;
    for (boolean scalar : new boolean[] {true, false}) {
      Xoshiro256PlusPlus parent = new Xoshiro256PlusPlus(99);
      SignSampler sampler = new SignSampler(parent);
      Xoshiro256PlusPlusX8 twin = new Xoshiro256PlusPlusX8(new Xoshiro256PlusPlus(99));
      for (int n : SIZES) {
        for (int meanOff : new int[] {0, 3}) {
          int outOff = (int) (seed % 7);
          float[] mean = means(meanOff + n + 5, seed++);
          float[] out = new float[outOff + n + 2];
          float[] want = expected(mean, meanOff, n, twin);
          run(sampler, scalar, mean, meanOff, out, outOff, n);
          String what = (scalar ? "scalar" : "sample") + " n=" + n + " offsets " + meanOff + "/" + outOff;
          assertSameBits(want, 0, out, outOff, n, what);
          assertEquals(0f, out[outOff + n], what + ": wrote past the end");
          // in place
          float[] x = mean.clone();
          want = expected(mean, meanOff, n, twin);
          run(sampler, scalar, x, meanOff, x, meanOff, n);
          assertSameBits(want, 0, x, meanOff, n, what + " in place");
          assertArrayEquals(twin.state(), sampler.generator().state(), what + ": state");
        }
      }
    }
  }

  private static void run(SignSampler s, boolean scalar, float[] mean, int meanOff, float[] out, int outOff, int n) {
    if (scalar) {
      s.sampleScalar(mean, meanOff, out, outOff, n);
    } else {
      s.sample(mean, meanOff, out, outOff, n);
    }
  }

  /** The Vector API kernel against the scalar loop: same outputs, same state, for every n and offset. */
  @Test
  void vectorAndScalarPathsAreBitIdentical() {
    Assumptions.assumeTrue(Activations.vector(), VectorSupport::status);
    SignSampler vector = new SignSampler(new Xoshiro256PlusPlus(4));
    SignSampler scalar = new SignSampler(new Xoshiro256PlusPlus(4));
    long seed = 500;
    for (int n : SIZES) {
      for (int meanOff = 0; meanOff < 9; meanOff += 4) {
        for (int outOff = 0; outOff < 10; outOff += 3) {
          float[] mean = means(meanOff + n + 1, seed++);
          float[] v = new float[outOff + n + 1];
          float[] s = new float[outOff + n + 1];
          vector.sample(mean, meanOff, v, outOff, n);
          scalar.sampleScalar(mean, meanOff, s, outOff, n);
          String what = "n=" + n + " offsets " + meanOff + "/" + outOff;
          assertSameBits(s, 0, v, 0, s.length, what);
          assertArrayEquals(scalar.generator().state(), vector.generator().state(), what + ": state");
          float[] vi = mean.clone();
          float[] si = mean.clone();
          vector.sample(vi, meanOff, vi, meanOff, n);
          scalar.sampleScalar(si, meanOff, si, meanOff, n);
          assertSameBits(si, 0, vi, 0, si.length, what + " in place");
          assertArrayEquals(scalar.generator().state(), vector.generator().state(), what + ": state in place");
        }
      }
    }
  }

  @Test
  void zeroDrawsConsumeNothing() {
    for (boolean scalar : new boolean[] {true, false}) {
      SignSampler sampler = new SignSampler(new Xoshiro256PlusPlus(8));
      long[] before = sampler.generator().state().clone();
      run(sampler, scalar, new float[0], 0, new float[0], 0, 0);
      run(sampler, scalar, new float[4], 4, new float[4], 4, 0);
      assertArrayEquals(before, sampler.generator().state());
    }
  }

  /** A NaN mean gives −1 on both paths and leaves its neighbours alone. */
  @Test
  void nanGivesMinusOne() {
    for (boolean scalar : new boolean[] {true, false}) {
      float[] mean = new float[37];
      java.util.Arrays.fill(mean, 2f);
      for (int i = 0; i < mean.length; i += 3) {
        mean[i] = (i % 2 == 0) ? Float.NaN : Float.intBitsToFloat(0xFFC00001);
      }
      float[] out = new float[mean.length];
      run(new SignSampler(new Xoshiro256PlusPlus(3)), scalar, mean, 0, out, 0, mean.length);
      for (int i = 0; i < mean.length; i++) {
        assertEquals(i % 3 == 0 ? -1f : 1f, out[i], "element " + i + (scalar ? " scalar" : " sample"));
      }
    }
  }

  /**
   * For mean = a grid point ± one ulp, the number of grid values v below it over all 2²² values of k is the
   * formula: m at g_m and at g_m − ulp, m + 1 at g_m + ulp (g_m = (2m + 1)·2⁻²² − 1), so with the draws uniform
   * over the grid P(+1) = that count / 2²², which is within 2⁻²³ of (1 + mean)/2 for every mean in [−1, 1].
   * Together with {@link #bothPathsFollowTheDefinition} (out = +1 exactly when mean &gt; v) this makes
   * P(+1) exact, not just statistically right.
   */
  @Test
  void probabilityOfPlusOneIsExactOnTheGrid() {
    float[] grid = new float[1 << 22];
    for (int k = 0; k < grid.length; k++) {
      grid[k] = Xoshiro256PlusPlusX8.symmetricUniform(k << 10);
    }
    for (int m : new int[] {0, 1, 2, 12345, (1 << 21) - 1, 1 << 21, (1 << 21) + 1, (1 << 22) - 2, (1 << 22) - 1}) {
      float g = grid[m];
      assertEquals(m, below(grid, g), "at g_" + m);
      assertEquals(m, below(grid, Math.nextDown(g)), "below g_" + m);
      assertEquals(m + 1, below(grid, Math.nextUp(g)), "above g_" + m);
    }
    assertEquals(0, below(grid, -1f));
    assertEquals(grid.length, below(grid, 1f));
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(12);
    for (int t = 0; t < 64; t++) {
      float mean = t < 2 ? (t == 0 ? -1f : 1f) : (float) (2 * rng.nextDouble() - 1);
      double p = below(grid, mean) * 0x1.0p-22;
      assertTrue(Math.abs(p - (1 + mean) / 2.0) <= 0x1.0p-23, "mean " + mean + ": P(+1) = " + p);
    }
  }

  /** #{k : grid[k] &lt; mean} for the increasing grid, by bisection. */
  private static int below(float[] grid, float mean) {
    int lo = 0;
    int hi = grid.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (grid[mid] < mean) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** With mean set to each draw's own v (known from the twin): −1 at v and v − ulp, +1 at v + ulp, every time. */
  @Test
  void meanAtTheDrawItselfIsResolvedExactly() {
    final int n = 16 * 1000 + 5;
    for (boolean scalar : new boolean[] {true, false}) {
      for (int shift = -1; shift <= 1; shift++) {
        SignSampler sampler = new SignSampler(new Xoshiro256PlusPlus(21));
        Xoshiro256PlusPlusX8 twin = new Xoshiro256PlusPlusX8(new Xoshiro256PlusPlus(21));
        float[] mean = new float[n];
        int[] bits = new int[16];
        for (int i = 0; i < n; i++) {
          if (i % 16 == 0) {
            twin.step(bits, 0);
          }
          float v = Xoshiro256PlusPlusX8.symmetricUniform(bits[i % 16]);
          mean[i] = shift < 0 ? Math.nextDown(v) : shift == 0 ? v : Math.nextUp(v);
        }
        float[] out = new float[n];
        run(sampler, scalar, mean, 0, out, 0, n);
        int plus = 0;
        for (float o : out) {
          plus += o > 0 ? 1 : 0;
        }
        assertEquals(shift > 0 ? n : 0, plus, "shift " + shift + (scalar ? " scalar" : " sample"));
      }
    }
  }

  /** ⟨out⟩ = mean within 4σ, σ = √((1 − mean²)/N), over N = 2²⁰ draws per mean (plus the 2⁻²² grid bias). */
  @Test
  void averageSignIsTheMean() {
    final int n = 1 << 20;
    SignSampler sampler = new SignSampler(new Xoshiro256PlusPlus(2718));
    float[] out = new float[n];
    for (float m : new float[] {-0.9f, -0.3f, 0f, 0.5f, 0.99f}) {
      float[] mean = new float[n];
      java.util.Arrays.fill(mean, m);
      for (int off = 0; off < n; off += 4096) {
        sampler.sample(mean, off, out, off, 4096);
      }
      double sum = 0;
      for (float o : out) {
        sum += o;
      }
      double sigma = Math.sqrt((1 - (double) m * m) / n);
      double avg = sum / n;
      assertTrue(Math.abs(avg - m) < 4 * sigma + 0x1.0p-22, "mean " + m + ": ⟨out⟩ = " + avg + ", σ = " + sigma);
    }
  }

  @Test
  void rejectsPartialOverlapAndBadBounds() {
    SignSampler sampler = new SignSampler(new Xoshiro256PlusPlus(1));
    float[] x = new float[40];
    assertThrows(IllegalArgumentException.class, () -> sampler.sample(x, 0, x, 1, 20));
    assertThrows(IllegalArgumentException.class, () -> sampler.sample(x, 19, x, 0, 20));
    sampler.sample(x, 0, x, 20, 20); // adjacent windows do not overlap
    assertThrows(IndexOutOfBoundsException.class, () -> sampler.sample(x, 0, new float[10], 0, 11));
    assertThrows(IndexOutOfBoundsException.class, () -> sampler.sample(x, 30, new float[20], 0, 11));
  }
}
