package org.rbmflow.ising;

import java.io.Serializable;
import org.rbmflow.common.Checks;
import org.rbmflow.common.InvalidValueException;

/**
 * How long the Monte Carlo runs at each (T, H). Units are sweeps (N single-site visits per lane).
 *
 * <p>Schedule per (T, H): start ordered (each replica all up or all down with a random sign at H = 0,
 * aligned with the field otherwise), run {@code thermSweeps}, then {@code probeSweeps} while recording
 * energy and |m| to measure the integrated autocorrelation time τ_int; if 20·τ_int exceeds the sweeps
 * run so far, thermalise further up to 20·τ_int. Samples are then taken every {@code decorSweeps}
 * sweeps, or every ⌈2·τ_int⌉ sweeps (at least 1, at most {@code maxDecorSweeps}) when
 * {@code decorSweeps = 0} (auto).
 *
 * @param thermSweeps    thermalisation sweeps before the probe, ≥ 0
 * @param probeSweeps    sweeps over which τ_int is measured, ≥ 0 (≥ 100 when decorSweeps is auto)
 * @param decorSweeps    sweeps between samples, ≥ 1, or 0 for auto (⌈2·τ_int⌉)
 * @param maxDecorSweeps cap on the automatic spacing, ≥ 1
 */
public record McSettings(int thermSweeps, int probeSweeps, int decorSweeps, int maxDecorSweeps) implements Serializable {
  public static final int MAX_SWEEPS = 10_000_000;
  public static final int MIN_PROBE_FOR_AUTO = 100;

  /** Defaults: 1000 thermalisation sweeps, 1000 probe sweeps, automatic spacing capped at 10 000. */
  public static final McSettings DEFAULT = new McSettings(1000, 1000, 0, 10_000);

  public McSettings {
    Checks.inRange("thermSweeps", thermSweeps, 0, MAX_SWEEPS);
    Checks.inRange("probeSweeps", probeSweeps, 0, MAX_SWEEPS);
    Checks.inRange("decorSweeps", decorSweeps, 0, MAX_SWEEPS);
    Checks.inRange("maxDecorSweeps", maxDecorSweeps, 1, MAX_SWEEPS);
    if (decorSweeps == 0 && probeSweeps < MIN_PROBE_FOR_AUTO) {
      throw new InvalidValueException("probeSweeps", probeSweeps,
          "≥ " + MIN_PROBE_FOR_AUTO + " when decorSweeps is auto (0), to measure τ_int");
    }
  }

  public boolean autoDecorrelation() {
    return decorSweeps == 0;
  }
}
