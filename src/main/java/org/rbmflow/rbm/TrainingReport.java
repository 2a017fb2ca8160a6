package org.rbmflow.rbm;

import java.util.List;

/**
 * What a training run did.
 *
 * @param epochs             epochs completed
 * @param seconds            wall time of training
 * @param reconError         final reconstruction error (see {@link RbmMonitor})
 * @param pseudoLogLikelihood final pseudo-log-likelihood per configuration
 * @param backend            the matrix backend that multiplied ({@link org.rbmflow.linalg.Gemm#name()})
 * @param history            monitor points (epoch, recon error, PLL), every {@code monitorEvery} epochs
 */
public record TrainingReport(int epochs, double seconds, double reconError, double pseudoLogLikelihood, String backend,
    List<MonitorPoint> history) {

  /** One monitor evaluation. */
  public record MonitorPoint(int epoch, double reconError, double pseudoLogLikelihood) {}
}
