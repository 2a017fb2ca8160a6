package org.rbmflow.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The arrays a command is about to allocate, checked before it allocates any: each must fit a Java array and all of
 * them together the JVM's maximum heap. Sizes given as options multiply (N_v × batch floats, say); without this
 * check a product past 2³¹ wraps around in int arithmetic (an IndexOutOfBounds or NegativeArraySize deep in a
 * run) and one that fits but exceeds the heap ends in an OutOfMemoryError after minutes of work. Each problem is one
 * line naming the options, their values and the bound. The heap bound is a floor, not a promise: the arrays are
 * the bulk of what the command allocates, not all of it.
 */
final class ArrayBudget {
  /** Longest array requested (2³¹ − 9): HotSpot refuses a few lengths below 2³¹ − 1, the JDK's own code stops here. */
  static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** Element types, with their sizes. */
  enum Unit {
    FLOATS(4), LONGS(8), DOUBLES(8);

    final int bytes;

    Unit(int bytes) {
      this.bytes = bytes;
    }
  }

  /**
   * One factor of a length or a count.
   *
   * @param option the option it comes from (null for a constant)
   * @param given  the option's value as given
   * @param term   the factor in the formula of the allowed range, e.g. {@code nv} or {@code ⌈nv/64⌉}
   * @param shown  the factor with the given value, e.g. {@code 400} or {@code ⌈400/64⌉}
   * @param value  the factor's value
   */
  record Factor(String option, long given, String term, String shown, long value) {
    /** The option's value itself. */
    static Factor of(String option, long value) {
      return new Factor(option, value, name(option), Long.toString(value), value);
    }

    /** The 64-bit words that hold {@code bits} bits, {@code bits} an option's value: ⌈bits/64⌉. */
    static Factor words(String option, long bits) {
      return new Factor(option, bits, "⌈" + name(option) + "/64⌉", "⌈" + bits + "/64⌉", (bits + 63) >>> 6);
    }

    /** The sites of an L × L lattice, L an option's value: L². */
    static Factor squared(String option, long side) {
      return new Factor(option, side, name(option) + "²", side + "²", side * side);
    }

    /** The 64-bit words that hold the sites of an L × L lattice, L an option's value: ⌈L²/64⌉. */
    static Factor squareWords(String option, long side) {
      return new Factor(option, side, "⌈" + name(option) + "²/64⌉", "⌈" + side + "²/64⌉", (side * side + 63) >>> 6);
    }

    /** A fixed multiplier. */
    static Factor constant(long value) {
      return new Factor(null, value, Long.toString(value), Long.toString(value), value);
    }

    private static String name(String option) {
      return option.replaceFirst("^--", "");
    }
  }

  private final long maxHeap;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Long> options = new LinkedHashMap<>();
  private final Set<List<String>> limited = new HashSet<>();
  private long bytes;

  /** A budget against {@code maxHeap} bytes ({@link Runtime#maxMemory()}; Long.MAX_VALUE: no heap bound). */
  ArrayBudget(long maxHeap) {
    this.maxHeap = maxHeap;
  }

  /** A budget against this JVM's maximum heap. */
  static ArrayBudget ofThisJvm() {
    return new ArrayBudget(Runtime.getRuntime().maxMemory());
  }

  /**
   * {@code copies} arrays (a constant or an option's value), each of the product of {@code factors} elements of
   * {@code unit}. Each array must fit a Java array; all count against the heap.
   */
  ArrayBudget arrays(Factor copies, Unit unit, Factor... factors) {
    long count = product(copies);
    long length = product(factors);
    limit(length, unit.name().toLowerCase(Locale.ROOT), MAX_ARRAY_LENGTH, "2^31−9, the longest array a JVM allocates",
        factors);
    long total = saturatedProduct(saturatedProduct(length, unit.bytes), count);
    bytes = total == Long.MAX_VALUE || bytes > Long.MAX_VALUE - total ? Long.MAX_VALUE : bytes + total;
    return this;
  }

  /** A count (of {@code noun}) that the command holds in an int or a table: the product of the factors ≤ max. */
  ArrayBudget count(String noun, long max, String why, Factor... factors) {
    limit(product(factors), noun, max, why, factors);
    return this;
  }

  private long product(Factor... factors) {
    long length = 1;
    for (Factor f : factors) {
      length = saturatedProduct(length, f.value());
      if (f.option() != null) {
        options.putIfAbsent(f.option(), f.given());
      }
    }
    return length;
  }

  private void limit(long n, String noun, long max, String why, Factor... factors) {
    if (n <= max) {
      return;
    }
    String names = Stream.of(factors).map(f -> f.option() == null ? f.term() : f.option())
        .collect(Collectors.joining(" × "));
    String values = Stream.of(factors).map(Factor::shown).collect(Collectors.joining(" × "));
    String formula = Stream.of(factors).map(Factor::term).collect(Collectors.joining("·"));
    String line = names + ": " + values + " = " + (n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : n) + " "
        + noun + " exceed " + max + " (" + why + "); expected " + formula + " ≤ " + max;
    // one line per set of options: 2·batch·nv adds nothing to a line about batch·nv
    if (limited.add(Stream.of(factors).map(Factor::option).filter(o -> o != null).sorted().toList())) {
      problems.add(line);
    }
  }

  /** Bytes of all the arrays so far (Long.MAX_VALUE when that overflows). */
  long bytes() {
    return bytes;
  }

  /**
   * Throws a {@link UsageException} with a line for each array too long and, when all fit, one for a total above the
   * maximum heap.
   */
  void check() {
    if (problems.isEmpty() && bytes > maxHeap) {
      String names = String.join(", ", options.keySet());
      String values = options.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
      problems.add(names + ": " + values + " need " + (bytes == Long.MAX_VALUE ? "more than 8 EiB" : size(bytes))
          + " of arrays; expected sizes whose arrays fit the JVM's maximum heap, " + size(maxHeap)
          + " (smaller values, or a larger -Xmx in JAVA_OPTS)");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  private static long saturatedProduct(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  /** Bytes in binary units, e.g. 3.0 GiB. */
  static String size(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
