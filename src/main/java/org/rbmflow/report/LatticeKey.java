package org.rbmflow.report;

/** A lattice of the sweep: dimension, side l (the ring's length in 1D) and number of visible units n_v. */
public record LatticeKey(int dim, int l, int nV) implements Comparable<LatticeKey> {

  /** "2D, L = 4 (N_v = 16)" or "1D ring, N_v = 20". */
  public String label() {
    return dim == 2 ? "2D, L = " + l + " (N_v = " + nV + ")" : "1D ring, N_v = " + nV;
  }

  /** A file-name fragment, e.g. {@code d2_nv16}. */
  public String tag() {
    return "d" + dim + "_nv" + nV;
  }

  @Override
  public int compareTo(LatticeKey o) {
    return dim != o.dim ? Integer.compare(dim, o.dim) : Integer.compare(nV, o.nV);
  }
}
