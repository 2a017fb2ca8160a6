package org.rbmflow.rbm;

import java.util.Arrays;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.linalg.VectorKernelCheck;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.random.Xoshiro256PlusPlusX8;

/**
 * {@link VectorKernels} and {@link VectorSampling} against their scalar twins on small inputs, through every path
 * with Vector API calls: tanh rows longer than a vector and not a multiple of it (full vectors and the overlapping
 * last one) over awkward values (±0, ±∞, NaN, the clamps); an unpack of whole lane groups and a tail; a bias
 * gradient; two blocks of sign draws, outputs and generator state. Loaded by name by the Vector API probe
 * ({@link org.rbmflow.linalg.VectorSupport}); not for other use.
 */
public final class VectorKernelsCheck implements VectorKernelCheck {
  private static final float[] AWKWARD = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Activations.CLAMP, -Activations.CLAMP, 20f, -20f, 0.5f, -1e-7f, 3f};

  @Override
  public String run() {
    String bad = tanh();
    if (bad == null) {
      bad = unpack();
    }
    if (bad == null) {
      bad = addDifference();
    }
    return bad == null ? sample() : bad;
  }

  private static String tanh() {
    int cols = VectorKernels.lanes() + 3;
    int rows = 2;
    float[] x = new float[1 + rows * cols];
    float[] bias = new float[cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 3 == 0 ? AWKWARD[i % AWKWARD.length] : (i - 10) * 0.7f;
    }
    for (int j = 0; j < cols; j++) {
      bias[j] = j % 4 == 0 ? AWKWARD[(j + 5) % AWKWARD.length] : 0.25f * j;
    }
    float[] scalar = x.clone();
    float[] vector = x.clone();
    Activations.tanhWithBiasScalar(scalar, 1, rows, cols, bias, new float[cols]);
    VectorKernels.tanhWithBias(vector, 1, rows, cols, bias, new float[cols]);
    return differs("VectorKernels.tanhWithBias", scalar, vector);
  }

  private static String unpack() {
    int sites = 81; // 64 + 17: whole groups of lanes (any lane count divides 64) and a tail
    long[] bits = {0x9E3779B97F4A7C15L, 0x1CEL};
    float[] scalar = new float[sites + 1];
    float[] vector = new float[sites + 1];
    new SpinBlock(sites, 1, bits).unpack(0, scalar, 1);
    VectorKernels.unpack(bits, 0, sites, vector, 1);
    return differs("VectorKernels.unpack", scalar, vector);
  }

  private static String addDifference() {
    int n = VectorKernels.lanes() + 1;
    float[] x = new float[2 * n + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 5 % 11 - 5) * 0.3f;
    }
    float[] scalar = new float[n];
    Arrays.fill(scalar, 0.1f);
    float[] vector = scalar.clone();
    for (int i = 0; i < n; i++) {
      scalar[i] += x[1 + i] - x[n + 1 + i];
    }
    VectorKernels.addDifference(vector, x, 1, n + 1, n);
    return differs("VectorKernels.addDifference", scalar, vector);
  }

  private static String sample() {
    int n = 2 * Xoshiro256PlusPlusX8.INTS_PER_STEP;
    float[] mean = new float[n];
    for (int i = 0; i < n; i++) {
      mean[i] = (i % 9 - 4) * 0.25f;
    }
    SignSampler scalarSampler = new SignSampler(new Xoshiro256PlusPlus(11));
    Xoshiro256PlusPlusX8 vectorState = new Xoshiro256PlusPlusX8(new Xoshiro256PlusPlus(11));
    float[] scalar = new float[n];
    float[] vector = new float[n];
    scalarSampler.sampleScalar(mean, 0, scalar, 0, n);
    VectorSampling.sample(vectorState.state(), mean, 0, vector, 0, n, new byte[64]);
    String bad = differs("VectorSampling.sample", scalar, vector);
    if (bad == null && !Arrays.equals(scalarSampler.generator().state(), vectorState.state())) {
      bad = "VectorSampling.sample left the generator in another state than the scalar loop";
    }
    return bad;
  }

  /** Null when the arrays hold the same bits (any NaN matching any NaN), else where they first differ. */
  private static String differs(String kernel, float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      boolean same = Float.isNaN(expected[i]) ? Float.isNaN(actual[i])
          : Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]);
      if (!same) {
        return kernel + " gave " + actual[i] + " at " + i + ", the scalar code " + expected[i];
      }
    }
    return null;
  }
}
