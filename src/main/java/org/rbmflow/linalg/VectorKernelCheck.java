package org.rbmflow.linalg;

/**
 * A self-check of one package's Vector API kernels, run once per JVM by {@link VectorSupport}'s probe before any
 * kernel is used: each kernel runs on a small input through every path that calls the Vector API (so that every
 * API method the kernels call is linked and executed) and its result is compared bit for bit with its scalar
 * twin's. Implementations are loaded by name ({@link VectorSelfCheck#CHECKS}, so that this package does not depend
 * on the packages of the kernels): public, with a public no-argument constructor; they must not ask
 * {@link VectorSupport} anything, since they run inside its probe.
 */
public interface VectorKernelCheck {
  /**
   * Runs the kernels.
   *
   * @return null when every kernel gave its scalar twin's bits, else which did not and how
   * @throws LinkageError (e.g. {@link NoSuchMethodError}) when this JDK's Vector API differs from the one rbmflow
   *     was compiled against; any other throwable a kernel throws
   */
  String run();
}
