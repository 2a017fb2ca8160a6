package org.rbmflow.rbm;

import java.io.Serializable;
import org.rbmflow.common.InvalidValueException;

/**
 * Where a flow's ensemble starts (DESIGN §2): {@code data} (a subsample of the whole training set),
 * {@code T=<value>} (training configurations at that temperature; the 2018 protocol uses the lowest and the
 * highest), or {@code random} (independent uniform ±1 spins).
 *
 * @param kind        DATA, TEMPERATURE or RANDOM
 * @param temperature the temperature of a TEMPERATURE start (NaN otherwise)
 */
public record FlowStart(Kind kind, double temperature) implements Serializable {
  public enum Kind { DATA, TEMPERATURE, RANDOM }

  public FlowStart {
    if (kind == Kind.TEMPERATURE && !(temperature >= 0 && Double.isFinite(temperature))) {
      throw new InvalidValueException("flow_start", "T=" + temperature, "T=<value> with a finite value ≥ 0");
    }
  }

  /** Parses {@code data}, {@code random} or {@code T=<value>} (also {@code T<value>}). */
  public static FlowStart parse(String text) {
    String s = text.trim();
    if (s.equalsIgnoreCase("data")) {
      return new FlowStart(Kind.DATA, Double.NaN);
    }
    if (s.equalsIgnoreCase("random")) {
      return new FlowStart(Kind.RANDOM, Double.NaN);
    }
    if (s.startsWith("T=") || s.startsWith("t=")) {
      try {
        return new FlowStart(Kind.TEMPERATURE, Double.parseDouble(s.substring(2)));
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new InvalidValueException("flow_start", text, "data, random or T=<temperature> (e.g. T=0, T=6)");
  }

  /** The name used in tables: data, random, T=6.0. */
  public String label() {
    return switch (kind) {
      case DATA -> "data";
      case RANDOM -> "random";
      case TEMPERATURE -> "T=" + temperature;
    };
  }
}
