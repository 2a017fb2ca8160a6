package org.rbmflow.rbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The Vector API loops ({@link VectorKernels}) give the same bits as their scalar twins, on random inputs mixed
 * with the awkward ones: ±0, ±∞, NaN, huge values, values at and around the clamps of {@link Activations#tanh};
 * row lengths that are and are not multiples of the vector length.
 */
class VectorKernelsTest {
  private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 1e30f, -1e30f, 1e-30f,
      Activations.CLAMP, -Activations.CLAMP, Math.nextUp(Activations.CLAMP), Math.nextDown(-Activations.CLAMP),
      1f, -1f, 7.9f, -7.9f, 20f, -20f, 0.5f, 1e-7f, Float.intBitsToFloat(0x7fc00001)};
  private static final int[] COLS = {1, 3, 7, 8, 9, 16, 17, 31, 64, 65, 100, 401};

  @BeforeAll
  static void vectorApi() {
    Assumptions.assumeTrue(VectorSupport.available(), VectorSupport::status);
  }

  @Test
  void theProjectsJvmUsesTheVectorLoops() {
    assertTrue(Activations.vector(), VectorSupport.status());
  }

  /** Random values: mostly N(0, 3²), every fifth a special one. */
  private static float[] values(int n, long seed) {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextInt(5) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : (float) (3 * rng.nextGaussian());
    }
    return x;
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      boolean same = Float.isNaN(expected[i]) ? Float.isNaN(actual[i])
          : Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]);
      if (!same) {
        fail(what + ": element " + i + " is " + actual[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(
            actual[i])) + "), the scalar code gives " + expected[i] + " (0x"
            + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ")");
      }
    }
  }

  @Test
  void tanhWithBiasIsBitIdentical() {
    long seed = 1;
    for (int cols : COLS) {
      for (int rows : new int[] {1, 3, 10}) {
        int off = (int) (seed % 5);
        float[] x = values(off + rows * cols + 2, seed++);
        float[] bias = values(cols, seed++);
        float[] scalar = x.clone();
        float[] vector = x.clone();
        Activations.tanhWithBiasScalar(scalar, off, rows, cols, bias, new float[cols]);
        VectorKernels.tanhWithBias(vector, off, rows, cols, bias, new float[cols]);
        assertSameBits(scalar, vector, "tanh rows=" + rows + " cols=" + cols);
      }
    }
    // every special value against every bias, and a dense sweep through the clamp region
    float[] grid = new float[SPECIAL.length * SPECIAL.length];
    float[] bias = new float[grid.length];
    for (int i = 0; i < SPECIAL.length; i++) {
      for (int j = 0; j < SPECIAL.length; j++) {
        grid[i * SPECIAL.length + j] = SPECIAL[i];
        bias[i * SPECIAL.length + j] = SPECIAL[j];
      }
    }
    float[] scalar = grid.clone();
    float[] vector = grid.clone();
    Activations.tanhWithBiasScalar(scalar, 0, 1, grid.length, bias, new float[grid.length]);
    VectorKernels.tanhWithBias(vector, 0, 1, grid.length, bias, new float[grid.length]);
    assertSameBits(scalar, vector, "tanh of special values");
    float[] sweep = new float[200_003];
    for (int i = 0; i < sweep.length; i++) {
      sweep[i] = -10f + 20f * i / sweep.length;
    }
    float[] zeros = new float[sweep.length];
    scalar = sweep.clone();
    vector = sweep.clone();
    Activations.tanhWithBiasScalar(scalar, 0, 1, sweep.length, zeros, new float[sweep.length]);
    VectorKernels.tanhWithBias(vector, 0, 1, sweep.length, zeros, new float[sweep.length]);
    assertSameBits(scalar, vector, "tanh on [-10, 10]");
  }

  @Test
  void unpackIsBitIdentical() {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(7);
    for (int sites : new int[] {1, 5, 8, 63, 64, 65, 100, 128, 400, 1024}) {
      int count = 5;
      int words = (sites + 63) >>> 6;
      long[] bits = new long[count * words];
      long last = (sites & 63) == 0 ? -1L : (1L << (sites & 63)) - 1;
      for (int i = 0; i < count; i++) {
        for (int w = 0; w < words; w++) {
          bits[i * words + w] = rng.nextLong() & (w == words - 1 ? last : -1L);
        }
      }
      SpinBlock block = new SpinBlock(sites, count, bits);
      for (int i = 0; i < count; i++) {
        float[] scalar = new float[sites + 3];
        float[] vector = new float[sites + 3];
        block.unpack(i, scalar, 2);
        VectorKernels.unpack(bits, i * words, sites, vector, 2);
        assertSameBits(scalar, vector, "unpack sites=" + sites + " config " + i);
      }
    }
  }

  @Test
  void addDifferenceIsBitIdentical() {
    long seed = 300;
    for (int n : COLS) {
      float[] x = values(3 * n + 4, seed++);
      float[] acc = values(n, seed++);
      float[] scalar = acc.clone();
      for (int i = 0; i < n; i++) {
        scalar[i] += x[1 + i] - x[n + 3 + i];
      }
      VectorKernels.addDifference(acc, x, 1, n + 3, n);
      assertSameBits(scalar, acc, "addDifference n=" + n);
    }
  }
}
