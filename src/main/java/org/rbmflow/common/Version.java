package org.rbmflow.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The code version recorded in every result row: the Maven project version, from a resource filtered at build
 * time, so classes and the shaded jar report the same value ("dev" if the resource is missing).
 */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String code() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/org/rbmflow/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
