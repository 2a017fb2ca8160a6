package org.rbmflow.aggregate;

import org.rbmflow.common.PointStatus;

/**
 * The columns of one {@code points} row that the aggregation needs (DESIGN §4). Energies are per spin (J = 1),
 * temperatures in units of J/k_B; NaN where the point has no value (FAILED rows, a thermometer out of range).
 * {@code status} is OK, NOT_CONVERGED or FAILED (only OK rows enter means, optima and fits); {@code zeroField}: every training field H of the point is 0 (the power-law fit assumes
 * H = 0); {@code variant}: the point's values of the parameters its sweep lists beyond the classic axes
 * ({@code training.batch_size=full, training.learning_rate=0.1}; "" when none) — means, optima and fits are computed
 * per variant. Built by name: {@link #builder()}.
 */
public final class PointSummary {
  private final int dim;
  private final int l;
  private final int nV;
  private final int nH;
  private final int nTemp;
  private final long seed;
  private final PointStatus status;
  private final boolean zeroField;
  private final double fpEnergy;
  private final double fpEnergyErr;
  private final double fpTemperature;
  private final double fpTemperatureClassifier;
  private final double fpMagnetization;
  private final double randomFraction;
  private final int nNonrandomPatterns;
  private final int nPatternsTested;
  private final double fpBracketGap;
  private final double reconError;
  private final String variant;

  private PointSummary(Builder b) {
    this.dim = b.dim;
    this.l = b.l;
    this.nV = b.nV;
    this.nH = b.nH;
    this.nTemp = b.nTemp;
    this.seed = b.seed;
    this.status = b.status;
    this.zeroField = b.zeroField;
    this.fpEnergy = b.fpEnergy;
    this.fpEnergyErr = b.fpEnergyErr;
    this.fpTemperature = b.fpTemperature;
    this.fpTemperatureClassifier = b.fpTemperatureClassifier;
    this.fpMagnetization = b.fpMagnetization;
    this.randomFraction = b.randomFraction;
    this.nNonrandomPatterns = b.nNonrandomPatterns;
    this.nPatternsTested = b.nPatternsTested;
    this.fpBracketGap = b.fpBracketGap;
    this.reconError = b.reconError;
    this.variant = b.variant;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every value of this row. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dim = dim;
    b.l = l;
    b.nV = nV;
    b.nH = nH;
    b.nTemp = nTemp;
    b.seed = seed;
    b.status = status;
    b.zeroField = zeroField;
    b.fpEnergy = fpEnergy;
    b.fpEnergyErr = fpEnergyErr;
    b.fpTemperature = fpTemperature;
    b.fpTemperatureClassifier = fpTemperatureClassifier;
    b.fpMagnetization = fpMagnetization;
    b.randomFraction = randomFraction;
    b.nNonrandomPatterns = nNonrandomPatterns;
    b.nPatternsTested = nPatternsTested;
    b.fpBracketGap = fpBracketGap;
    b.reconError = reconError;
    b.variant = variant;
    return b;
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

  public boolean zeroField() {
    return zeroField;
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

  public double fpMagnetization() {
    return fpMagnetization;
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

  public double fpBracketGap() {
    return fpBracketGap;
  }

  public double reconError() {
    return reconError;
  }

  public String variant() {
    return variant;
  }

  public boolean ok() {
    return status == PointStatus.OK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointSummary r && java.util.Arrays.deepEquals(values(), r.values());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(values());
  }

  @Override
  public String toString() {
    return "PointSummary" + java.util.Arrays.deepToString(values());
  }

  private Object[] values() {
    return new Object[] {dim, l, nV, nH, nTemp, seed, status, zeroField, fpEnergy, fpEnergyErr, fpTemperature, fpTemperatureClassifier, fpMagnetization, randomFraction, nNonrandomPatterns, nPatternsTested, fpBracketGap, reconError, variant};
  }

  /** Sets the values of a {@link PointSummary} by name; unset numbers are 0, unset references null. */
  public static final class Builder {
    private int dim;
    private int l;
    private int nV;
    private int nH;
    private int nTemp;
    private long seed;
    private PointStatus status;
    private boolean zeroField;
    private double fpEnergy;
    private double fpEnergyErr;
    private double fpTemperature;
    private double fpTemperatureClassifier;
    private double fpMagnetization;
    private double randomFraction;
    private int nNonrandomPatterns;
    private int nPatternsTested;
    private double fpBracketGap;
    private double reconError;
    private String variant = "";

    private Builder() {}

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

    public Builder zeroField(boolean v) {
      this.zeroField = v;
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

    public Builder fpMagnetization(double v) {
      this.fpMagnetization = v;
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

    public Builder fpBracketGap(double v) {
      this.fpBracketGap = v;
      return this;
    }

    public Builder reconError(double v) {
      this.reconError = v;
      return this;
    }

    public Builder variant(String v) {
      this.variant = v;
      return this;
    }

    public PointSummary build() {
      return new PointSummary(this);
    }
  }
}
