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
