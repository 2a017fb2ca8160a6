package org.rbmflow.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigen-decomposition of WWᵀ (N_v×N_v, symmetric positive semi-definite) for an RBM weight matrix W
 * (N_v×N_h, row-major float32), by EJML's symmetric QR solver in double precision.
 *
 * @param eigenvalues  all N_v eigenvalues, descending (at most N_h are non-zero up to rounding)
 * @param eigenvectors the eigenvectors of the top {@code eigenvectors.length} eigenvalues, unit norm,
 *                     {@code eigenvectors[r][i]} = component at visible unit (site) i; sign fixed so that the
 *                     largest-magnitude component is positive
 */
public record WeightSpectrum(double[] eigenvalues, double[][] eigenvectors) {

  /**
   * @param w     weights, row-major N_v×N_h ({@code w[i·nh + a]} = W_ia); not modified
   * @param topK  eigenvectors to keep, 0 ≤ topK ≤ N_v
   */
  public static WeightSpectrum of(float[] w, int nv, int nh, int topK) {
    if (w.length != nv * nh) {
      throw new IllegalArgumentException("W has " + w.length + " entries, expected " + nv + "×" + nh);
    }
    if (topK < 0 || topK > nv) {
      throw new IllegalArgumentException("topK = " + topK + " outside [0, " + nv + "]");
    }
    DMatrixRMaj wm = new DMatrixRMaj(nv, nh);
    for (int k = 0; k < w.length; k++) {
      wm.data[k] = w[k];
    }
    // M = W·Wᵀ
    DMatrixRMaj m = new DMatrixRMaj(nv, nv);
    CommonOps_DDRM.multTransB(wm, wm, m);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(nv, topK > 0, true);
    if (!eig.decompose(m)) {
      throw new IllegalStateException("eigen-decomposition of WWᵀ failed (" + nv + "×" + nv + ")");
    }
    Integer[] order = new Integer[nv];
    double[] values = new double[nv];
    for (int k = 0; k < nv; k++) {
      order[k] = k;
      values[k] = eig.getEigenvalue(k).real;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    double[] sorted = new double[nv];
    double[][] vectors = new double[topK][];
    for (int r = 0; r < nv; r++) {
      sorted[r] = values[order[r]];
      if (r < topK) {
        DMatrixRMaj v = eig.getEigenVector(order[r]);
        double[] x = new double[nv];
        double norm = 0;
        int argMax = 0;
        for (int i = 0; i < nv; i++) {
          x[i] = v.get(i, 0);
          norm += x[i] * x[i];
          if (Math.abs(x[i]) > Math.abs(x[argMax])) {
            argMax = i;
          }
        }
        double scale = (x[argMax] < 0 ? -1 : 1) / Math.sqrt(norm);
        for (int i = 0; i < nv; i++) {
          x[i] *= scale;
        }
        vectors[r] = x;
      }
    }
    return new WeightSpectrum(sorted, vectors);
  }
}
