package org.rbmflow.spark;

/**
 * SQL text that {@link SqlGuard} will not run. The message is one line that names the offending construct and says
 * what is allowed instead, so a front end can print it as it is.
 */
public final class SqlRefusedException extends RuntimeException {
  public SqlRefusedException(String message) {
    super(message);
  }
}
