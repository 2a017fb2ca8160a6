package org.rbmflow.analysis;

/**
 * Which eigenvalues of WWᵀ stand above the noise, tested one after another from the largest (DESIGN §2,
 * "Non-random pattern"). W is N_v×N_h; its eigenvalues λ_0 ≥ λ_1 ≥ … of WWᵀ are compared with edges scaled by the
 * noise variance left once the larger ones are taken out:
 *
 * <pre>
 *   σ̂²_r   = Σ_{s ≥ r} λ_s / ((N_v − r)(N_h − r))      (entry variance of W without its top r directions;
 *                                                     r = 0: ‖W‖²_F / (N_v·N_h))
 *   edge_r = c · σ̂²_r                                 (c: a noise edge divided by σ², e.g. (√N_h + √N_v)²)
 *   λ_r is above the noise  ⇔  λ_r > edge_r and λ_0 … λ_{r−1} all are
 * </pre>
 * Removing the detected directions keeps a strong pattern from inflating the noise level against which the weaker
 * ones are judged. Eigenvalues at most {@link #ZERO}·λ_0 are rounding, never above the noise.
 *
 * @param noiseVariance σ̂²_r for each tested r, in the units of W's entries squared
 * @param edges         edge_r for each tested r, in the units of the eigenvalues
 * @param above         the decision for each tested r
 * @param count         how many are above (the leading {@code count} of them)
 */
public record SpectrumEdges(double[] noiseVariance, double[] edges, boolean[] above, int count) {
  /** Eigenvalues at most this fraction of the largest count as zero. */
  public static final double ZERO = 1e-12;

  /**
   * @param eigenvalues all eigenvalues of WWᵀ, descending (N_v of them; read only)
   * @param scaledEdge  c, the threshold divided by the noise variance, &gt; 0 (+∞: nothing is above)
   * @param tested      how many leading eigenvalues to test, 0 ≤ tested ≤ min(N_v, N_h)
   */
  public static SpectrumEdges sequential(double[] eigenvalues, int nv, int nh, double scaledEdge, int tested) {
    if (eigenvalues.length != nv) {
      throw new IllegalArgumentException(eigenvalues.length + " eigenvalues for N_v = " + nv);
    }
    if (tested < 0 || tested > Math.min(nv, nh)) {
      throw new IllegalArgumentException("tested = " + tested + " outside [0, min(N_v, N_h)]");
    }
    double[] variance = new double[tested];
    double[] edges = new double[tested];
    boolean[] above = new boolean[tested];
    // tail[r] = Σ_{s ≥ r} λ_s, summed from the smallest for accuracy
    double[] tail = new double[nv + 1];
    for (int s = nv - 1; s >= 0; s--) {
      tail[s] = tail[s + 1] + Math.max(eigenvalues[s], 0);
    }
    double zero = nv == 0 ? 0 : ZERO * Math.max(eigenvalues[0], 0);
    int count = 0;
    boolean open = true;
    for (int r = 0; r < tested; r++) {
      // σ̂²_r = Σ_{s ≥ r} λ_s / ((N_v − r)(N_h − r));  edge_r = c σ̂²_r
      variance[r] = tail[r] / ((double) (nv - r) * (nh - r));
      edges[r] = variance[r] == 0 ? 0 : scaledEdge * variance[r];
      above[r] = open && eigenvalues[r] > zero && eigenvalues[r] > edges[r];
      if (above[r]) {
        count++;
      } else {
        open = false;
      }
    }
    return new SpectrumEdges(variance, edges, above, count);
  }
}
