package org.rbmflow.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses lists of numbers given as comma-separated items, each a number ({@code 2.269}) or an inclusive
 * range {@code start:end:step} ({@code 0:6:0.25} = 0, 0.25, …, 6). Range values are computed as
 * start + k·step (never accumulated), so {@code 0:69.9:0.1} holds exactly the first 700 values of
 * {@code 0:99.9:0.1}.
 */
public final class NumberList {
  /** Most values one list may expand to. */
  public static final int MAX_VALUES = 100_000;

  private NumberList() {}

  /** @throws IllegalArgumentException naming the bad item and the accepted forms */
  public static double[] parse(String text) {
    String forms = "expected numbers separated by commas (0,0.5,2.269) or ranges start:end:step (0:6:0.25)";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty list; " + forms);
    }
    List<Double> values = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String item = raw.trim();
      if (item.isEmpty()) {
        throw new IllegalArgumentException("empty item in '" + text + "'; " + forms);
      }
      String[] parts = item.split(":", -1);
      if (parts.length == 1) {
        values.add(number(parts[0], item, forms));
      } else if (parts.length == 3) {
        double start = number(parts[0], item, forms);
        double end = number(parts[1], item, forms);
        double step = number(parts[2], item, forms);
        if (!(step > 0)) {
          throw new IllegalArgumentException("range '" + item + "' has step " + parts[2] + "; the step must be > 0");
        }
        if (end < start) {
          throw new IllegalArgumentException("range '" + item + "' ends below its start; expected start ≤ end");
        }
        // k = 0 … ⌊(end − start)/step + 1e-9⌋, value = start + k·step
        double count = Math.floor((end - start) / step + 1e-9) + 1;
        if (count + values.size() > MAX_VALUES) {
          throw new IllegalArgumentException("range '" + item + "' expands to more than " + MAX_VALUES + " values");
        }
        for (long k = 0; k < (long) count; k++) {
          values.add(start + k * step);
        }
      } else {
        throw new IllegalArgumentException("'" + item + "' is neither a number nor start:end:step; " + forms);
      }
      if (values.size() > MAX_VALUES) {
        throw new IllegalArgumentException("more than " + MAX_VALUES + " values");
      }
    }
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static double number(String s, String item, String forms) {
    try {
      double v = Double.parseDouble(s.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s.trim() + "' in '" + item + "' is not a finite number; " + forms);
    }
  }
}
