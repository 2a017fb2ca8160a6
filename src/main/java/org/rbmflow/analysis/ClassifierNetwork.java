package org.rbmflow.analysis;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.rbmflow.analysis.TemperatureClassifier.Activation;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The weights of {@link TemperatureClassifier}'s network and its batched forward pass, float32 EJML:
 * F inputs (the feature width of {@link ClassifierFeatures}) → {@code hidden} units → K logits.
 *
 * <pre>
 *   A = X·W1 + 1·b1ᵀ        X: B×F (one configuration's features per row), W1: F×hidden, b1: 1×hidden
 *   Hd = act(A)              act = tanh or ReLU, elementwise
 *   Z = Hd·W2 + 1·b2ᵀ        W2: hidden×K, b2: 1×K;  p(k | x) = softmax(Z row)_k
 * </pre>
 *
 * <p>The weight matrices are modified only by {@link ClassifierTrainer} during training; a trained
 * network is never modified again and may be shared by threads (each thread with its own
 * {@link Workspace}).
 */
final class ClassifierNetwork {
  final int inputs;
  final int hidden;
  final int classes;
  final Activation activation;
  final FMatrixRMaj w1;
  final FMatrixRMaj b1;
  final FMatrixRMaj w2;
  final FMatrixRMaj b2;

  /**
   * Fresh weights drawn from {@code rng}: W1 ~ N(0, g/F) with g = 1 (tanh, Glorot-like) or 2 (ReLU, He),
   * W2 ~ N(0, 1/hidden), biases 0. Draw order: W1 row-major, then W2 row-major.
   */
  ClassifierNetwork(int inputs, int hidden, int classes, Activation activation, Xoshiro256PlusPlus rng) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.classes = classes;
    this.activation = activation;
    this.w1 = new FMatrixRMaj(inputs, hidden);
    this.b1 = new FMatrixRMaj(1, hidden);
    this.w2 = new FMatrixRMaj(hidden, classes);
    this.b2 = new FMatrixRMaj(1, classes);
    double s1 = Math.sqrt((activation == Activation.RELU ? 2.0 : 1.0) / inputs);
    for (int k = 0; k < w1.data.length; k++) {
      w1.data[k] = (float) (s1 * rng.nextGaussian());
    }
    double s2 = Math.sqrt(1.0 / hidden);
    for (int k = 0; k < w2.data.length; k++) {
      w2.data[k] = (float) (s2 * rng.nextGaussian());
    }
  }

  /** Batch buffers of up to {@code capacity} rows for one thread; resized (without allocation) by {@link #rows}. */
  static final class Workspace {
    final int capacity;
    /** Input X, B×F: the caller fills it. */
    final FMatrixRMaj x;
    /** Pre-activations A, B×hidden. */
    final FMatrixRMaj a;
    /** Hidden activations act(A), B×hidden. */
    final FMatrixRMaj h;
    /** Logits Z, B×K. */
    final FMatrixRMaj z;

    Workspace(ClassifierNetwork net, int capacity) {
      this.capacity = capacity;
      this.x = new FMatrixRMaj(capacity, net.inputs);
      this.a = new FMatrixRMaj(capacity, net.hidden);
      this.h = new FMatrixRMaj(capacity, net.hidden);
      this.z = new FMatrixRMaj(capacity, net.classes);
    }

    /** Sets the batch size B ≤ capacity (keeps the arrays; X's first B rows keep their contents). */
    void rows(int b) {
      if (b > capacity) {
        throw new IllegalArgumentException("batch of " + b + " rows exceeds the workspace's " + capacity);
      }
      x.reshape(b, x.numCols, true);
      a.reshape(b, a.numCols, false);
      h.reshape(b, h.numCols, false);
      z.reshape(b, z.numCols, false);
    }
  }

  /** Fills ws.a, ws.h and ws.z from ws.x (its current row count); reads the weights only. */
  void forward(Workspace ws) {
    // A = X·W1 + b1
    CommonOps_FDRM.mult(ws.x, w1, ws.a);
    addRowVector(ws.a, b1);
    // Hd = act(A)
    float[] a = ws.a.data;
    float[] h = ws.h.data;
    int n = ws.a.getNumElements();
    if (activation == Activation.TANH) {
      for (int k = 0; k < n; k++) {
        h[k] = (float) Math.tanh(a[k]);
      }
    } else {
      for (int k = 0; k < n; k++) {
        h[k] = Math.max(a[k], 0f);
      }
    }
    // Z = Hd·W2 + b2
    CommonOps_FDRM.mult(ws.h, w2, ws.z);
    addRowVector(ws.z, b2);
  }

  /** M[r, c] += v[c] for every row r; modifies {@code m} only. */
  static void addRowVector(FMatrixRMaj m, FMatrixRMaj v) {
    int cols = m.numCols;
    float[] d = m.data;
    float[] b = v.data;
    for (int r = 0, off = 0; r < m.numRows; r++, off += cols) {
      for (int c = 0; c < cols; c++) {
        d[off + c] += b[c];
      }
    }
  }

  /**
   * log p = log softmax of one row of logits, in double: ln p_k = z_k − m − ln Σ_j exp(z_j − m), m = max z.
   * Reads {@code z[zOff … zOff+K)}, writes {@code out[outOff … outOff+K)} only.
   */
  static void logSoftmax(float[] z, int zOff, int k, double[] out, int outOff) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, z[zOff + c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(z[zOff + c] - max);
    }
    double lse = max + Math.log(sum);
    for (int c = 0; c < k; c++) {
      out[outOff + c] = z[zOff + c] - lse;
    }
  }
}
