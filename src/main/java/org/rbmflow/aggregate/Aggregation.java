package org.rbmflow.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns a sweep's {@code points} rows into the papers' answers (DESIGN §1, §2), for each variant of the listed
 * parameters ({@link PointSummary#variant()}) on its own: seed means per
 * (dim, n_v, n_h, n_temp), the optimal n_h per (dim, n_v, n_temp), and per (dim, n_v) the fit
 * Energy_min(N_temp) = e0 + a·N_temp^b with e0 = −dim, the ground-state energy per spin at H = 0.
 *
 * <p>Only rows with status OK are used; the others are counted per status. A mean over k seeds uses the finite
 * values of each column; its error is the standard error s/√k for k ≥ 2, and for a single seed the point's own
 * error where it has one ({@code fp_energy_err}), NaN otherwise. The fit is weighted by those errors
 * ({@link PowerLawFitter}; unweighted when any is missing).
 */
public final class Aggregation {
  private Aggregation() {}

  private record GroupKey(int dim, int nV, int nH, int nTemp) {}

  /** Means, optima and fits of every variant (in variant order, "" first), as if each were a sweep of its own. */
  public static AggregateResult aggregate(List<PointSummary> points, AggregateSettings settings) {
    Map<String, List<PointSummary>> byVariant = new TreeMap<>();
    for (PointSummary p : points) {
      byVariant.computeIfAbsent(p.variant(), k -> new ArrayList<>()).add(p);
    }
    List<AggregateResult.Mean> means = new ArrayList<>();
    List<AggregateResult.Optimal> optimal = new ArrayList<>();
    List<AggregateResult.Fit> fits = new ArrayList<>();
    Map<String, Integer> excluded = new TreeMap<>();
    int used = 0;
    for (Map.Entry<String, List<PointSummary>> e : byVariant.entrySet()) {
      AggregateResult r = aggregateVariant(e.getValue(), settings, e.getKey());
      means.addAll(r.means());
      optimal.addAll(r.optimal());
      fits.addAll(r.fits());
      used += r.used();
      r.excluded().forEach((k, v) -> excluded.merge(k, v, Integer::sum));
    }
    return new AggregateResult(List.copyOf(means), List.copyOf(optimal), List.copyOf(fits), used,
        java.util.Collections.unmodifiableMap(excluded));
  }

  private static AggregateResult aggregateVariant(List<PointSummary> points, AggregateSettings settings,
      String variant) {
    Comparator<GroupKey> order = Comparator.comparingInt(GroupKey::dim).thenComparingInt(GroupKey::nV)
        .thenComparingInt(GroupKey::nTemp).thenComparingInt(GroupKey::nH);
    Map<GroupKey, List<PointSummary>> groups = new TreeMap<>(order);
    Map<String, Integer> excluded = new TreeMap<>();
    int used = 0;
    for (PointSummary p : points) {
      List<PointSummary> g = groups.computeIfAbsent(new GroupKey(p.dim(), p.nV(), p.nH(), p.nTemp()), k -> new ArrayList<>());
      g.add(p);
      if (p.ok()) {
        used++;
      } else {
        excluded.merge(String.valueOf(p.status()), 1, Integer::sum);
      }
    }
    List<AggregateResult.Mean> means = new ArrayList<>();
    for (List<PointSummary> g : groups.values()) {
      means.add(mean(g));
    }
    List<AggregateResult.Optimal> optimal = optimal(means, settings.candidates(), variant);
    List<AggregateResult.Fit> fits = fits(optimal, points, settings.nTempMin(), variant);
    return new AggregateResult(List.copyOf(means), List.copyOf(optimal), List.copyOf(fits), used,
        java.util.Collections.unmodifiableMap(excluded));
  }

  private static AggregateResult.Mean mean(List<PointSummary> group) {
    PointSummary first = group.get(0);
    List<PointSummary> ok = group.stream().filter(PointSummary::ok).toList();
    double[] energy = stats(ok, PointSummary::fpEnergy);
    double energyErr = ok.size() == 1 ? ok.get(0).fpEnergyErr() : energy[1];
    double[] t = stats(ok, PointSummary::fpTemperature);
    double[] tc = stats(ok, PointSummary::fpTemperatureClassifier);
    double[] m = stats(ok, PointSummary::fpMagnetization);
    double[] rf = stats(ok, PointSummary::randomFraction);
    double[] nr = stats(ok, p -> p.nNonrandomPatterns());
    double gap = stats(ok, PointSummary::fpBracketGap)[0];
    double recon = stats(ok, PointSummary::reconError)[0];
    int tested = ok.isEmpty() ? 0 : ok.get(0).nPatternsTested();
    return AggregateResult.Mean.builder().dim(first.dim()).l(first.l()).nV(first.nV()).nH(first.nH())
        .nTemp(first.nTemp()).nSeeds(ok.size()).nExcluded(group.size() - ok.size())
        .energy(energy[0]).energyErr(energyErr).temperature(t[0]).temperatureErr(t[1])
        .temperatureClassifier(tc[0]).temperatureClassifierErr(tc[1]).magnetization(m[0]).magnetizationErr(m[1])
        .randomFraction(rf[0]).randomFractionErr(rf[1]).nNonrandomPatterns(nr[0]).nNonrandomPatternsErr(nr[1])
        .nPatternsTested(tested).fpBracketGap(gap).reconError(recon).variant(first.variant()).build();
  }

  /**
   * Mean and standard error of the finite values of one column: x̄ = Σx/k, SE = √(Σ(x − x̄)²/(k − 1))/√k;
   * NaN mean for k = 0 and NaN error for k ≤ 1.
   */
  static double[] stats(List<PointSummary> rows, ToDoubleFunction<PointSummary> column) {
    double sum = 0;
    int k = 0;
    for (PointSummary p : rows) {
      double x = column.applyAsDouble(p);
      if (Double.isFinite(x)) {
        sum += x;
        k++;
      }
    }
    if (k == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = sum / k;
    if (k == 1) {
      return new double[] {mean, Double.NaN};
    }
    double ss = 0;
    for (PointSummary p : rows) {
      double x = column.applyAsDouble(p);
      if (Double.isFinite(x)) {
        ss += (x - mean) * (x - mean);
      }
    }
    return new double[] {mean, Math.sqrt(ss / (k - 1) / k)};
  }

  /** Per (dim, n_v, n_temp): the candidate n_h with the lowest finite mean energy (ties: the smaller n_h). */
  private static List<AggregateResult.Optimal> optimal(List<AggregateResult.Mean> means,
      AggregateSettings.Candidates candidates, String variant) {
    Map<List<Integer>, List<AggregateResult.Mean>> byTemp = new TreeMap<>(
        Comparator.<List<Integer>>comparingInt(k -> k.get(0)).thenComparingInt(k -> k.get(1))
            .thenComparingInt(k -> k.get(2)));
    for (AggregateResult.Mean m : means) {
      byTemp.computeIfAbsent(List.of(m.dim(), m.nV(), m.nTemp()), k -> new ArrayList<>()).add(m);
    }
    List<AggregateResult.Optimal> out = new ArrayList<>();
    for (List<AggregateResult.Mean> g : byTemp.values()) {
      AggregateResult.Mean best = null;
      int n = 0;
      for (AggregateResult.Mean m : g) {
        if (!candidates.admits(m.nH()) || m.nSeeds() == 0 || !Double.isFinite(m.energy())) {
          continue;
        }
        n++;
        if (best == null || m.energy() < best.energy()) {
          best = m;
        }
      }
      if (best != null) {
        out.add(AggregateResult.Optimal.builder().dim(best.dim()).l(best.l()).nV(best.nV()).nTemp(best.nTemp())
            .bestNH(best.nH()).energy(best.energy()).energyErr(best.energyErr()).temperature(best.temperature())
            .temperatureErr(best.temperatureErr()).nSeeds(best.nSeeds()).nCandidates(n)
            .candidates(candidates.label()).variant(variant).build());
      }
    }
    return out;
  }

  /** Per (dim, n_v): Energy_min(N_temp) = −dim + a·N_temp^b over the optimal rows with N_temp ≥ nTempMin. */
  private static List<AggregateResult.Fit> fits(List<AggregateResult.Optimal> optimal, List<PointSummary> points,
      int nTempMin, String variant) {
    Map<List<Integer>, Integer> lattices = new TreeMap<>(
        Comparator.<List<Integer>>comparingInt(k -> k.get(0)).thenComparingInt(k -> k.get(1)));
    Map<List<Integer>, Boolean> zeroField = new TreeMap<>(
        Comparator.<List<Integer>>comparingInt(k -> k.get(0)).thenComparingInt(k -> k.get(1)));
    for (PointSummary p : points) {
      List<Integer> key = List.of(p.dim(), p.nV());
      lattices.put(key, p.l());
      zeroField.merge(key, p.zeroField(), Boolean::logicalAnd);
    }
    List<AggregateResult.Fit> out = new ArrayList<>();
    for (Map.Entry<List<Integer>, Integer> e : lattices.entrySet()) {
      int dim = e.getKey().get(0);
      int nV = e.getKey().get(1);
      double e0 = -dim;
      List<AggregateResult.Optimal> rows = optimal.stream()
          .filter(o -> o.dim() == dim && o.nV() == nV && o.nTemp() >= nTempMin).toList();
      if (!zeroField.get(e.getKey())) {
        out.add(new AggregateResult.Fit(dim, e.getValue(), nV, e0, nTempMin, rows.size(), null,
            "the fit Energy = e0 + a·N_temp^b assumes H = 0, and this lattice was trained with H ≠ 0", variant));
        continue;
      }
      double[] x = rows.stream().mapToDouble(AggregateResult.Optimal::nTemp).toArray();
      double[] y = rows.stream().mapToDouble(AggregateResult.Optimal::energy).toArray();
      double[] s = rows.stream().mapToDouble(AggregateResult.Optimal::energyErr).toArray();
      try {
        PowerLawFit fit = PowerLawFitter.fit(e0, x, y, s);
        out.add(new AggregateResult.Fit(dim, e.getValue(), nV, e0, nTempMin, rows.size(), fit, null, variant));
      } catch (FitException ex) {
        out.add(new AggregateResult.Fit(dim, e.getValue(), nV, e0, nTempMin, rows.size(), null,
            ex.getMessage() + " (optimal rows with n_temp ≥ " + nTempMin + ")", variant));
      }
    }
    return out;
  }
}
