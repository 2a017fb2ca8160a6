package org.rbmflow.cli;

import java.util.List;

/** Bad input found after parsing: one message per problem, each naming the option, value and allowed range. */
public final class UsageException extends RuntimeException {
  private final List<String> problems;

  public UsageException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public UsageException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
