package org.rbmflow.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The largest eigenvalue of WWᵀ for an N_v×N_h matrix W, from the smaller Gram matrix (WᵀW, N_h×N_h, when
 * N_h ≤ N_v, else WWᵀ): both have the same non-zero eigenvalues. EJML's symmetric solver, eigenvalues only, in
 * double precision. Owns its Gram buffer and solver; not thread-safe.
 */
final class TopEigenvalue {
  private final int nv;
  private final int nh;
  private final DMatrixRMaj w;
  private final DMatrixRMaj gram;
  private final EigenDecomposition_F64<DMatrixRMaj> eig;

  TopEigenvalue(int nv, int nh) {
    this.nv = nv;
    this.nh = nh;
    this.w = new DMatrixRMaj(nv, nh);
    int n = Math.min(nv, nh);
    this.gram = new DMatrixRMaj(n, n);
    this.eig = DecompositionFactory_DDRM.eig(n, false, true);
  }

  /** λ_max(WWᵀ) of W = {@code entries} (row-major N_v×N_h, read only), in the units of the entries squared. */
  double of(double[] entries) {
    System.arraycopy(entries, 0, w.data, 0, nv * nh);
    // G = WᵀW (N_h ≤ N_v) or WWᵀ; λ_max(G) = λ_max(WWᵀ)
    if (nh <= nv) {
      CommonOps_DDRM.multInner(w, gram);
    } else {
      CommonOps_DDRM.multOuter(w, gram);
    }
    if (!eig.decompose(gram)) {
      throw new IllegalStateException("eigen-decomposition of a " + gram.numRows + "×" + gram.numRows + " Gram failed");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < gram.numRows; k++) {
      max = Math.max(max, eig.getEigenvalue(k).real);
    }
    return max;
  }
}
