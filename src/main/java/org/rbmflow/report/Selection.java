package org.rbmflow.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rbmflow.common.PointStatus;
import org.rbmflow.report.ReportData.PointRef;

/**
 * The points the report looks at individually. For each (dim, n_v, n_temp) of {@code aggregate/optimal}, the
 * "best" point is the one at the optimal n_h ({@code best_n_h}) with the lowest seed among points that did not
 * fail (a FAILED point has no flows or spectrum). The representative point of a lattice is its best point at the
 * largest n_temp: its flows and eigenvector patterns are drawn; the spectra of all best points are drawn.
 *
 * @param best            best point per (dim, n_v, n_temp), ordered by lattice then n_temp
 * @param representatives one per lattice, ordered by lattice
 */
public record Selection(List<PointRef> best, List<PointRef> representatives) {

  public Selection {
    best = List.copyOf(best);
    representatives = List.copyOf(representatives);
  }

  /**
   * Chooses from {@code candidates}: the points whose n_h is the optimal n_h of their (dim, n_v, n_temp), any seed
   * and status.
   */
  public static Selection of(List<PointRef> candidates) {
    Map<LatticeKey, TreeMap<Integer, PointRef>> byLattice = new TreeMap<>();
    Comparator<PointRef> preferred = Comparator.comparingLong(PointRef::seed).thenComparing(PointRef::pointId);
    for (PointRef p : candidates) {
      if (p.status() == PointStatus.FAILED) {
        continue;
      }
      byLattice.computeIfAbsent(p.lattice(), k -> new TreeMap<>())
          .merge(p.nTemp(), p, (a, b) -> preferred.compare(a, b) <= 0 ? a : b);
    }
    List<PointRef> best = new ArrayList<>();
    List<PointRef> representatives = new ArrayList<>();
    for (TreeMap<Integer, PointRef> byNTemp : byLattice.values()) {
      best.addAll(byNTemp.values());
      representatives.add(byNTemp.lastEntry().getValue());
    }
    return new Selection(best, representatives);
  }

  /** The best points of one lattice, by n_temp. */
  public List<PointRef> best(LatticeKey lattice) {
    return best.stream().filter(p -> p.lattice().equals(lattice)).toList();
  }
}
