package org.rbmflow.common;

/** The code version recorded in every result row: the jar's Implementation-Version, or "dev" from classes. */
public final class Version {
  private Version() {}

  public static String code() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
