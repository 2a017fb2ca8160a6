package org.rbmflow.common;

/** Range checks for record constructors; each failure names the field, the value and the allowed range. */
public final class Checks {
  private Checks() {}

  public static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new InvalidValueException(field, value, "an integer ≥ " + min);
    }
    return value;
  }

  public static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidValueException(field, value, "an integer in [" + min + ", " + max + "]");
    }
    return value;
  }

  public static double finiteAtLeast(String field, double value, double min) {
    if (!Double.isFinite(value) || value < min) {
      throw new InvalidValueException(field, value, "a finite number ≥ " + min);
    }
    return value;
  }

  public static double finiteInRange(String field, double value, double min, double max) {
    if (!Double.isFinite(value) || value < min || value > max) {
      throw new InvalidValueException(field, value, "a finite number in [" + min + ", " + max + "]");
    }
    return value;
  }

  public static double positiveFinite(String field, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new InvalidValueException(field, value, "a finite number > 0");
    }
    return value;
  }
}
