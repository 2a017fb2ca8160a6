package org.rbmflow.aggregate;

/** A fit that cannot be made; the message says why in words fit for a report's {@code reason} column. */
public final class FitException extends Exception {
  private static final long serialVersionUID = 1L;

  public FitException(String reason) {
    super(reason);
  }
}
