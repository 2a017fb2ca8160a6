package org.rbmflow.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rbmflow.analysis.TemperatureClassifier.Activation;
import org.rbmflow.analysis.TemperatureClassifier.Config;
import org.rbmflow.analysis.TemperatureClassifier.Estimate;
import org.rbmflow.common.InvalidValueException;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.random.Xoshiro256PlusPlus;

class TemperatureClassifierTest {
  private static final McSettings FAST_MC = new McSettings(500, 500, 0, 1000);
  private static final long TRAIN_DATA_SEED = 1;
  private static final long HELD_OUT_SEED = 2;

  /** All configurations of a set as row-major ±1 floats, M×N_v. */
  private static float[] unpack(SampleSet set) {
    int n = set.spins().sites();
    float[] out = new float[set.count() * n];
    for (int i = 0; i < set.count(); i++) {
      set.spins().unpack(i, out, i * n);
    }
    return out;
  }

  private static int argmax(double[] v, int off, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (v[off + c] > v[off + best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * 10×10, H = 0, trained on T = 0, 0.25, …, 6 (1000 configurations each), evaluated on held-out ensembles
   * of 200 configurations (another seed) at every grid temperature.
   *
   * <p>What is asserted, and why not more:
   * <ul>
   *   <li>Pooled estimate within 0.3 of T for 1.25 ≤ T ≤ 6 (the acceptance criterion). At T ≤ 1 it is not
   *       attainable here: on 10×10 a configuration is the ground state with probability
   *       exp(−100·e^{−8/T}) ≈ 1, 1, 0.99999, 0.998, 0.966 at T = 0, 0.25, 0.5, 0.75, 1, so ensembles of 200
   *       at T = 0, 0.25, 0.5 are identical and those at 0.75 (≈ 0.5 excited configurations) usually are
   *       too; no estimator can put all of them within 0.3. T = 1 is separable in principle (≈ 7 excited
   *       configurations), but only through ln p(T ≤ 0.5 | one flipped spin), which the classifier learns
   *       as ≈ 1e-2 (no training example ever shows it) instead of ≈ 1e-6. Asserted instead: these
   *       ground-state-dominated ensembles are placed in the ground-state-dominated range, T̂ ≤ 1 + 0.3.</li>
   *   <li>Mean of per-configuration expectations within 0.6 (not 0.5) for 1 ≤ T ≤ 5: it is a posterior
   *       mean over a flat grid prior and inherits the skew of one configuration's broad posterior, so even
   *       the Bayes classifier is off by ≈ 0.45–0.5 at T ≈ 3–3.5 (see {@link #energyHistogramMeans}; 0.47
   *       on this data, 0.52 on an earlier version of the generator's data), which leaves 0.5 no margin.
   *       Asserted in addition: the network's value is within 0.1 of that Bayes reference at every
   *       1 ≤ T ≤ 5.</li>
   *   <li>Exact-class accuracy at T = 0 is not asserted (it cannot exceed ≈ 1/3: the T = 0, 0.25 and 0.5
   *       configurations are the same two states); asserted instead: ≥ 95 % of T = 0 configurations have
   *       their argmax at T ≤ 1, where the ground state has probability ≥ 0.966.</li>
   * </ul>
   */
  @Test
  void estimatesHeldOutTemperaturesOnTenByTen() {
    Lattice lat = Lattice.square(10);
    double[] grid = new double[25];
    for (int k = 0; k < grid.length; k++) {
      grid[k] = 0.25 * k;
    }
    double[] h0 = {0.0};
    long t0 = System.nanoTime();
    IsingDataset train = DatasetGenerator.generate(lat, grid, h0, TRAIN_DATA_SEED, 1000, FAST_MC, 2, null);
    IsingDataset test = DatasetGenerator.generate(lat, grid, h0, HELD_OUT_SEED, 200, FAST_MC, 2, null);
    long t1 = System.nanoTime();
    TemperatureClassifier clf = TemperatureClassifier.train(train, Config.DEFAULT, new Xoshiro256PlusPlus(11));
    long t2 = System.nanoTime();
    double[] loss = clf.trainingLoss();
    System.out.printf("10x10: Monte Carlo %.1f s, training %.1f s (%d configurations, %s)%n", (t1 - t0) * 1e-9,
        (t2 - t1) * 1e-9, train.size(), clf.config());
    System.out.printf("training cross-entropy: epoch 1 %.4f, epoch %d %.4f (uniform: ln 25 = %.4f)%n", loss[0],
        loss.length, loss[loss.length - 1], Math.log(25));

    int k = clf.classes();
    double[] reference = energyHistogramMeans(train, test);
    System.out.println("    T   mean(T̂) ± se  Bayes(E)   pooled ± err     exact  ±1 step");
    double worstPooled = 0;
    double worstMean = 0;
    double worstVsReference = 0;
    double worstLowPooled = 0;
    double lowArgmaxAtZero = Double.NaN;
    int exactAll = 0;
    int nearAll = 0;
    int total = 0;
    for (int iT = 0; iT < grid.length; iT++) {
      SampleSet set = test.set(iT, 0);
      float[] x = unpack(set);
      int m = set.count();
      Estimate e = clf.estimate(x, m);
      double[] logp = clf.logPosteriors(x, m);
      int exact = 0;
      int near = 0;
      int low = 0;
      for (int i = 0; i < m; i++) {
        int c = argmax(logp, i * k, k);
        exact += c == iT ? 1 : 0;
        near += Math.abs(c - iT) <= 1 ? 1 : 0;
        low += grid[c] <= 1.0 ? 1 : 0;
      }
      exactAll += exact;
      nearAll += near;
      total += m;
      System.out.printf("%5.2f   %5.3f ± %5.3f   %5.3f   %5.3f ± %5.3f   %5.3f  %5.3f%n", grid[iT], e.temperature(),
          e.temperatureErr(), reference[iT], e.pooledTemperature(), e.pooledTemperatureErr(), (double) exact / m,
          (double) near / m);
      if (iT == 0) {
        lowArgmaxAtZero = (double) low / m;
      }
      if (grid[iT] >= 1.25) {
        worstPooled = Math.max(worstPooled, Math.abs(e.pooledTemperature() - grid[iT]));
      } else {
        worstLowPooled = Math.max(worstLowPooled, e.pooledTemperature());
      }
      if (grid[iT] >= 1 && grid[iT] <= 5) {
        worstMean = Math.max(worstMean, Math.abs(e.temperature() - grid[iT]));
        worstVsReference = Math.max(worstVsReference, Math.abs(e.temperature() - reference[iT]));
      }
    }
    System.out.printf("all held-out configurations: exact class %.3f, within ±1 step %.3f%n",
        (double) exactAll / total, (double) nearAll / total);
    System.out.printf("worst |pooled − T| for 1.25 ≤ T ≤ 6: %.3f; largest pooled for T ≤ 1: %.3f;"
        + " worst |mean(T̂) − T| for 1 ≤ T ≤ 5: %.3f (vs the Bayes reference: %.3f);"
        + " T = 0 configurations with argmax at T ≤ 1: %.3f%n",
        worstPooled, worstLowPooled, worstMean, worstVsReference, lowArgmaxAtZero);
    assertTrue(worstPooled < 0.3, "worst |pooled − T| for 1.25 ≤ T ≤ 6 = " + worstPooled);
    assertTrue(worstLowPooled <= 1.3, "ground-state-dominated ensemble estimated at " + worstLowPooled);
    assertTrue(worstMean < 0.6, "worst |mean(T̂) − T| for 1 ≤ T ≤ 5 = " + worstMean);
    assertTrue(worstVsReference < 0.1, "worst |mean(T̂) − Bayes reference| for 1 ≤ T ≤ 5 = " + worstVsReference);
    assertTrue(lowArgmaxAtZero >= 0.95, "T = 0 configurations with argmax at T ≤ 1: " + lowArgmaxAtZero);
  }

  /**
   * The mean of per-configuration expectations that a classifier seeing only the energy would give: at H = 0
   * the energy is a sufficient statistic for T, so p(T_k | E) ∝ P(E | T_k), here estimated by the
   * training data's histogram at each T over the levels E·N = −bonds, −bonds + 4, …, bonds (counts + 0.01).
   *
   * @return for each grid temperature, the held-out ensemble's mean of Σ_k p(T_k | E_i) T_k
   */
  private static double[] energyHistogramMeans(IsingDataset train, IsingDataset test) {
    double[] ts = train.temperatures();
    int n = train.lattice().sites();
    int bonds = train.lattice().bonds();
    int levels = bonds / 2 + 1;
    double[][] logP = new double[ts.length][levels];
    for (int k = 0; k < ts.length; k++) {
      double[] counts = new double[levels];
      double[] e = train.set(k, 0).energy();
      for (double v : e) {
        counts[(int) Math.round((v * n + bonds) / 4)]++;
      }
      for (int l = 0; l < levels; l++) {
        logP[k][l] = Math.log((counts[l] + 0.01) / (e.length + 0.01 * levels));
      }
    }
    double[] means = new double[ts.length];
    for (int k = 0; k < ts.length; k++) {
      double[] e = test.set(k, 0).energy();
      for (double v : e) {
        int l = (int) Math.round((v * n + bonds) / 4);
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : logP) {
          max = Math.max(max, row[l]);
        }
        double z = 0;
        double t = 0;
        for (int j = 0; j < ts.length; j++) {
          double p = Math.exp(logP[j][l] - max);
          z += p;
          t += p * ts[j];
        }
        means[k] += t / z / e.length;
      }
    }
    return means;
  }

  /**
   * 6×6 torus, T ∈ {1, 2, 3} × H ∈ {0, 0.5, 1}: pooled (T, H) of held-out ensembles of 200 within 0.3.
   * Exception: (T, H) = (1, 0.5) and (1, 1) are the same ensemble in practice (a configuration is the all-up
   * ground state with probability ≈ 1 − 36·e^{−(8+2H)/T} = 0.996 and 0.998), so at T = 1, H > 0 only
   * "H̃ ∈ [0.5, 1] ± 0.3" is asserted for the field.
   */
  @Test
  void estimatesTemperatureAndFieldOnSixBySix() {
    Lattice lat = Lattice.square(6);
    double[] ts = {1, 2, 3};
    double[] hs = {0, 0.5, 1};
    IsingDataset train = DatasetGenerator.generate(lat, ts, hs, TRAIN_DATA_SEED, 2000, FAST_MC, 2, null);
    IsingDataset test = DatasetGenerator.generate(lat, ts, hs, HELD_OUT_SEED, 200, FAST_MC, 2, null);
    long t0 = System.nanoTime();
    TemperatureClassifier clf = TemperatureClassifier.train(train, Config.DEFAULT.withEpochs(20),
        new Xoshiro256PlusPlus(11));
    System.out.printf("6x6 (T, H): training %.1f s on %d configurations%n", (System.nanoTime() - t0) * 1e-9,
        train.size());
    for (int i = 0; i < ts.length; i++) {
      for (int j = 0; j < hs.length; j++) {
        SampleSet set = test.set(i, j);
        Estimate e = clf.estimate(unpack(set), set.count());
        System.out.printf("(T, H) = (%.1f, %.1f): mean (%.3f, %.3f), pooled (%.3f ± %.3f, %.3f ± %.3f)%n", ts[i],
            hs[j], e.temperature(), e.field(), e.pooledTemperature(), e.pooledTemperatureErr(), e.pooledField(),
            e.pooledFieldErr());
        String where = "(" + ts[i] + ", " + hs[j] + "): " + e;
        assertEquals(ts[i], e.pooledTemperature(), 0.3, where);
        if (ts[i] == 1 && hs[j] > 0) {
          assertTrue(e.pooledField() >= 0.2 && e.pooledField() <= 1.3, where);
        } else {
          assertEquals(hs[j], e.pooledField(), 0.3, where);
        }
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalClassifiers() {
    Lattice ring = Lattice.ring(16);
    double[] ts = {1, 2, 3};
    double[] hs = {0};
    IsingDataset data = DatasetGenerator.generate(ring, ts, hs, 3, 300, FAST_MC, 1, null);
    Config cfg = Config.DEFAULT.withEpochs(3).withHiddenUnits(16);
    TemperatureClassifier a = TemperatureClassifier.train(data, cfg, new Xoshiro256PlusPlus(5));
    TemperatureClassifier b = TemperatureClassifier.train(data, cfg, new Xoshiro256PlusPlus(5));
    TemperatureClassifier c = TemperatureClassifier.train(data, cfg, new Xoshiro256PlusPlus(6));
    float[] x = unpack(data.set(1, 0));
    int m = data.set(1, 0).count();
    assertArrayEquals(a.trainingLoss(), b.trainingLoss());
    assertArrayEquals(a.logPosteriors(x, m), b.logPosteriors(x, m));
    assertFalse(Arrays.equals(a.logPosteriors(x, m), c.logPosteriors(x, m)));

    // one configuration at a time agrees with the batch, and the posterior sums to 1
    float[] one = Arrays.copyOfRange(x, 16 * 7, 16 * 8);
    double[] p = a.posterior(one);
    double[] batch = a.logPosteriors(x, m);
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      assertEquals(batch[7 * p.length + k], Math.log(p[k]), 1e-12);
      sum += p[k];
    }
    assertEquals(1.0, sum, 1e-12);
    TemperatureClassifier.Expectation ex = a.expectation(one);
    assertEquals(p[0] * 1 + p[1] * 2 + p[2] * 3, ex.temperature(), 1e-12);
    assertEquals(0.0, ex.field());

    // H = 0 grid: the posterior is exactly invariant under the global spin flip
    float[] flipped = one.clone();
    for (int j = 0; j < flipped.length; j++) {
      flipped[j] = -flipped[j];
    }
    assertArrayEquals(p, a.posterior(flipped));
  }

  @Test
  void trainingDataMustMatchTheGrid() {
    Lattice ring = Lattice.ring(8);
    IsingDataset data = DatasetGenerator.generate(ring, new double[] {1, 2}, new double[] {0}, 3, 10, FAST_MC, 1,
        null);
    List<SampleSet> swapped = new ArrayList<>(List.of(data.set(1, 0), data.set(0, 0)));
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(1);
    assertThrows(IllegalArgumentException.class,
        () -> TemperatureClassifier.train(swapped, new double[] {1, 2}, new double[] {0}, Config.DEFAULT, rng));
    assertThrows(IllegalArgumentException.class,
        () -> TemperatureClassifier.train(data.sets(), new double[] {1, 2, 3}, new double[] {0}, Config.DEFAULT, rng));
    assertEquals("temperatures", assertThrows(InvalidValueException.class,
        () -> TemperatureClassifier.train(data.sets(), new double[] {2, 1}, new double[] {0}, Config.DEFAULT, rng))
        .field());
    TemperatureClassifier clf = TemperatureClassifier.train(data, Config.DEFAULT.withEpochs(1), rng);
    assertThrows(IllegalArgumentException.class, () -> clf.estimate(new float[7], 1));
  }

  @Test
  void configValidationNamesTheField() {
    assertEquals("hidden_units", assertThrows(InvalidValueException.class,
        () -> Config.DEFAULT.withHiddenUnits(0)).field());
    assertEquals("activation", assertThrows(InvalidValueException.class,
        () -> Config.DEFAULT.withActivation(null)).field());
    assertEquals("features", assertThrows(InvalidValueException.class,
        () -> Config.DEFAULT.withFeatures(null)).field());
    assertEquals("epochs", assertThrows(InvalidValueException.class,
        () -> Config.DEFAULT.withEpochs(0)).field());
    assertEquals("batch_size", assertThrows(InvalidValueException.class,
        () -> new Config(64, Activation.RELU, TemperatureClassifier.Features.SPINS, 20, 0, 1e-3, true)).field());
    InvalidValueException lr = assertThrows(InvalidValueException.class, () -> Config.DEFAULT.withLearningRate(-1));
    assertEquals("learning_rate", lr.field());
    assertTrue(lr.getMessage().contains("-1.0") && lr.getMessage().contains("(0, 1]"), lr.getMessage());
    assertEquals("learning_rate", assertThrows(InvalidValueException.class,
        () -> Config.DEFAULT.withLearningRate(Double.NaN)).field());
  }

  @Test
  void parabolaRefinesAnInteriorMaximumWithinItsCell() {
    // y = −(x − 1.3)² on x = 0, 1, 2, 3: vertex 1.3, y'' = −2 → error 1/√2
    double[] x = {0, 1, 2, 3};
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      y[i] = -(x[i] - 1.3) * (x[i] - 1.3);
    }
    double[] r = TemperatureClassifier.refineMaximum(x, y, 1);
    assertEquals(1.3, r[0], 1e-12);
    assertEquals(1 / Math.sqrt(2), r[1], 1e-12);
    // uneven grid: y = −(x − 2.2)² on 0, 1, 2.5, 4
    double[] xu = {0, 1, 2.5, 4};
    double[] yu = new double[4];
    for (int i = 0; i < 4; i++) {
      yu[i] = -(xu[i] - 2.2) * (xu[i] - 2.2);
    }
    assertEquals(2.2, TemperatureClassifier.refineMaximum(xu, yu, 2)[0], 1e-12);
    // maximum at an end of the grid: not bracketed, the end itself
    double[] edge = TemperatureClassifier.refineMaximum(x, new double[] {0, -1, -4, -9}, 0);
    assertEquals(0.0, edge[0]);
    assertTrue(Double.isNaN(edge[1]));
    // flat: no curvature, the grid argmax and NaN
    double[] flat = TemperatureClassifier.refineMaximum(x, new double[] {0, 0, 0, 0}, 2);
    assertEquals(2.0, flat[0]);
    assertTrue(Double.isNaN(flat[1]));
  }
}
