package org.rbmflow.common;

/**
 * A configuration value outside its allowed range. Carries the field name, the offending value and
 * a description of what is allowed, so that each front end (CLI flags, YAML paths) can name the
 * problem in its own terms.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final String field;
  private final String value;
  private final String allowed;

  public InvalidValueException(String field, Object value, String allowed) {
    super(field + " = " + value + " is not allowed; expected " + allowed);
    this.field = field;
    this.value = String.valueOf(value);
    this.allowed = allowed;
  }

  public String field() {
    return field;
  }

  public String value() {
    return value;
  }

  public String allowed() {
    return allowed;
  }
}
