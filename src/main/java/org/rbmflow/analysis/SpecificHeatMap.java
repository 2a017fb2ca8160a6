package org.rbmflow.analysis;

import java.util.ArrayList;
import java.util.List;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.Observables;
import org.rbmflow.ising.SampleSet;

/**
 * The specific heat C(T, H) = (⟨E²⟩ − ⟨E⟩²)/(N_v T²) over a (T, H) grid (DESIGN §2), from the Monte Carlo data of
 * one lattice and seed. The data are addressable, so with a point's settings this is exactly the training data the
 * RBM saw; the 2020 paper compares the end of the RBM flow with the maximum of this map.
 */
public final class SpecificHeatMap {
  private SpecificHeatMap() {}

  /** One cell: C and its jackknife error per spin (k_B = 1), with the energy per spin. T = 0 cells have C = 0. */
  public record Cell(double temperature, double field, double specificHeat, double specificHeatErr, double energy) {}

  /** C at every (T, H) of the grid, T-major, from {@code configs} configurations each. */
  public static List<Cell> compute(Lattice lattice, double[] temperatures, double[] fields, long seed, int configs,
      McSettings mc, int threads) {
    IsingDataset data = DatasetGenerator.generate(lattice, temperatures, fields, seed, configs, mc, threads, null);
    List<Cell> cells = new ArrayList<>(data.sets().size());
    for (SampleSet s : data.sets()) {
      ObservableSummary o = Observables.summarise(s);
      cells.add(new Cell(o.temperature(), o.field(), o.specificHeat(), o.specificHeatErr(), o.energy()));
    }
    return List.copyOf(cells);
  }

  /** The cell of largest finite C (the first of equal ones), or null when there is none. */
  public static Cell maximum(List<Cell> cells) {
    Cell best = null;
    for (Cell c : cells) {
      if (Double.isFinite(c.specificHeat()) && (best == null || c.specificHeat() > best.specificHeat())) {
        best = c;
      }
    }
    return best;
  }
}
