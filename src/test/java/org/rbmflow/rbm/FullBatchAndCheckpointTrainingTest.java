package org.rbmflow.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * Full-batch training (one update per epoch, gradients summed over chunks when the set is large) and training in
 * steps ({@link CdTrainer#trainTo}), which must leave exactly the weights of one call.
 */
class FullBatchAndCheckpointTrainingTest {
  private static final int NV = 20;
  private static final int NH = 6;
  private static final int N = 50;
  private final Gemm gemm = Linalg.best();

  static TrainingSet data() {
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(11);
    long[] bits = new long[N];
    for (int i = 0; i < N; i++) {
      bits[i] = rng.nextLong() & ((1L << NV) - 1);
    }
    return new TrainingSet(List.of(new SpinBlock(NV, N, bits)));
  }

  static TrainingConfig config(int epochs, int batch, double momentum, boolean persistent) {
    return new TrainingConfig(epochs, 0.05, batch, 1, momentum, 0.0, persistent, 0.1, 0);
  }

  private Rbm train(TrainingConfig cfg, int chunkFloats, int[] stages, long[] updates) {
    Rbm rbm = Rbm.gaussian(NV, NH, cfg.initSigma(), new Xoshiro256PlusPlus(5));
    CdTrainer t = new CdTrainer(rbm, cfg, gemm, new Xoshiro256PlusPlus(7), chunkFloats);
    for (int e : stages) {
      t.trainTo(data(), e, null);
    }
    if (updates != null) {
      updates[0] = t.updates();
    }
    return rbm;
  }

  private static float[] params(Rbm r) {
    float[] w = r.weights();
    float[] b = r.hiddenBias();
    float[] c = r.visibleBias();
    float[] all = Arrays.copyOf(w, w.length + b.length + c.length);
    System.arraycopy(b, 0, all, w.length, b.length);
    System.arraycopy(c, 0, all, w.length + b.length, c.length);
    return all;
  }

  @Test
  void fullBatchMakesExactlyOneUpdatePerEpoch() {
    long[] updates = new long[1];
    train(config(3, TrainingConfig.FULL_BATCH, 0, false), CdTrainer.CHUNK_FLOATS, new int[] {3}, updates);
    assertEquals(3, updates[0]);
    train(config(3, 10, 0, false), CdTrainer.CHUNK_FLOATS, new int[] {3}, updates);
    assertEquals(15, updates[0], "50 samples in minibatches of 10: five updates an epoch");
    train(config(3, 15, 0, false), CdTrainer.CHUNK_FLOATS, new int[] {3}, updates);
    assertEquals(12, updates[0], "15 + 15 + 15 + 5");
  }

  @Test
  void fullBatchIsTheMinibatchOfTheWholeSet() {
    float[] full = params(train(config(4, TrainingConfig.FULL_BATCH, 0.5, false), CdTrainer.CHUNK_FLOATS,
        new int[] {4}, null));
    float[] whole = params(train(config(4, N, 0.5, false), CdTrainer.CHUNK_FLOATS, new int[] {4}, null));
    assertArrayEquals(whole, full, "bit for bit");
    float[] smaller = params(train(config(4, N - 1, 0.5, false), CdTrainer.CHUNK_FLOATS, new int[] {4}, null));
    assertFalse(Arrays.equals(whole, smaller), "a different batch gives different weights");
  }

  /**
   * A minibatch larger than a chunk: the chunks' gradients are summed into one update. The Gibbs draws fall on the
   * rows in another order than in one pass, so the two agree in distribution, not bit for bit: over 300 trainer
   * seeds, the mean one-epoch change of every parameter agrees within 5 standard errors (a false alarm ≈ 6·10⁻⁷ per
   * parameter), and each chunked run still makes exactly one update.
   */
  @Test
  void chunkedGradientsSumToTheWholeBatchGradient() {
    TrainingConfig cfg = config(1, TrainingConfig.FULL_BATCH, 0, false);
    float[] start = params(Rbm.gaussian(NV, NH, cfg.initSigma(), new Xoshiro256PlusPlus(5)));
    int reps = 300;
    double[][] sum = new double[2][start.length];
    double[][] sq = new double[2][start.length];
    for (int rep = 0; rep < reps; rep++) {
      for (int mode = 0; mode < 2; mode++) {
        Rbm rbm = Rbm.gaussian(NV, NH, cfg.initSigma(), new Xoshiro256PlusPlus(5));
        // 2·rows·NV ≤ 280 floats: chunks of 7 rows, 8 chunks a minibatch
        CdTrainer t = new CdTrainer(rbm, cfg, gemm, new Xoshiro256PlusPlus(1000 + rep),
            mode == 0 ? CdTrainer.CHUNK_FLOATS : 280);
        t.trainTo(data(), 1, null);
        assertEquals(1, t.updates());
        float[] after = params(rbm);
        for (int i = 0; i < start.length; i++) {
          double d = after[i] - start[i];
          sum[mode][i] += d;
          sq[mode][i] += d * d;
        }
      }
    }
    for (int i = 0; i < start.length; i++) {
      double m0 = sum[0][i] / reps;
      double m1 = sum[1][i] / reps;
      double v0 = Math.max(0, sq[0][i] / reps - m0 * m0) / reps;
      double v1 = Math.max(0, sq[1][i] / reps - m1 * m1) / reps;
      assertTrue(Math.abs(m0 - m1) <= 5 * Math.sqrt(v0 + v1) + 1e-7,
          "parameter " + i + ": " + m0 + " vs " + m1 + " ± " + Math.sqrt(v0 + v1));
    }
  }

  @Test
  void trainingInStepsLeavesTheWeightsOfOneCall() {
    for (TrainingConfig cfg : List.of(config(9, 8, 0, false), config(9, 8, 0.7, false), config(9, 8, 0, true),
        config(9, TrainingConfig.FULL_BATCH, 0.3, false))) {
      float[] once = params(train(cfg, CdTrainer.CHUNK_FLOATS, new int[] {9}, null));
      float[] steps = params(train(cfg, CdTrainer.CHUNK_FLOATS, new int[] {1, 4, 4, 8, 9}, null));
      assertArrayEquals(once, steps, cfg.toString());
    }
  }

  @Test
  void stepsMustIncreaseAndStayWithinTheEpochs() {
    TrainingConfig cfg = config(5, 10, 0, false);
    CdTrainer t = new CdTrainer(Rbm.gaussian(NV, NH, 0.1, new Xoshiro256PlusPlus(1)), cfg, gemm,
        new Xoshiro256PlusPlus(2));
    t.trainTo(data(), 3, null);
    assertThrows(IllegalArgumentException.class, () -> t.trainTo(data(), 2, null));
    assertThrows(IllegalArgumentException.class, () -> t.trainTo(data(), 6, null));
  }

  @Test
  void persistentChainsOverTheWholeSetAreRefused() {
    var e = assertThrows(org.rbmflow.common.InvalidValueException.class,
        () -> config(3, TrainingConfig.FULL_BATCH, 0, true));
    assertTrue(e.getMessage().contains("persistent"), e.getMessage());
  }
}
