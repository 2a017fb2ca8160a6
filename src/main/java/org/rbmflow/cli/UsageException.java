package org.rbmflow.cli;

import java.util.List;
import org.rbmflow.service.InputException;

/** Bad input found after parsing: one message per problem, each naming the option, value and allowed range. */
public final class UsageException extends InputException {
  public UsageException(List<String> problems) {
    super(problems);
  }

  public UsageException(String problem) {
    super(problem);
  }
}
