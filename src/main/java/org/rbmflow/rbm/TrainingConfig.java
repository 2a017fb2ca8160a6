package org.rbmflow.rbm;

import java.io.Serializable;
import org.rbmflow.common.Checks;
import org.rbmflow.common.InvalidValueException;

/**
 * Hyperparameters of CD-k training.
 *
 * @param epochs       passes over the training set, 1…10⁶
 * @param learningRate SGD step size, &gt; 0 (papers: 0.1 in 2018, 0.001 in 2020)
 * @param batchSize    configurations per minibatch, 1…100 000, or {@link #FULL_BATCH}: the whole training set, one
 *                     update per epoch
 * @param cdK          Gibbs steps in the negative phase, 1…1000
 * @param momentum     velocity decay μ in [0, 1) (0 = plain SGD)
 * @param weightDecay  L2 coefficient λ ≥ 0 applied to W
 * @param persistent   persistent chains (PCD): the negative phase continues from the previous batch's chains
 * @param initSigma    standard deviation of the initial weights, ≥ 0
 * @param monitorEvery log reconstruction error and pseudo-log-likelihood every this many epochs (0 = never)
 */
public record TrainingConfig(int epochs, double learningRate, int batchSize, int cdK, double momentum,
    double weightDecay, boolean persistent, double initSigma, int monitorEvery) implements Serializable {
  /** {@link #batchSize()} of full-batch training: one update per epoch over the whole training set. */
  public static final int FULL_BATCH = 0;

  public TrainingConfig {
    Checks.inRange("epochs", epochs, 1, 1_000_000);
    if (!(learningRate > 0) || !(learningRate <= 100)) {
      throw new InvalidValueException("learning_rate", learningRate, "a number in (0, 100]");
    }
    if (batchSize != FULL_BATCH) {
      Checks.inRange("batch_size", batchSize, 1, 100_000);
    }
    Checks.inRange("cd_k", cdK, 1, 1000);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new InvalidValueException("momentum", momentum, "a number in [0, 1)");
    }
    Checks.finiteInRange("weight_decay", weightDecay, 0, 1);
    Checks.finiteInRange("init_sigma", initSigma, 0, 10);
    Checks.inRange("monitor_every", monitorEvery, 0, 1_000_000);
    if (persistent && batchSize == FULL_BATCH) {
      throw new InvalidValueException("persistent", true, "false with batch_size full (persistent chains over the "
          + "whole training set would hold it twice)");
    }
  }

  /** Whether one update is made per epoch over the whole training set. */
  public boolean fullBatch() {
    return batchSize == FULL_BATCH;
  }

  /** Configurations per update for a training set of {@code n}: the batch size, or n for full-batch training. */
  public int updateSize(int n) {
    return fullBatch() ? n : batchSize;
  }

  /** The 2018 paper's settings for N_v = 100: lr 0.1, 5000 epochs; CD-1, batch 100, σ = 0.01. */
  public static TrainingConfig defaults(int epochs) {
    return new TrainingConfig(epochs, 0.1, 100, 1, 0.0, 0.0, false, 0.01, 0);
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(e, learningRate, batchSize, cdK, momentum, weightDecay, persistent, initSigma, monitorEvery);
  }
}
