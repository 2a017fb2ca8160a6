package org.rbmflow.report;

import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Mean;
import org.rbmflow.aggregate.AggregateResult.Optimal;
import java.util.List;
import org.rbmflow.common.PointStatus;

/**
 * Everything the report draws, already reduced to what fits on the driver: the aggregate tables of a sweep
 * (DESIGN §4, {@code OUT/aggregate/*}), the status counts of its points, the chosen points
 * ({@link Selection}) and the per-point rows of those points only. Energies are per spin (J = 1), temperatures in
 * units of J/k_B.
 *
 * @param sweep     the sweep name(s) of the {@code points} table
 * @param counts    points per status
 * @param means     {@code aggregate/means}, one row per (dim, n_v, n_h, n_temp)
 * @param optimal   {@code aggregate/optimal}, one row per (dim, n_v, n_temp)
 * @param fits      {@code aggregate/fits}, one row per (dim, n_v)
 * @param selection the points whose flows, spectra and patterns are drawn
 * @param flows     {@code flows} rows of the representative points
 * @param spectra   {@code spectra} rows of every selected point
 * @param patterns  {@code patterns} rows of the representative points (possibly only the lowest ranks and the
 *                  non-random ones)
 */
public record ReportData(String sweep, StatusCounts counts, List<Mean> means, List<Optimal> optimal,
    List<Fit> fits, Selection selection, List<FlowRow> flows, List<SpectrumRow> spectra, List<PatternRow> patterns,
    List<TrainingRow> training) {

  /** Report data of a sweep without checkpoints. */
  public ReportData(String sweep, StatusCounts counts, List<Mean> means, List<Optimal> optimal,
      List<Fit> fits, Selection selection, List<FlowRow> flows, List<SpectrumRow> spectra,
      List<PatternRow> patterns) {
    this(sweep, counts, means, optimal, fits, selection, flows, spectra, patterns, List.of());
  }

  /**
   * The fixed point of one training at one of its checkpoints (or at its end): {@code training} is the id of the
   * grid point whose training it is, {@code epochs} how far it had got; energies per spin, T by energy inversion,
   * {@code topEigenvalue} the largest eigenvalue of WWᵀ (NaN when the point failed), {@code variant} the training's
   * values of the listed parameters ("" when none).
   * Built by name: {@link #builder()}.
   */
  public static final class TrainingRow {
    private final String training;
    private final int dim;
    private final int l;
    private final int nV;
    private final int nH;
    private final int nTemp;
    private final long seed;
    private final int epochs;
    private final PointStatus status;
    private final double fpEnergy;
    private final double fpTemperature;
    private final double topEigenvalue;
    private final String variant;

    private TrainingRow(Builder b) {
      this.training = b.training;
      this.dim = b.dim;
      this.l = b.l;
      this.nV = b.nV;
      this.nH = b.nH;
      this.nTemp = b.nTemp;
      this.seed = b.seed;
      this.epochs = b.epochs;
      this.status = b.status;
      this.fpEnergy = b.fpEnergy;
      this.fpTemperature = b.fpTemperature;
      this.topEigenvalue = b.topEigenvalue;
      this.variant = b.variant;
    }

    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding every value of this row. */
    public Builder toBuilder() {
      Builder b = new Builder();
      b.training = training;
      b.dim = dim;
      b.l = l;
      b.nV = nV;
      b.nH = nH;
      b.nTemp = nTemp;
      b.seed = seed;
      b.epochs = epochs;
      b.status = status;
      b.fpEnergy = fpEnergy;
      b.fpTemperature = fpTemperature;
      b.topEigenvalue = topEigenvalue;
      b.variant = variant;
      return b;
    }

    public String training() {
      return training;
    }

    public int dim() {
      return dim;
    }

    public int l() {
      return l;
    }

    public int nV() {
      return nV;
    }

    public int nH() {
      return nH;
    }

    public int nTemp() {
      return nTemp;
    }

    public long seed() {
      return seed;
    }

    public int epochs() {
      return epochs;
    }

    public PointStatus status() {
      return status;
    }

    public double fpEnergy() {
      return fpEnergy;
    }

    public double fpTemperature() {
      return fpTemperature;
    }

    public double topEigenvalue() {
      return topEigenvalue;
    }

    public String variant() {
      return variant;
    }

    /** "N_h = 16, seed 1", preceded by the variant if any: the name of this training's line. */
    public String label() {
      return (variant.isEmpty() ? "" : variant + "; ") + "N_h = " + nH + ", seed " + seed;
    }

    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TrainingRow r && java.util.Arrays.deepEquals(values(), r.values());
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(values());
    }

    @Override
    public String toString() {
      return "TrainingRow" + java.util.Arrays.deepToString(values());
    }

    private Object[] values() {
      return new Object[] {training, dim, l, nV, nH, nTemp, seed, epochs, status, fpEnergy, fpTemperature, topEigenvalue, variant};
    }

    /** Sets the values of a {@link TrainingRow} by name; unset numbers are 0, unset references null. */
    public static final class Builder {
      private String training;
      private int dim;
      private int l;
      private int nV;
      private int nH;
      private int nTemp;
      private long seed;
      private int epochs;
      private PointStatus status;
      private double fpEnergy;
      private double fpTemperature;
      private double topEigenvalue;
      private String variant = "";

      private Builder() {}

      public Builder training(String v) {
        this.training = v;
        return this;
      }

      public Builder dim(int v) {
        this.dim = v;
        return this;
      }

      public Builder l(int v) {
        this.l = v;
        return this;
      }

      public Builder nV(int v) {
        this.nV = v;
        return this;
      }

      public Builder nH(int v) {
        this.nH = v;
        return this;
      }

      public Builder nTemp(int v) {
        this.nTemp = v;
        return this;
      }

      public Builder seed(long v) {
        this.seed = v;
        return this;
      }

      public Builder epochs(int v) {
        this.epochs = v;
        return this;
      }

      public Builder status(PointStatus v) {
        this.status = v;
        return this;
      }

      public Builder fpEnergy(double v) {
        this.fpEnergy = v;
        return this;
      }

      public Builder fpTemperature(double v) {
        this.fpTemperature = v;
        return this;
      }

      public Builder topEigenvalue(double v) {
        this.topEigenvalue = v;
        return this;
      }

      public Builder variant(String v) {
        this.variant = v;
        return this;
      }

      public TrainingRow build() {
        return new TrainingRow(this);
      }
    }
  }

  public ReportData {
    training = List.copyOf(training);
    means = List.copyOf(means);
    optimal = List.copyOf(optimal);
    fits = List.copyOf(fits);
    flows = List.copyOf(flows);
    spectra = List.copyOf(spectra);
    patterns = List.copyOf(patterns);
  }

  /** Number of grid points per status ({@code points.status}). */
  public record StatusCounts(long ok, long notConverged, long failed) {
    public long total() {
      return ok + notConverged + failed;
    }
  }

  /**
   * One grid point of the {@code points} table: its coordinates, status and how many of its eigenvector patterns
   * were tested and found non-random.
   * Built by name: {@link #builder()}.
   */
  public static final class PointRef {
    private final String pointId;
    private final int dim;
    private final int l;
    private final int nV;
    private final int nH;
    private final int nTemp;
    private final long seed;
    private final PointStatus status;
    private final int nNonrandomPatterns;
    private final int nPatternsTested;

    private PointRef(Builder b) {
      this.pointId = b.pointId;
      this.dim = b.dim;
      this.l = b.l;
      this.nV = b.nV;
      this.nH = b.nH;
      this.nTemp = b.nTemp;
      this.seed = b.seed;
      this.status = b.status;
      this.nNonrandomPatterns = b.nNonrandomPatterns;
      this.nPatternsTested = b.nPatternsTested;
    }

    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding every value of this row. */
    public Builder toBuilder() {
      Builder b = new Builder();
      b.pointId = pointId;
      b.dim = dim;
      b.l = l;
      b.nV = nV;
      b.nH = nH;
      b.nTemp = nTemp;
      b.seed = seed;
      b.status = status;
      b.nNonrandomPatterns = nNonrandomPatterns;
      b.nPatternsTested = nPatternsTested;
      return b;
    }

    public String pointId() {
      return pointId;
    }

    public int dim() {
      return dim;
    }

    public int l() {
      return l;
    }

    public int nV() {
      return nV;
    }

    public int nH() {
      return nH;
    }

    public int nTemp() {
      return nTemp;
    }

    public long seed() {
      return seed;
    }

    public PointStatus status() {
      return status;
    }

    public int nNonrandomPatterns() {
      return nNonrandomPatterns;
    }

    public int nPatternsTested() {
      return nPatternsTested;
    }

    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV);
    }

    /** "N_h = 4, N_temp = 6, seed 1". */
    public String label() {
      return "N_h = " + nH + ", N_temp = " + nTemp + ", seed " + seed;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PointRef r && java.util.Arrays.deepEquals(values(), r.values());
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(values());
    }

    @Override
    public String toString() {
      return "PointRef" + java.util.Arrays.deepToString(values());
    }

    private Object[] values() {
      return new Object[] {pointId, dim, l, nV, nH, nTemp, seed, status, nNonrandomPatterns, nPatternsTested};
    }

    /** Sets the values of a {@link PointRef} by name; unset numbers are 0, unset references null. */
    public static final class Builder {
      private String pointId;
      private int dim;
      private int l;
      private int nV;
      private int nH;
      private int nTemp;
      private long seed;
      private PointStatus status;
      private int nNonrandomPatterns;
      private int nPatternsTested;

      private Builder() {}

      public Builder pointId(String v) {
        this.pointId = v;
        return this;
      }

      public Builder dim(int v) {
        this.dim = v;
        return this;
      }

      public Builder l(int v) {
        this.l = v;
        return this;
      }

      public Builder nV(int v) {
        this.nV = v;
        return this;
      }

      public Builder nH(int v) {
        this.nH = v;
        return this;
      }

      public Builder nTemp(int v) {
        this.nTemp = v;
        return this;
      }

      public Builder seed(long v) {
        this.seed = v;
        return this;
      }

      public Builder status(PointStatus v) {
        this.status = v;
        return this;
      }

      public Builder nNonrandomPatterns(int v) {
        this.nNonrandomPatterns = v;
        return this;
      }

      public Builder nPatternsTested(int v) {
        this.nPatternsTested = v;
        return this;
      }

      public PointRef build() {
        return new PointRef(this);
      }
    }
  }

  /** A step of one start's flow: ensemble energy per spin and the two thermometers' temperatures (NaN if none). */
  public record FlowRow(String pointId, String start, int step, double energy, double temperature,
      double temperatureClassifier) {}

  /** All eigenvalues of WWᵀ of one point, descending. */
  public record SpectrumRow(String pointId, double[] eigenvalues) {}

  /**
   * An eigenvector of WWᵀ as a lattice pattern: {@code pattern[j]} is site j = x + l·y (row-major), length n_v;
   * {@code rank} 0 is the largest eigenvalue; {@code nonrandom}: the eigenvalue is above {@code nullEdge}, the edge of
   * the permutation null of the weights (NaN in tables written before it; their decision was Moran's p &lt; α).
   */
  public record PatternRow(String pointId, int rank, double eigenvalue, double moranI, double pValue, boolean nonrandom,
      float[] pattern, double nullEdge) {}
}
