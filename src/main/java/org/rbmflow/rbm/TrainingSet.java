package org.rbmflow.rbm;

import java.util.List;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.ising.SpinBlock;

/**
 * The configurations an RBM trains on, kept bit-packed (one {@link SpinBlock} per (T, H)) and expanded to
 * ±1 floats only a minibatch at a time. Global index g runs over the blocks in order.
 */
public final class TrainingSet {
  private final SpinBlock[] blocks;
  private final int[] start;
  private final int size;
  private final int sites;

  public TrainingSet(List<SpinBlock> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a training set needs at least one block of configurations");
    }
    this.blocks = blocks.toArray(new SpinBlock[0]);
    this.start = new int[this.blocks.length + 1];
    this.sites = this.blocks[0].sites();
    long total = 0;
    for (int k = 0; k < this.blocks.length; k++) {
      if (this.blocks[k].sites() != sites) {
        throw new IllegalArgumentException("block " + k + " has " + this.blocks[k].sites() + " sites, expected " + sites);
      }
      start[k] = (int) total;
      total += this.blocks[k].count();
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("more than 2³¹ configurations");
    }
    start[this.blocks.length] = (int) total;
    this.size = (int) total;
  }

  /** All configurations of the given sample sets, in order. */
  public static TrainingSet of(List<SampleSet> sets) {
    return new TrainingSet(sets.stream().map(SampleSet::spins).toList());
  }

  public int size() {
    return size;
  }

  /** N_v. */
  public int sites() {
    return sites;
  }

  /**
   * Writes configuration g as ±1 floats into {@code out[off … off+N_v)}: {@link SpinBlock#unpack}, or the same
   * bits through {@link VectorKernels#unpack} when the Vector API is on (identical floats).
   */
  public void unpack(int g, float[] out, int off) {
    int k = block(g);
    SpinBlock b = blocks[k];
    if (Activations.vector()) {
      VectorKernels.unpack(b.bits(), (g - start[k]) * b.wordsPerConfig(), sites, out, off);
    } else {
      b.unpack(g - start[k], out, off);
    }
  }

  /** Index of the block holding configuration g (binary search over block starts). */
  int block(int g) {
    if (g < 0 || g >= size) {
      throw new IndexOutOfBoundsException("configuration " + g + " of " + size);
    }
    int lo = 0;
    int hi = blocks.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (start[mid] <= g) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
