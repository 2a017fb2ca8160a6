package org.rbmflow.bench.driver;

import java.math.BigDecimal;
import java.util.Locale;

/** Reading the result lines of key=value pairs, and the numbers of the report's cells. */
final class KeyValues {
  /** A cell whose value could not be computed. */
  static final String NA = "n/a";

  private KeyValues() {}

  /** The value of {@code key} in a line of space-separated key=value pairs; "" when it is not there. */
  static String field(String line, String key) {
    if (line == null) {
      return "";
    }
    for (String word : line.trim().split("\\s+")) {
      if (word.startsWith(key + "=")) {
        return word.substring(key.length() + 1);
      }
    }
    return "";
  }

  /** The number a cell holds, NaN for "", n/a or text. */
  static double number(String cell) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException | NullPointerException e) {
      return Double.NaN;
    }
  }

  /** a ÷ b to two decimals, n/a unless both are numbers and b > 0. */
  static String ratio(String a, String b) {
    double x = number(a);
    double y = number(b);
    return Double.isNaN(x) || !(y > 0) ? NA : String.format(Locale.ROOT, "%.2f", x / y);
  }

  /** 100 · a ÷ b to one decimal with " %", n/a as {@link #ratio}. */
  static String percent(String a, String b) {
    double x = number(a);
    double y = number(b);
    return Double.isNaN(x) || !(y > 0) ? NA : String.format(Locale.ROOT, "%.1f %%", 100 * x / y);
  }

  /** A number as a command line shows it: 1.5, 0.15, 3 (no exponent, no trailing zeros). */
  static String plain(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
