package org.rbmflow.report;

import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Mean;
import org.rbmflow.aggregate.AggregateResult.Optimal;

/**
 * A lattice of the sweep — dimension, side l (the ring's length in 1D), number of visible units n_v — within one
 * variant of the listed parameters ({@code training.batch_size=full, …}; "" when the sweep lists none).
 */
public record LatticeKey(int dim, int l, int nV, String variant) implements Comparable<LatticeKey> {

  public LatticeKey {
    variant = variant == null ? "" : variant;
  }

  /** A lattice of a sweep that lists no parameter. */
  public LatticeKey(int dim, int l, int nV) {
    this(dim, l, nV, "");
  }

  /** The lattice and variant of an {@code aggregate/means} row. */
  public static LatticeKey of(Mean m) {
    return new LatticeKey(m.dim(), m.l(), m.nV(), m.variant());
  }

  /** The lattice and variant of an {@code aggregate/optimal} row. */
  public static LatticeKey of(Optimal o) {
    return new LatticeKey(o.dim(), o.l(), o.nV(), o.variant());
  }

  /** The lattice and variant of an {@code aggregate/fits} row. */
  public static LatticeKey of(Fit f) {
    return new LatticeKey(f.dim(), f.l(), f.nV(), f.variant());
  }

  /** "2D, L = 4 (N_v = 16)" or "1D ring, N_v = 20", followed by the variant if any. */
  public String label() {
    return (dim == 2 ? "2D, L = " + l + " (N_v = " + nV + ")" : "1D ring, N_v = " + nV) + variantSuffix();
  }

  /** "N_v = 16", followed by the variant if any: the name of one line in a figure of several lattices. */
  public String seriesLabel() {
    return "N_v = " + nV + variantSuffix();
  }

  private String variantSuffix() {
    return variant.isEmpty() ? "" : ", " + variant;
  }

  /** A file-name fragment, e.g. {@code d2_nv16} (with a hash of the variant if any, {@code d2_nv16_v3fa2c1}). */
  public String tag() {
    return "d" + dim + "_nv" + nV + (variant.isEmpty() ? "" : String.format("_v%08x", variant.hashCode()));
  }

  @Override
  public int compareTo(LatticeKey o) {
    return dim != o.dim ? Integer.compare(dim, o.dim) : nV != o.nV ? Integer.compare(nV, o.nV)
        : variant.compareTo(o.variant);
  }
}
