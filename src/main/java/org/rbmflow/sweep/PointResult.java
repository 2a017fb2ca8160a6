package org.rbmflow.sweep;

import org.rbmflow.common.PointStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one grid point produces: the rows of the {@code points}, {@code flows}, {@code spectra} and
 * {@code patterns} tables (their columns: {@code org.rbmflow.table.Tables}) and the per-start fixed points.
 */
public record PointResult(PointRow point, List<FixedPointRow> fixedPoints, List<FlowRow> flows, SpectrumRow spectrum,
    List<PatternRow> patterns) {

  /** The {@code points} columns of a grid point's parameters (column → value, schema order). */
  public static Map<String, Object> settingsOf(GridPoint p) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SpecParams.Param q : SpecParams.ALL) {
      if (q.column() != null) {
        out.put(q.column(), q.of(p));
      }
    }
    return out;
  }

  /**
   * This result marked as a checkpoint of the training of the point {@code finalId}: the same rows, with
   * {@code checkpoint_of} set in the points row.
   */
  public PointResult asCheckpointOf(String finalId) {
    Map<String, Object> s = new LinkedHashMap<>(point.settings());
    s.computeIfPresent("epochs", (k, v) -> point.epochs());
    PointRow marked = point.toBuilder().checkpointOf(finalId).settings(s).build();
    return new PointResult(marked, fixedPoints, flows, spectrum, patterns);
  }

  /**
   * The {@code points} row (columns in {@code org.rbmflow.table.Tables#POINTS}). Energies per spin; temperatures in
   * units of J; seconds are wall time. {@code fpFieldClassifier} is the supervised thermometer's field Ĥ at the fixed
   * point (NaN without a classifier). {@code fpBracketGap} = end energy of the highest-T start minus that of the
   * lowest-T start (NaN when the flows do not bracket). {@code checkpointOf} is the id of the point whose training
   * this row is a checkpoint of (null for an ordinary point): the row equals that of a point trained to
   * {@code epochs} on its own. {@code settings} holds the point's value of every other grid parameter with a
   * {@code points} column ({@link SpecParams}), keyed by column, in schema order (empty for a row made by hand: those
   * columns are then null). Built by name: {@link #builder()}, {@link #toBuilder()}.
   */
  public static final class PointRow {
    private final String pointId;
    private final String sweep;
    private final int dim;
    private final int l;
    private final int nV;
    private final int nH;
    private final int nTemp;
    private final double tStep;
    private final double[] hValues;
    private final int configsPerTemp;
    private final long seed;
    private final int epochs;
    private final double learningRate;
    private final int cdK;
    private final int batchSize;
    private final PointStatus status;
    private final String error;
    private final double fpEnergy;
    private final double fpEnergyErr;
    private final double fpTemperature;
    private final double fpTemperatureClassifier;
    private final double fpFieldClassifier;
    private final double fpMagnetization;
    private final int convergedAtStep;
    private final double fpBracketGap;
    private final double randomFraction;
    private final int nNonrandomPatterns;
    private final int nPatternsTested;
    private final double reconError;
    private final double pseudoLogLikelihood;
    private final double mcSeconds;
    private final double trainSeconds;
    private final double flowSeconds;
    private final String backend;
    private final String codeVersion;
    private final long finishedAt;
    private final String checkpointOf;
    private final Double estimatedSeconds;
    private final Map<String, Object> settings;

    private PointRow(Builder b) {
      this.pointId = b.pointId;
      this.sweep = b.sweep;
      this.dim = b.dim;
      this.l = b.l;
      this.nV = b.nV;
      this.nH = b.nH;
      this.nTemp = b.nTemp;
      this.tStep = b.tStep;
      this.hValues = b.hValues;
      this.configsPerTemp = b.configsPerTemp;
      this.seed = b.seed;
      this.epochs = b.epochs;
      this.learningRate = b.learningRate;
      this.cdK = b.cdK;
      this.batchSize = b.batchSize;
      this.status = b.status;
      this.error = b.error;
      this.fpEnergy = b.fpEnergy;
      this.fpEnergyErr = b.fpEnergyErr;
      this.fpTemperature = b.fpTemperature;
      this.fpTemperatureClassifier = b.fpTemperatureClassifier;
      this.fpFieldClassifier = b.fpFieldClassifier;
      this.fpMagnetization = b.fpMagnetization;
      this.convergedAtStep = b.convergedAtStep;
      this.fpBracketGap = b.fpBracketGap;
      this.randomFraction = b.randomFraction;
      this.nNonrandomPatterns = b.nNonrandomPatterns;
      this.nPatternsTested = b.nPatternsTested;
      this.reconError = b.reconError;
      this.pseudoLogLikelihood = b.pseudoLogLikelihood;
      this.mcSeconds = b.mcSeconds;
      this.trainSeconds = b.trainSeconds;
      this.flowSeconds = b.flowSeconds;
      this.backend = b.backend;
      this.codeVersion = b.codeVersion;
      this.finishedAt = b.finishedAt;
      this.checkpointOf = b.checkpointOf;
      this.estimatedSeconds = b.estimatedSeconds;
      this.settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    }

    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding every value of this row. */
    public Builder toBuilder() {
      Builder b = new Builder();
      b.pointId = pointId;
      b.sweep = sweep;
      b.dim = dim;
      b.l = l;
      b.nV = nV;
      b.nH = nH;
      b.nTemp = nTemp;
      b.tStep = tStep;
      b.hValues = hValues;
      b.configsPerTemp = configsPerTemp;
      b.seed = seed;
      b.epochs = epochs;
      b.learningRate = learningRate;
      b.cdK = cdK;
      b.batchSize = batchSize;
      b.status = status;
      b.error = error;
      b.fpEnergy = fpEnergy;
      b.fpEnergyErr = fpEnergyErr;
      b.fpTemperature = fpTemperature;
      b.fpTemperatureClassifier = fpTemperatureClassifier;
      b.fpFieldClassifier = fpFieldClassifier;
      b.fpMagnetization = fpMagnetization;
      b.convergedAtStep = convergedAtStep;
      b.fpBracketGap = fpBracketGap;
      b.randomFraction = randomFraction;
      b.nNonrandomPatterns = nNonrandomPatterns;
      b.nPatternsTested = nPatternsTested;
      b.reconError = reconError;
      b.pseudoLogLikelihood = pseudoLogLikelihood;
      b.mcSeconds = mcSeconds;
      b.trainSeconds = trainSeconds;
      b.flowSeconds = flowSeconds;
      b.backend = backend;
      b.codeVersion = codeVersion;
      b.finishedAt = finishedAt;
      b.checkpointOf = checkpointOf;
      b.estimatedSeconds = estimatedSeconds;
      b.settings = settings;
      return b;
    }

    public String pointId() {
      return pointId;
    }

    public String sweep() {
      return sweep;
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

    public double tStep() {
      return tStep;
    }

    public double[] hValues() {
      return hValues;
    }

    public int configsPerTemp() {
      return configsPerTemp;
    }

    public long seed() {
      return seed;
    }

    public int epochs() {
      return epochs;
    }

    public double learningRate() {
      return learningRate;
    }

    public int cdK() {
      return cdK;
    }

    public int batchSize() {
      return batchSize;
    }

    public PointStatus status() {
      return status;
    }

    public String error() {
      return error;
    }

    public double fpEnergy() {
      return fpEnergy;
    }

    public double fpEnergyErr() {
      return fpEnergyErr;
    }

    public double fpTemperature() {
      return fpTemperature;
    }

    public double fpTemperatureClassifier() {
      return fpTemperatureClassifier;
    }

    public double fpFieldClassifier() {
      return fpFieldClassifier;
    }

    public double fpMagnetization() {
      return fpMagnetization;
    }

    public int convergedAtStep() {
      return convergedAtStep;
    }

    public double fpBracketGap() {
      return fpBracketGap;
    }

    public double randomFraction() {
      return randomFraction;
    }

    public int nNonrandomPatterns() {
      return nNonrandomPatterns;
    }

    public int nPatternsTested() {
      return nPatternsTested;
    }

    public double reconError() {
      return reconError;
    }

    public double pseudoLogLikelihood() {
      return pseudoLogLikelihood;
    }

    public double mcSeconds() {
      return mcSeconds;
    }

    public double trainSeconds() {
      return trainSeconds;
    }

    public double flowSeconds() {
      return flowSeconds;
    }

    public String backend() {
      return backend;
    }

    public String codeVersion() {
      return codeVersion;
    }

    public long finishedAt() {
      return finishedAt;
    }

    public String checkpointOf() {
      return checkpointOf;
    }

    /** The cost model's estimate of this row's seconds (mc + train + flow), null when none was made. */
    public Double estimatedSeconds() {
      return estimatedSeconds;
    }

    public Map<String, Object> settings() {
      return settings;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PointRow r && java.util.Arrays.deepEquals(values(), r.values());
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(values());
    }

    @Override
    public String toString() {
      return "PointRow" + java.util.Arrays.deepToString(values());
    }

    private Object[] values() {
      return new Object[] {pointId, sweep, dim, l, nV, nH, nTemp, tStep, hValues, configsPerTemp, seed, epochs, learningRate, cdK, batchSize, status, error, fpEnergy, fpEnergyErr, fpTemperature, fpTemperatureClassifier, fpFieldClassifier, fpMagnetization, convergedAtStep, fpBracketGap, randomFraction, nNonrandomPatterns, nPatternsTested, reconError, pseudoLogLikelihood, mcSeconds, trainSeconds, flowSeconds, backend, codeVersion, finishedAt, checkpointOf, estimatedSeconds, settings};
    }

    /** Sets the values of a {@link PointRow} by name; unset numbers are 0, unset strings null. */
    public static final class Builder {
      private String pointId;
      private String sweep;
      private int dim;
      private int l;
      private int nV;
      private int nH;
      private int nTemp;
      private double tStep;
      private double[] hValues;
      private int configsPerTemp;
      private long seed;
      private int epochs;
      private double learningRate;
      private int cdK;
      private int batchSize;
      private PointStatus status;
      private String error;
      private double fpEnergy;
      private double fpEnergyErr;
      private double fpTemperature;
      private double fpTemperatureClassifier;
      private double fpFieldClassifier;
      private double fpMagnetization;
      private int convergedAtStep;
      private double fpBracketGap;
      private double randomFraction;
      private int nNonrandomPatterns;
      private int nPatternsTested;
      private double reconError;
      private double pseudoLogLikelihood;
      private double mcSeconds;
      private double trainSeconds;
      private double flowSeconds;
      private String backend;
      private String codeVersion;
      private long finishedAt;
      private String checkpointOf;
      private Double estimatedSeconds;
      private Map<String, Object> settings = Map.of();

      private Builder() {}

      public Builder pointId(String v) {
        this.pointId = v;
        return this;
      }

      public Builder sweep(String v) {
        this.sweep = v;
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

      public Builder tStep(double v) {
        this.tStep = v;
        return this;
      }

      public Builder hValues(double[] v) {
        this.hValues = v;
        return this;
      }

      public Builder configsPerTemp(int v) {
        this.configsPerTemp = v;
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

      public Builder learningRate(double v) {
        this.learningRate = v;
        return this;
      }

      public Builder cdK(int v) {
        this.cdK = v;
        return this;
      }

      public Builder batchSize(int v) {
        this.batchSize = v;
        return this;
      }

      public Builder status(PointStatus v) {
        this.status = v;
        return this;
      }

      public Builder error(String v) {
        this.error = v;
        return this;
      }

      public Builder fpEnergy(double v) {
        this.fpEnergy = v;
        return this;
      }

      public Builder fpEnergyErr(double v) {
        this.fpEnergyErr = v;
        return this;
      }

      public Builder fpTemperature(double v) {
        this.fpTemperature = v;
        return this;
      }

      public Builder fpTemperatureClassifier(double v) {
        this.fpTemperatureClassifier = v;
        return this;
      }

      public Builder fpFieldClassifier(double v) {
        this.fpFieldClassifier = v;
        return this;
      }

      public Builder fpMagnetization(double v) {
        this.fpMagnetization = v;
        return this;
      }

      public Builder convergedAtStep(int v) {
        this.convergedAtStep = v;
        return this;
      }

      public Builder fpBracketGap(double v) {
        this.fpBracketGap = v;
        return this;
      }

      public Builder randomFraction(double v) {
        this.randomFraction = v;
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

      public Builder reconError(double v) {
        this.reconError = v;
        return this;
      }

      public Builder pseudoLogLikelihood(double v) {
        this.pseudoLogLikelihood = v;
        return this;
      }

      public Builder mcSeconds(double v) {
        this.mcSeconds = v;
        return this;
      }

      public Builder trainSeconds(double v) {
        this.trainSeconds = v;
        return this;
      }

      public Builder flowSeconds(double v) {
        this.flowSeconds = v;
        return this;
      }

      public Builder backend(String v) {
        this.backend = v;
        return this;
      }

      public Builder codeVersion(String v) {
        this.codeVersion = v;
        return this;
      }

      public Builder finishedAt(long v) {
        this.finishedAt = v;
        return this;
      }

      /** Seconds; null or NaN: no estimate (stored as null). */
      public Builder estimatedSeconds(Double v) {
        this.estimatedSeconds = v == null || v.isNaN() ? null : v;
        return this;
      }

      public Builder checkpointOf(String v) {
        this.checkpointOf = v;
        return this;
      }

      public Builder settings(Map<String, Object> v) {
        this.settings = v;
        return this;
      }

      public PointRow build() {
        return new PointRow(this);
      }
    }
  }

  /** The fixed point of one start (the {@code point} command's CSV). */
  public record FixedPointRow(String start, double energy, double energyErr, double temperature,
      double temperatureClassifier, double fieldClassifier, double magnetization, int convergedAtStep, PointStatus status) {}

  /** One {@code flows} row: a step of one start's flow. */
  public record FlowRow(String pointId, String start, int step, double energy, double energyErr, double magnetization,
      double temperature, double temperatureClassifier, double field) {}

  /** The {@code spectra} row: all eigenvalues of WWᵀ, descending. */
  public record SpectrumRow(String pointId, int nV, int nH, int nTemp, long seed, double[] eigenvalues) {}

  /**
   * One {@code patterns} row: an eigenvector of WWᵀ as a lattice pattern. {@code nonrandom}: its eigenvalue stands
   * above the permutation null of the weights ({@code eigenvalue > nullEdge}, and so do the larger ones; DESIGN §2);
   * {@code noiseVariance} the entry variance of W left without the larger eigenvalues' directions, {@code nullEdge}
   * the threshold it gives (eigenvalue units; both NaN in rows written before they existed, whose {@code nonrandom}
   * was Moran's p &lt; α). Moran's I and its permutation p-value describe the pattern's spatial order.
   */
  public record PatternRow(String pointId, int rank, double eigenvalue, double moranI, double pValue, boolean nonrandom,
      float[] pattern, double noiseVariance, double nullEdge) {}
}
