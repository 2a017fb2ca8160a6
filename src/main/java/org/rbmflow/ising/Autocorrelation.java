package org.rbmflow.ising;

/** Integrated autocorrelation time of time series from independent replicas. */
public final class Autocorrelation {
  /** Sokal's window factor: sum the autocorrelation up to the first lag W with W ≥ c·τ(W). */
  public static final double WINDOW_FACTOR = 6.0;

  private Autocorrelation() {}

  /**
   * τ_int = ½ + Σ_{t=1}^{W} ρ(t), with ρ the autocorrelation averaged over replicas (each series
   * centred on its own mean) and W chosen by Sokal's automatic window. Returns ½ when the series do
   * not fluctuate. If the window is not reached by half the series length, the sum up to there is
   * returned (a lower bound).
   *
   * @param series series[r][i]: observable of replica r after sweep i; equal lengths ≥ 2
   */
  public static double tauInt(double[][] series) {
    int replicas = series.length;
    int n = series[0].length;
    double[][] x = new double[replicas][n];
    double c0 = 0;
    for (int r = 0; r < replicas; r++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += series[r][i];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        double d = series[r][i] - mean;
        x[r][i] = d;
        c0 += d * d;
      }
    }
    c0 /= (double) replicas * n;
    if (!(c0 > 1e-300)) {
      return 0.5;
    }
    double tau = 0.5;
    for (int t = 1; t <= n / 2; t++) {
      // C(t) = ⟨(x_i − x̄)(x_{i+t} − x̄)⟩ over replicas and i < n − t
      double ct = 0;
      for (int r = 0; r < replicas; r++) {
        double[] xr = x[r];
        for (int i = 0; i + t < n; i++) {
          ct += xr[i] * xr[i + t];
        }
      }
      ct /= (double) replicas * (n - t);
      tau += ct / c0;
      if (t >= WINDOW_FACTOR * tau) {
        break;
      }
    }
    return Math.max(0.5, tau);
  }
}
