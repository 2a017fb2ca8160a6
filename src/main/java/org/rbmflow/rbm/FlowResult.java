package org.rbmflow.rbm;

import java.util.List;

/**
 * One flow: its trajectory and its fixed point.
 *
 * @param start            where it started
 * @param steps            per step (step 0 = the start ensemble): ensemble mean energy per spin, its
 *                         standard error over configurations, mean magnetization, mean |m|
 * @param energy           fixed-point energy per spin = mean over the last window
 * @param energyErr        its standard error (per-configuration window averages, so correlation along the
 *                         flow is accounted for)
 * @param magnetization    mean magnetization over the last window
 * @param absMagnetization mean |m| over the last window
 * @param convergedAtStep  the first step at which the window test passed, −1 if it never did
 */
public record FlowResult(FlowStart start, List<Step> steps, double energy, double energyErr, double magnetization,
    double absMagnetization, int convergedAtStep) {

  public boolean converged() {
    return convergedAtStep >= 0;
  }

  /** One step of the flow. */
  public record Step(int step, double energy, double energyErr, double magnetization, double absMagnetization) {}
}
