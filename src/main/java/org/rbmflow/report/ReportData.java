package org.rbmflow.report;

import java.util.List;

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
public record ReportData(String sweep, StatusCounts counts, List<MeanRow> means, List<OptimalRow> optimal,
    List<FitRow> fits, Selection selection, List<FlowRow> flows, List<SpectrumRow> spectra, List<PatternRow> patterns,
    List<TrainingRow> training) {

  /** Report data of a sweep without checkpoints. */
  public ReportData(String sweep, StatusCounts counts, List<MeanRow> means, List<OptimalRow> optimal,
      List<FitRow> fits, Selection selection, List<FlowRow> flows, List<SpectrumRow> spectra,
      List<PatternRow> patterns) {
    this(sweep, counts, means, optimal, fits, selection, flows, spectra, patterns, List.of());
  }

  /**
   * The fixed point of one training at one of its checkpoints (or at its end): {@code training} is the id of the
   * grid point whose training it is, {@code epochs} how far it had got; energies per spin, T by energy inversion,
   * {@code topEigenvalue} the largest eigenvalue of WWᵀ (NaN when the point failed), {@code variant} the training's
   * values of the listed parameters ("" when none).
   */
  public record TrainingRow(String training, int dim, int l, int nV, int nH, int nTemp, long seed, int epochs,
      String status, double fpEnergy, double fpTemperature, double topEigenvalue, String variant) {
    public TrainingRow(String training, int dim, int l, int nV, int nH, int nTemp, long seed, int epochs,
        String status, double fpEnergy, double fpTemperature, double topEigenvalue) {
      this(training, dim, l, nV, nH, nTemp, seed, epochs, status, fpEnergy, fpTemperature, topEigenvalue, "");
    }

    /** "N_h = 16, seed 1", preceded by the variant if any: the name of this training's line. */
    public String label() {
      return (variant.isEmpty() ? "" : variant + "; ") + "N_h = " + nH + ", seed " + seed;
    }

    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV);
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
   * A row of {@code aggregate/means}: seed means over OK points of one (dim, n_v, n_h, n_temp), each with its
   * standard error (NaN where none exists).
   */
  public record MeanRow(int dim, int l, int nV, int nH, int nTemp, double nHOverNV, int nSeeds, double energy,
      double energyErr, double temperature, double temperatureErr, double randomFraction, double randomFractionErr,
      String variant) {
    public MeanRow(int dim, int l, int nV, int nH, int nTemp, double nHOverNV, int nSeeds, double energy,
        double energyErr, double temperature, double temperatureErr, double randomFraction, double randomFractionErr) {
      this(dim, l, nV, nH, nTemp, nHOverNV, nSeeds, energy, energyErr, temperature, temperatureErr, randomFraction,
          randomFractionErr, "");
    }

    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV, variant);
    }
  }

  /** A row of {@code aggregate/optimal}: the n_h of minimal mean fixed-point energy at one (dim, n_v, n_temp). */
  public record OptimalRow(int dim, int l, int nV, int nTemp, int bestNH, double energy, double energyErr,
      double temperature, double temperatureErr, int nSeeds, String variant) {
    public OptimalRow(int dim, int l, int nV, int nTemp, int bestNH, double energy, double energyErr,
        double temperature, double temperatureErr, int nSeeds) {
      this(dim, l, nV, nTemp, bestNH, energy, energyErr, temperature, temperatureErr, nSeeds, "");
    }

    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV, variant);
    }
  }

  /**
   * A row of {@code aggregate/fits}: Energy_min(N_temp) = e0 + a·N_temp^b over n_temp ≥ nTempMin; {@code status}
   * "OK" or "NO_FIT" ({@code reason} says why, null when OK).
   */
  public record FitRow(int dim, int l, int nV, double e0, double a, double aErr, double b, double bErr, int nTempMin,
      int nPoints, double chi2, int dof, boolean weighted, String status, String reason, String variant) {
    public FitRow(int dim, int l, int nV, double e0, double a, double aErr, double b, double bErr, int nTempMin,
        int nPoints, double chi2, int dof, boolean weighted, String status, String reason) {
      this(dim, l, nV, e0, a, aErr, b, bErr, nTempMin, nPoints, chi2, dof, weighted, status, reason, "");
    }

    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV, variant);
    }

    public boolean ok() {
      return "OK".equals(status);
    }
  }

  /**
   * One grid point of the {@code points} table: its coordinates, status and how many of its eigenvector patterns
   * were tested and found non-random.
   */
  public record PointRef(String pointId, int dim, int l, int nV, int nH, int nTemp, long seed, String status,
      int nNonrandomPatterns, int nPatternsTested) {
    public LatticeKey lattice() {
      return new LatticeKey(dim, l, nV);
    }

    /** "N_h = 4, N_temp = 6, seed 1". */
    public String label() {
      return "N_h = " + nH + ", N_temp = " + nTemp + ", seed " + seed;
    }
  }

  /** A step of one start's flow: ensemble energy per spin and the two thermometers' temperatures (NaN if none). */
  public record FlowRow(String pointId, String start, int step, double energy, double temperature,
      double temperatureClassifier) {}

  /** All eigenvalues of WWᵀ of one point, descending. */
  public record SpectrumRow(String pointId, double[] eigenvalues) {}

  /**
   * An eigenvector of WWᵀ as a lattice pattern: {@code pattern[j]} is site j = x + l·y (row-major), length n_v;
   * {@code rank} 0 is the largest eigenvalue.
   */
  public record PatternRow(String pointId, int rank, double eigenvalue, double moranI, double pValue, boolean nonrandom,
      float[] pattern) {}
}
