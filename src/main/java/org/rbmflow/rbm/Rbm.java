package org.rbmflow.rbm;

import org.rbmflow.common.Checks;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * A restricted Boltzmann machine with ±1 visible units v (N_v) and ±1 hidden units h (N_h), float32:
 * <pre>
 *   E(v, h) = −vᵀ W h − bᵀ h − cᵀ v,
 *   ⟨h_a | v⟩ = tanh(Σ_i v_i W_ia + b_a),   ⟨v_i | h⟩ = tanh(Σ_a W_ia h_a + c_i),
 *   F(v) = −cᵀ v − Σ_a ln(2 cosh(Σ_i v_i W_ia + b_a))   (free energy, p(v) ∝ e^{−F(v)}).
 * </pre>
 * Storage: {@code w[i·N_h + a]} = W_ia (row-major N_v×N_h), {@code b[a]} hidden biases, {@code c[i]} visible
 * biases. The arrays are the model's own and are modified in place by trainers; read them, copy to keep.
 */
public final class Rbm {
  private final int nv;
  private final int nh;
  private final float[] w;
  private final float[] b;
  private final float[] c;

  public Rbm(int nv, int nh) {
    this.nv = Checks.atLeast("n_v", nv, 1);
    this.nh = Checks.atLeast("n_h", nh, 1);
    this.w = new float[Math.multiplyExact(nv, nh)];
    this.b = new float[nh];
    this.c = new float[nv];
  }

  /** W_ia ~ N(0, σ²), biases 0, drawn from {@code rng} in row-major order. */
  public static Rbm gaussian(int nv, int nh, double sigma, Xoshiro256PlusPlus rng) {
    Checks.finiteAtLeast("init_sigma", sigma, 0);
    Rbm r = new Rbm(nv, nh);
    for (int k = 0; k < r.w.length; k++) {
      r.w[k] = (float) (sigma * rng.nextGaussian());
    }
    return r;
  }

  public int visible() {
    return nv;
  }

  public int hidden() {
    return nh;
  }

  /** W, row-major N_v×N_h (live). */
  public float[] weights() {
    return w;
  }

  /** b, length N_h (live). */
  public float[] hiddenBias() {
    return b;
  }

  /** c, length N_v (live). */
  public float[] visibleBias() {
    return c;
  }

  /** A deep copy. */
  public Rbm copy() {
    Rbm r = new Rbm(nv, nh);
    System.arraycopy(w, 0, r.w, 0, w.length);
    System.arraycopy(b, 0, r.b, 0, nh);
    System.arraycopy(c, 0, r.c, 0, nv);
    return r;
  }

  /** F(v) in double precision for one visible vector (±1 entries, length N_v). */
  public double freeEnergy(float[] v) {
    double f = 0;
    for (int i = 0; i < nv; i++) {
      f -= c[i] * (double) v[i];
    }
    for (int a = 0; a < nh; a++) {
      double x = b[a];
      for (int i = 0; i < nv; i++) {
        x += v[i] * (double) w[i * nh + a];
      }
      // ln(2 cosh x) = |x| + ln(1 + e^{−2|x|}), stable for large |x|
      double ax = Math.abs(x);
      f -= ax + Math.log1p(Math.exp(-2 * ax));
    }
    return f;
  }

  /** True when every parameter is finite. */
  public boolean isFinite() {
    for (float x : w) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    for (float x : b) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    for (float x : c) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
