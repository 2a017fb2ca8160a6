package org.rbmflow.bench;

/** The {@code vector_api} key of the result lines of the benchmarks that run the linalg facade. */
final class VectorApiKey {
  private VectorApiKey() {}

  /** {@code " vector_api=on"} or {@code " vector_api=off"}: whether the Vector API kernels ran. */
  static String of(boolean on) {
    return " vector_api=" + (on ? "on" : "off");
  }
}
