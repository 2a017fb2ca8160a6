package org.rbmflow.service;

import java.util.List;

/**
 * Input a service refuses before it changes anything: one message per problem, each naming the option or argument,
 * the value and what is allowed. The commands exit with code 2 on it.
 */
public class InputException extends RuntimeException {
  private final List<String> problems;

  public InputException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public InputException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
