package org.rbmflow.report;

import java.util.List;
import java.util.Map;
import org.rbmflow.analysis.SpecificHeatMap;

/**
 * What the (T, H) figure of a lattice trained with several fields draws: the specific heat C(T, H) of its Monte Carlo
 * data and the flows of its representative point as seen by the supervised thermometer.
 *
 * @param lattice      the lattice
 * @param point        the representative point whose flows are drawn
 * @param tStep        grid spacing in T (J/k_B)
 * @param hStep        grid spacing in H (J); the smallest gap between the sorted fields
 * @param cells        C at every (T, H) of the training grid ({@link SpecificHeatMap#compute})
 * @param trajectories start → the classifier's (T̂, Ĥ) along the flow, in step order, rows {step, T̂, Ĥ}
 */
public record HeatMap(LatticeKey lattice, ReportData.PointRef point, double tStep, double hStep,
    List<SpecificHeatMap.Cell> cells, Map<String, List<double[]>> trajectories) {

  public HeatMap {
    cells = List.copyOf(cells);
    trajectories = Map.copyOf(trajectories);
  }
}
