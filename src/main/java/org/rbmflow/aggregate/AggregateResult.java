package org.rbmflow.aggregate;

import java.util.List;
import java.util.Map;

/**
 * The aggregation of a sweep's {@code points} rows: the rows of {@code aggregate/means}, {@code aggregate/optimal}
 * and {@code aggregate/fits} (column meanings in {@code org.rbmflow.table.Tables}), and how many rows were
 * left out because their status was not OK.
 *
 * @param excluded status → number of rows left out (NOT_CONVERGED, FAILED); OK rows are all used
 */
public record AggregateResult(List<Mean> means, List<Optimal> optimal, List<Fit> fits, int used,
    Map<String, Integer> excluded) {

  /**
   * Seed means over the OK points of one (variant, dim, n_v, n_h, n_temp); {@code *Err} are standard errors. The
   * {@code variant} of every record is that of its points ({@link PointSummary#variant()}). Built by name:
   * {@link #builder()}.
   */
  public static final class Mean {
    private final int dim;
    private final int l;
    private final int nV;
    private final int nH;
    private final int nTemp;
    private final int nSeeds;
    private final int nExcluded;
    private final double energy;
    private final double energyErr;
    private final double temperature;
    private final double temperatureErr;
    private final double temperatureClassifier;
    private final double temperatureClassifierErr;
    private final double magnetization;
    private final double magnetizationErr;
    private final double randomFraction;
    private final double randomFractionErr;
    private final double nNonrandomPatterns;
    private final double nNonrandomPatternsErr;
    private final int nPatternsTested;
    private final double fpBracketGap;
    private final double reconError;
    private final String variant;

    private Mean(Builder b) {
      this.dim = b.dim;
      this.l = b.l;
      this.nV = b.nV;
      this.nH = b.nH;
      this.nTemp = b.nTemp;
      this.nSeeds = b.nSeeds;
      this.nExcluded = b.nExcluded;
      this.energy = b.energy;
      this.energyErr = b.energyErr;
      this.temperature = b.temperature;
      this.temperatureErr = b.temperatureErr;
      this.temperatureClassifier = b.temperatureClassifier;
      this.temperatureClassifierErr = b.temperatureClassifierErr;
      this.magnetization = b.magnetization;
      this.magnetizationErr = b.magnetizationErr;
      this.randomFraction = b.randomFraction;
      this.randomFractionErr = b.randomFractionErr;
      this.nNonrandomPatterns = b.nNonrandomPatterns;
      this.nNonrandomPatternsErr = b.nNonrandomPatternsErr;
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
      b.nSeeds = nSeeds;
      b.nExcluded = nExcluded;
      b.energy = energy;
      b.energyErr = energyErr;
      b.temperature = temperature;
      b.temperatureErr = temperatureErr;
      b.temperatureClassifier = temperatureClassifier;
      b.temperatureClassifierErr = temperatureClassifierErr;
      b.magnetization = magnetization;
      b.magnetizationErr = magnetizationErr;
      b.randomFraction = randomFraction;
      b.randomFractionErr = randomFractionErr;
      b.nNonrandomPatterns = nNonrandomPatterns;
      b.nNonrandomPatternsErr = nNonrandomPatternsErr;
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

    public int nSeeds() {
      return nSeeds;
    }

    public int nExcluded() {
      return nExcluded;
    }

    public double energy() {
      return energy;
    }

    public double energyErr() {
      return energyErr;
    }

    public double temperature() {
      return temperature;
    }

    public double temperatureErr() {
      return temperatureErr;
    }

    public double temperatureClassifier() {
      return temperatureClassifier;
    }

    public double temperatureClassifierErr() {
      return temperatureClassifierErr;
    }

    public double magnetization() {
      return magnetization;
    }

    public double magnetizationErr() {
      return magnetizationErr;
    }

    public double randomFraction() {
      return randomFraction;
    }

    public double randomFractionErr() {
      return randomFractionErr;
    }

    public double nNonrandomPatterns() {
      return nNonrandomPatterns;
    }

    public double nNonrandomPatternsErr() {
      return nNonrandomPatternsErr;
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

    public double nHOverNV() {
      return (double) nH / nV;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Mean r && java.util.Arrays.deepEquals(values(), r.values());
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(values());
    }

    @Override
    public String toString() {
      return "Mean" + java.util.Arrays.deepToString(values());
    }

    private Object[] values() {
      return new Object[] {dim, l, nV, nH, nTemp, nSeeds, nExcluded, energy, energyErr, temperature, temperatureErr, temperatureClassifier, temperatureClassifierErr, magnetization, magnetizationErr, randomFraction, randomFractionErr, nNonrandomPatterns, nNonrandomPatternsErr, nPatternsTested, fpBracketGap, reconError, variant};
    }

    /** Sets the values of a {@link Mean} by name; unset numbers are 0, unset references null. */
    public static final class Builder {
      private int dim;
      private int l;
      private int nV;
      private int nH;
      private int nTemp;
      private int nSeeds;
      private int nExcluded;
      private double energy;
      private double energyErr;
      private double temperature;
      private double temperatureErr;
      private double temperatureClassifier;
      private double temperatureClassifierErr;
      private double magnetization;
      private double magnetizationErr;
      private double randomFraction;
      private double randomFractionErr;
      private double nNonrandomPatterns;
      private double nNonrandomPatternsErr;
      private int nPatternsTested;
      private double fpBracketGap;
      private double reconError;
      private String variant;

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

      public Builder nSeeds(int v) {
        this.nSeeds = v;
        return this;
      }

      public Builder nExcluded(int v) {
        this.nExcluded = v;
        return this;
      }

      public Builder energy(double v) {
        this.energy = v;
        return this;
      }

      public Builder energyErr(double v) {
        this.energyErr = v;
        return this;
      }

      public Builder temperature(double v) {
        this.temperature = v;
        return this;
      }

      public Builder temperatureErr(double v) {
        this.temperatureErr = v;
        return this;
      }

      public Builder temperatureClassifier(double v) {
        this.temperatureClassifier = v;
        return this;
      }

      public Builder temperatureClassifierErr(double v) {
        this.temperatureClassifierErr = v;
        return this;
      }

      public Builder magnetization(double v) {
        this.magnetization = v;
        return this;
      }

      public Builder magnetizationErr(double v) {
        this.magnetizationErr = v;
        return this;
      }

      public Builder randomFraction(double v) {
        this.randomFraction = v;
        return this;
      }

      public Builder randomFractionErr(double v) {
        this.randomFractionErr = v;
        return this;
      }

      public Builder nNonrandomPatterns(double v) {
        this.nNonrandomPatterns = v;
        return this;
      }

      public Builder nNonrandomPatternsErr(double v) {
        this.nNonrandomPatternsErr = v;
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

      public Mean build() {
        return new Mean(this);
      }
    }
  }

  /**
   * The N_h of minimal mean fixed-point energy among the candidates, for one (variant, dim, n_v, n_temp). Built by
   * name: {@link #builder()}.
   */
  public static final class Optimal {
    private final int dim;
    private final int l;
    private final int nV;
    private final int nTemp;
    private final int bestNH;
    private final double energy;
    private final double energyErr;
    private final double temperature;
    private final double temperatureErr;
    private final int nSeeds;
    private final int nCandidates;
    private final String candidates;
    private final String variant;

    private Optimal(Builder b) {
      this.dim = b.dim;
      this.l = b.l;
      this.nV = b.nV;
      this.nTemp = b.nTemp;
      this.bestNH = b.bestNH;
      this.energy = b.energy;
      this.energyErr = b.energyErr;
      this.temperature = b.temperature;
      this.temperatureErr = b.temperatureErr;
      this.nSeeds = b.nSeeds;
      this.nCandidates = b.nCandidates;
      this.candidates = b.candidates;
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
      b.nTemp = nTemp;
      b.bestNH = bestNH;
      b.energy = energy;
      b.energyErr = energyErr;
      b.temperature = temperature;
      b.temperatureErr = temperatureErr;
      b.nSeeds = nSeeds;
      b.nCandidates = nCandidates;
      b.candidates = candidates;
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

    public int nTemp() {
      return nTemp;
    }

    public int bestNH() {
      return bestNH;
    }

    public double energy() {
      return energy;
    }

    public double energyErr() {
      return energyErr;
    }

    public double temperature() {
      return temperature;
    }

    public double temperatureErr() {
      return temperatureErr;
    }

    public int nSeeds() {
      return nSeeds;
    }

    public int nCandidates() {
      return nCandidates;
    }

    public String candidates() {
      return candidates;
    }

    public String variant() {
      return variant;
    }

    public double nHOverNV() {
      return (double) bestNH / nV;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Optimal r && java.util.Arrays.deepEquals(values(), r.values());
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(values());
    }

    @Override
    public String toString() {
      return "Optimal" + java.util.Arrays.deepToString(values());
    }

    private Object[] values() {
      return new Object[] {dim, l, nV, nTemp, bestNH, energy, energyErr, temperature, temperatureErr, nSeeds, nCandidates, candidates, variant};
    }

    /** Sets the values of a {@link Optimal} by name; unset numbers are 0, unset references null. */
    public static final class Builder {
      private int dim;
      private int l;
      private int nV;
      private int nTemp;
      private int bestNH;
      private double energy;
      private double energyErr;
      private double temperature;
      private double temperatureErr;
      private int nSeeds;
      private int nCandidates;
      private String candidates;
      private String variant;

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

      public Builder nTemp(int v) {
        this.nTemp = v;
        return this;
      }

      public Builder bestNH(int v) {
        this.bestNH = v;
        return this;
      }

      public Builder energy(double v) {
        this.energy = v;
        return this;
      }

      public Builder energyErr(double v) {
        this.energyErr = v;
        return this;
      }

      public Builder temperature(double v) {
        this.temperature = v;
        return this;
      }

      public Builder temperatureErr(double v) {
        this.temperatureErr = v;
        return this;
      }

      public Builder nSeeds(int v) {
        this.nSeeds = v;
        return this;
      }

      public Builder nCandidates(int v) {
        this.nCandidates = v;
        return this;
      }

      public Builder candidates(String v) {
        this.candidates = v;
        return this;
      }

      public Builder variant(String v) {
        this.variant = v;
        return this;
      }

      public Optimal build() {
        return new Optimal(this);
      }
    }
  }

  /**
   * The power-law fit of one (dim, n_v): {@code fit} is null and {@code reason} says why when no fit was possible.
   */
  public record Fit(int dim, int l, int nV, double e0, int nTempMin, int nPoints, PowerLawFit fit, String reason,
      String variant) {
    public boolean ok() {
      return fit != null;
    }
  }

  public int excludedTotal() {
    return excluded.values().stream().mapToInt(Integer::intValue).sum();
  }
}
