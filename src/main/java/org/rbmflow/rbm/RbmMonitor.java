package org.rbmflow.rbm;

import org.rbmflow.linalg.Gemm;

/**
 * Training diagnostics on a fixed subset of the training set.
 * <ul>
 *   <li>Reconstruction error: mean over configurations and sites of (v − v̂)²/4 with the mean-field
 *       reconstruction v̂ = tanh(c + W·tanh(Wᵀv + b)); 0 = perfect, 0.25 = uninformative.</li>
 *   <li>Pseudo-log-likelihood per configuration: N_v · ln σ(F(v⁽ⁱ⁾) − F(v)) with v⁽ⁱ⁾ = v with site i flipped,
 *       i = (index·7919) mod N_v (fixed, so successive values are comparable); exact PLL averages over i.</li>
 * </ul>
 */
public final class RbmMonitor {
  private RbmMonitor() {}

  /** Reconstruction error and PLL of the configurations {@code indices} of {@code data}. */
  public static double[] evaluate(Rbm rbm, TrainingSet data, int[] indices, Gemm gemm) {
    int m = indices.length;
    int nv = rbm.visible();
    int nh = rbm.hidden();
    float[] v = new float[m * nv];
    for (int r = 0; r < m; r++) {
      data.unpack(indices[r], v, r * nv);
    }
    float[] h = new float[m * nh];
    float[] vr = new float[m * nv];
    // ⟨h⟩ = tanh(V·W + b), v̂ = tanh(⟨h⟩·Wᵀ + c)
    gemm.gemm(false, false, m, nh, nv, 1f, v, rbm.weights(), 0f, h);
    Activations.tanhWithBias(h, m, nh, rbm.hiddenBias());
    gemm.gemm(false, true, m, nv, nh, 1f, h, rbm.weights(), 0f, vr);
    Activations.tanhWithBias(vr, m, nv, rbm.visibleBias());
    double err = 0;
    for (int k = 0; k < v.length; k++) {
      double d = v[k] - vr[k];
      err += d * d;
    }
    err /= 4.0 * v.length;
    double pll = 0;
    float[] one = new float[nv];
    for (int r = 0; r < m; r++) {
      System.arraycopy(v, r * nv, one, 0, nv);
      double f = rbm.freeEnergy(one);
      int i = (int) ((indices[r] * 7919L) % nv);
      one[i] = -one[i];
      double ff = rbm.freeEnergy(one);
      // ln σ(x) = −ln(1 + e^{−x}), stable form
      double x = ff - f;
      pll += nv * (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
    }
    return new double[] {err, pll / m};
  }
}
