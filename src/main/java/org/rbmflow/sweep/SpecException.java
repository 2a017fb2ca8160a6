package org.rbmflow.sweep;

import java.util.List;

/**
 * A job spec that cannot be run, with every problem found in it (validation never stops at the first one).
 *
 * <p>Each problem is one line {@code "<yaml path>: <what is wrong>; expected <what is allowed>"}, for example
 * {@code grid.n_h[2]: 200 exceeds the cap n_v = 100 of grid.l[0] = 10; expected n_h ≤ n_v}. The YAML path
 * names mapping keys joined by dots and list items by {@code [index]} (0-based); problems of the document
 * as a whole (malformed YAML, not a mapping) use the path {@code (document)} and name the line and column.
 * The problems do not repeat the file name: front ends prefix it.
 */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * @param source   the spec's name in the message (a file name), may be null
   * @param problems at least one problem line
   */
  public SpecException(String source, List<String> problems) {
    super(message(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each, in the order they were found (document order, roughly). */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder b = new StringBuilder();
    b.append(source == null ? "job spec" : source).append(": ").append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems");
    for (String p : problems) {
      b.append(System.lineSeparator()).append("  ").append(p);
    }
    return b.toString();
  }
}
