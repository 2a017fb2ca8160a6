package org.rbmflow.analysis;

import java.util.List;
import java.util.Map;

/**
 * The aggregation of a sweep's {@code points} rows: the rows of {@code aggregate/means}, {@code aggregate/optimal}
 * and {@code aggregate/fits} (column meanings in {@code org.rbmflow.spark.AggregateTables}), and how many rows were
 * left out because their status was not OK.
 *
 * @param excluded status → number of rows left out (NOT_CONVERGED, FAILED); OK rows are all used
 */
public record AggregateResult(List<Mean> means, List<Optimal> optimal, List<Fit> fits, int used,
    Map<String, Integer> excluded) {

  /**
   * Seed means over the OK points of one (variant, dim, n_v, n_h, n_temp); {@code *Err} are standard errors. The
   * {@code variant} of every record is that of its points ({@link PointSummary#variant()}).
   */
  public record Mean(int dim, int l, int nV, int nH, int nTemp, int nSeeds, int nExcluded,
      double energy, double energyErr, double temperature, double temperatureErr,
      double temperatureClassifier, double temperatureClassifierErr, double magnetization, double magnetizationErr,
      double randomFraction, double randomFractionErr, double nNonrandomPatterns, double nNonrandomPatternsErr,
      int nPatternsTested, double fpBracketGap, double reconError, String variant) {

    public double nHOverNV() {
      return (double) nH / nV;
    }
  }

  /** The N_h of minimal mean fixed-point energy among the candidates, for one (dim, n_v, n_temp). */
  public record Optimal(int dim, int l, int nV, int nTemp, int bestNH, double energy, double energyErr,
      double temperature, double temperatureErr, int nSeeds, int nCandidates, String candidates, String variant) {

    public double nHOverNV() {
      return (double) bestNH / nV;
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
