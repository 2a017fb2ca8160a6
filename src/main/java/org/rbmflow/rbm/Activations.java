package org.rbmflow.rbm;

import org.rbmflow.linalg.VectorSupport;

/**
 * Elementwise work of Gibbs sampling with ±1 units: tanh of pre-activations (the stochastic ±1 draws that follow
 * are {@link SignSampler}'s).
 *
 * <p>When the JVM has the incubating Vector API ({@link VectorSupport#available()}), the loops run on it
 * ({@link VectorKernels}); otherwise on the scalar code below, which the JIT auto-vectorises where it can. The
 * two give bit-identical results (same operations in the same order, same uniforms), so a result does not
 * depend on whether {@code --add-modules jdk.incubator.vector} was given.
 */
public final class Activations {
  // tanh(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 7.9053 (where float tanh reaches 1), a (3,4) rational fit by
  // iteratively reweighted least squares; max |error| 4.4e-7 evaluated in float. The result is scaled by
  // K = 1/r(7.9053) so that it reaches ±1 exactly where float tanh does (total |error| ≤ 1e-6, checked by
  // GibbsSamplingTest) with no branch, which lets the JIT vectorise the loops below.
  static final float CLAMP = 7.90531110f;
  static final float P0 = 0.9999994220145635f;
  static final float P1 = 0.129216341899207f;
  static final float P2 = 0.0029474117132773053f;
  static final float P3 = 1.1403378148651389e-05f;
  static final float Q1 = 0.46254750945837775f;
  static final float Q2 = 0.023798935224188487f;
  static final float Q3 = 0.00023824351276493334f;
  static final float Q4 = 2.453734387619644e-07f;
  static final float K = 1f / rational(CLAMP);

  /**
   * Whether the Vector API loops run (decided once per JVM; the results are the same either way). A method, not a
   * constant of this class: the Vector API probe runs the scalar twins here, and a field initialised from the probe
   * would ask the probe for its own result while it runs. Once the probe is done the JIT folds this to a constant.
   */
  static boolean vector() {
    return VectorSupport.available();
  }

  private Activations() {}

  /** tanh in float, |error| ≤ 1e-6, exactly ±1 where float tanh saturates, branch-free; NaN stays NaN. */
  public static float tanh(float x) {
    return Math.max(-1f, Math.min(1f, K * rational(x)));
  }

  // x·P(x²)/Q(x²) on x clamped to ±CLAMP
  private static float rational(float x) {
    float xc = Math.max(-CLAMP, Math.min(CLAMP, x));
    float z = xc * xc;
    float p = xc * (P0 + z * (P1 + z * (P2 + z * P3)));
    float q = 1f + z * (Q1 + z * (Q2 + z * (Q3 + z * Q4)));
    return p / q;
  }

  /**
   * Row-wise: {@code x[r·cols + j] = tanh(x[r·cols + j] + bias[j])} for r &lt; rows (x modified in place).
   * Each row goes through {@code scratch} (length ≥ cols) so that every array in the inner loop is indexed
   * alike, the form the JIT vectorises.
   */
  public static void tanhWithBias(float[] x, int rows, int cols, float[] bias, float[] scratch) {
    tanhWithBias(x, 0, rows, cols, bias, scratch);
  }

  /** As above on the rows starting at {@code x[off]}. */
  public static void tanhWithBias(float[] x, int off, int rows, int cols, float[] bias, float[] scratch) {
    if (vector()) {
      VectorKernels.tanhWithBias(x, off, rows, cols, bias, scratch);
    } else {
      tanhWithBiasScalar(x, off, rows, cols, bias, scratch);
    }
  }

  /** The scalar loop of {@link #tanhWithBias(float[], int, int, int, float[], float[])}; package-private for tests. */
  static void tanhWithBiasScalar(float[] x, int off, int rows, int cols, float[] bias, float[] scratch) {
    for (int r = 0; r < rows; r++) {
      int o = off + r * cols;
      System.arraycopy(x, o, scratch, 0, cols);
      for (int j = 0; j < cols; j++) {
        scratch[j] = tanh(scratch[j] + bias[j]);
      }
      System.arraycopy(scratch, 0, x, o, cols);
    }
  }

  /** As {@link #tanhWithBias(float[], int, int, float[], float[])} with a scratch row of its own. */
  public static void tanhWithBias(float[] x, int rows, int cols, float[] bias) {
    tanhWithBias(x, rows, cols, bias, new float[cols]);
  }
}
