package org.rbmflow.analysis;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.rbmflow.analysis.TemperatureClassifier.Activation;

/**
 * One minibatch step of cross-entropy training for a {@link ClassifierNetwork}: forward pass, backward
 * pass by matrix products, Adam update (Kingma, Ba 2015; β1 = 0.9, β2 = 0.999, ε = 1e-8). Owns its
 * gradient buffers and Adam moments, allocated once; a step allocates nothing. Modifies the network's
 * weights in place. Not thread-safe.
 */
final class ClassifierTrainer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final ClassifierNetwork net;
  final ClassifierNetwork.Workspace ws;
  private final FMatrixRMaj dz;
  private final FMatrixRMaj dh;
  private final FMatrixRMaj[] params;
  private final FMatrixRMaj[] grads;
  private final float[][] m1;
  private final float[][] m2;
  private final double[] logp;
  private long steps;

  ClassifierTrainer(ClassifierNetwork net, int batchCapacity) {
    this.net = net;
    this.ws = new ClassifierNetwork.Workspace(net, batchCapacity);
    this.dz = new FMatrixRMaj(batchCapacity, net.classes);
    this.dh = new FMatrixRMaj(batchCapacity, net.hidden);
    this.params = new FMatrixRMaj[] {net.w1, net.b1, net.w2, net.b2};
    this.grads = new FMatrixRMaj[params.length];
    this.m1 = new float[params.length][];
    this.m2 = new float[params.length][];
    for (int p = 0; p < params.length; p++) {
      grads[p] = new FMatrixRMaj(params[p].numRows, params[p].numCols);
      m1[p] = new float[params[p].data.length];
      m2[p] = new float[params[p].data.length];
    }
    this.logp = new double[net.classes];
  }

  /**
   * One Adam step on the batch in {@code ws.x} (the caller sets its rows with {@code ws.rows(b)} and fills
   * them) with class labels {@code labels[0 … b)} (read only), step size {@code lr}.
   *
   * @return the batch's mean cross-entropy −(1/B) Σ_r ln p(y_r | x_r), before the update
   */
  double step(int[] labels, double lr) {
    int b = ws.x.numRows;
    int k = net.classes;
    net.forward(ws);
    dz.reshape(b, k, false);
    dh.reshape(b, net.hidden, false);

    // dL/dZ = (softmax(Z) − onehot(y)) / B   for L = −(1/B) Σ_r ln p(y_r | x_r)
    double loss = 0;
    float[] z = ws.z.data;
    float[] g = dz.data;
    float invB = 1f / b;
    for (int r = 0; r < b; r++) {
      ClassifierNetwork.logSoftmax(z, r * k, k, logp, 0);
      loss -= logp[labels[r]];
      for (int c = 0; c < k; c++) {
        g[r * k + c] = (float) Math.exp(logp[c]) * invB;
      }
      g[r * k + labels[r]] -= invB;
    }

    // dW2 = Hdᵀ·dZ,  db2 = Σ_rows dZ
    CommonOps_FDRM.multTransA(ws.h, dz, grads[2]);
    columnSums(dz, grads[3]);
    // dHd = dZ·W2ᵀ;  dA = dHd ⊙ act'(A): tanh' = 1 − Hd², ReLU' = [A > 0]
    CommonOps_FDRM.multTransB(dz, net.w2, dh);
    float[] d = dh.data;
    int n = b * net.hidden;
    if (net.activation == Activation.TANH) {
      float[] h = ws.h.data;
      for (int e = 0; e < n; e++) {
        d[e] *= 1f - h[e] * h[e];
      }
    } else {
      float[] a = ws.a.data;
      for (int e = 0; e < n; e++) {
        if (a[e] <= 0f) {
          d[e] = 0f;
        }
      }
    }
    // dW1 = Xᵀ·dA,  db1 = Σ_rows dA
    CommonOps_FDRM.multTransA(ws.x, dh, grads[0]);
    columnSums(dh, grads[1]);

    adam(lr);
    return loss / b;
  }

  /**
   * Adam: m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;  θ ← θ − lr·m̂/(√v̂ + ε), with m̂ = m/(1−β1ᵗ),
   * v̂ = v/(1−β2ᵗ) folded into the step size.
   */
  private void adam(double lr) {
    steps++;
    double c1 = 1 - Math.pow(BETA1, steps);
    double c2 = 1 - Math.pow(BETA2, steps);
    // lr·m̂/(√v̂ + ε) = [lr·√c2/c1]·m/(√v + ε√c2)
    float alpha = (float) (lr * Math.sqrt(c2) / c1);
    float eps = (float) (EPS * Math.sqrt(c2));
    for (int p = 0; p < params.length; p++) {
      float[] theta = params[p].data;
      float[] gr = grads[p].data;
      float[] m = m1[p];
      float[] v = m2[p];
      for (int e = 0; e < theta.length; e++) {
        float ge = gr[e];
        m[e] = BETA1 * m[e] + (1 - BETA1) * ge;
        v[e] = BETA2 * v[e] + (1 - BETA2) * ge * ge;
        theta[e] -= alpha * m[e] / ((float) Math.sqrt(v[e]) + eps);
      }
    }
  }

  /** out[0, c] = Σ_r m[r, c]; writes {@code out} only. */
  private static void columnSums(FMatrixRMaj m, FMatrixRMaj out) {
    int cols = m.numCols;
    float[] o = out.data;
    java.util.Arrays.fill(o, 0, cols, 0f);
    float[] d = m.data;
    for (int r = 0, off = 0; r < m.numRows; r++, off += cols) {
      for (int c = 0; c < cols; c++) {
        o[c] += d[off + c];
      }
    }
  }
}
