package org.rbmflow.aggregate;

import org.rbmflow.common.InvalidValueException;

/**
 * How the aggregation picks the optimal N_h and which N_temp enter the power-law fit.
 *
 * @param nTempMin   smallest N_temp fitted by Energy = e0 + a·N_temp^b (default 100, the 2021 paper's choice)
 * @param candidates the N_h values the optimum is chosen from: perfect squares only (default, as in the 2021
 *                   paper) or every N_h of the sweep
 */
public record AggregateSettings(int nTempMin, Candidates candidates) {
  public static final AggregateSettings DEFAULT = new AggregateSettings(100, Candidates.SQUARES);

  /** The N_h values eligible as optimum. */
  public enum Candidates {
    SQUARES, ALL;

    public boolean admits(int nH) {
      int k = (int) Math.round(Math.sqrt(nH));
      return this == ALL || k * k == nH;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code squares} or {@code all}; null for anything else. */
    public static Candidates parse(String s) {
      return switch (s) {
        case "squares" -> SQUARES;
        case "all" -> ALL;
        default -> null;
      };
    }
  }

  public AggregateSettings {
    if (nTempMin < 1 || nTempMin > 1_000_000) {
      throw new InvalidValueException("n_temp_min", nTempMin, "an integer in [1, 1000000]");
    }
    if (candidates == null) {
      throw new InvalidValueException("best_n_h", "null", "squares or all");
    }
  }
}
