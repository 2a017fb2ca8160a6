package org.rbmflow.service;

import java.io.PrintWriter;
import java.util.Locale;
import org.rbmflow.aggregate.AggregateResult;

/** The aggregation's summary for people: what the {@code aggregate}, {@code sweep} and {@code report} commands print. */
public final class AggregateSummary {
  private AggregateSummary() {}

  /** The human summary: row counts, exclusions, the optimal table and the fits. */
  public static void print(PrintWriter o, AggregateResult r, Object root) {
    o.printf(Locale.ROOT, "aggregate: %d OK points used, %d excluded%s; %d means, %d optimal, %d fits%n", r.used(),
        r.excludedTotal(), r.excluded().isEmpty() ? "" : " " + r.excluded(), r.means().size(), r.optimal().size(),
        r.fits().size());
    String shownVariant = null;
    if (!r.optimal().isEmpty()) {
      for (AggregateResult.Optimal x : r.optimal()) {
        if (!x.variant().equals(shownVariant)) {
          shownVariant = x.variant();
          o.println((x.variant().isEmpty() ? "" : "  " + x.variant() + "\n")
              + "  dim  n_v n_temp best_n_h  energy             temperature       seeds");
        }
        o.printf(Locale.ROOT, "  %3d %4d %6d %8d  %8.5f ± %-7.5f %7.4f ± %-7.4f %5d%n", x.dim(), x.nV(), x.nTemp(),
            x.bestNH(), x.energy(), x.energyErr(), x.temperature(), x.temperatureErr(), x.nSeeds());
      }
    }
    for (AggregateResult.Fit f : r.fits()) {
      String v = f.variant().isEmpty() ? "" : " (" + f.variant() + ")";
      if (f.ok()) {
        o.printf(Locale.ROOT, "  fit n_v=%d" + v.replace("%", "%%") + ": Energy = %.0f + a·N_temp^b, a = %.5g ± %.2g, b = %.5g ± %.2g, "
            + "chi2/dof = %.3g/%d (%d points, n_temp ≥ %d, %s)%n", f.nV(), f.e0(), f.fit().a(), f.fit().aErr(),
            f.fit().b(), f.fit().bErr(), f.fit().chi2(), f.fit().dof(), f.nPoints(), f.nTempMin(),
            f.fit().weighted() ? "weighted by seed errors" : "unweighted");
      } else {
        o.printf(Locale.ROOT, "  fit n_v=%d%s: none — %s%n", f.nV(), v, f.reason());
      }
    }
    o.printf("tables: %s/aggregate/{means,optimal,fits}%n", root);
    o.flush();
  }
}
