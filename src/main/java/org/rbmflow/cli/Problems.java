package org.rbmflow.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rbmflow.common.InvalidValueException;

/**
 * Collects validation problems of one command invocation, translating the field names of the core's
 * {@link InvalidValueException}s into the command's option names.
 */
final class Problems {
  private final Map<String, String> optionOf;
  private final List<String> problems = new ArrayList<>();

  Problems(Map<String, String> optionOf) {
    this.optionOf = optionOf;
  }

  /** Builds a value, recording its validation failure (and returning null) instead of throwing. */
  <T> T check(Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidValueException e) {
      add(optionOf.getOrDefault(e.field(), e.field()), e.value(), e.allowed());
      return null;
    }
  }

  void add(String option, Object value, String allowed) {
    problems.add(option + ": " + value + " is not allowed; expected " + allowed);
  }

  /** Records a problem unless min ≤ value ≤ max; returns whether the value is allowed. */
  boolean intInRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      add(option, value, "an integer in [" + min + ", " + max + "]");
      return false;
    }
    return true;
  }

  /** The temperature grid T = 0, ΔT, …, ΔT·(n_temp − 1): 1 ≤ n_temp ≤ 100 000, ΔT > 0, T_max ≤ the MC limit. */
  boolean temperatureGrid(int nTemp, double tStep) {
    boolean ok = intInRange("--n-temp", nTemp, 1, 100_000);
    if (!(tStep > 0) || !Double.isFinite(tStep) || (nTemp - 1) * tStep > org.rbmflow.ising.MonteCarlo.MAX_TEMPERATURE) {
      add("--t-step", tStep, "a number > 0 with (n_temp − 1)·t_step ≤ " + org.rbmflow.ising.MonteCarlo.MAX_TEMPERATURE);
      ok = false;
    }
    return ok;
  }

  /** Configurations per (T, H): 1 … the MC limit. */
  boolean configs(int configs) {
    return intInRange("--configs", configs, 1, org.rbmflow.ising.MonteCarlo.MAX_CONFIGS);
  }

  void add(String message) {
    problems.add(message);
  }

  /** Throws a {@link UsageException} listing every problem, if there is any. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }
}
