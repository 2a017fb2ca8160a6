package org.rbmflow.rbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.random.Xoshiro256PlusPlus;

/** The stochastic units and the flow's Gibbs chain sample what the ±1 RBM defines. */
class GibbsSamplingTest {

  @Test
  void tanhApproximationIsAccurate() {
    double worst = 0;
    for (double x = -12; x <= 12; x += 1e-4) {
      worst = Math.max(worst, Math.abs(Activations.tanh((float) x) - Math.tanh((float) x)));
    }
    assertTrue(worst < 1e-6, "max |tanh error| " + worst);
    assertEquals(1f, Activations.tanh(7.91f));
    assertEquals(-1f, Activations.tanh(-20f));
    assertEquals(0f, Activations.tanh(0f));
    assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
    assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY));
  }

  /** P(unit = +1) = (1 + m)/2: frequencies within 4σ over 10⁶ draws per mean. */
  @Test
  void signSamplesHaveTheRequestedMeans() {
    int n = 1_000_000;
    float[] mean = new float[n];
    float[] out = new float[n];
    SignSampler sampler = new SignSampler(new Xoshiro256PlusPlus(4));
    for (float m : new float[] {-0.9f, -0.3f, 0f, 0.5f, 0.99f}) {
      java.util.Arrays.fill(mean, m);
      sampler.sample(mean, 0, out, 0, n - 1);
      double sum = 0;
      for (int i = 0; i < n - 1; i++) {
        sum += out[i];
      }
      double sigma = Math.sqrt((1 - m * m) / (n - 1));
      assertEquals(m, sum / (n - 1), 4 * sigma + 1e-12, "mean of ±1 draws for m=" + m);
    }
  }

  /**
   * A tiny RBM (N_v = 4, N_h = 3, random W, b, c): the flow's alternating Gibbs chain v → h → v visits each of
   * the 16 visible states with frequency p(v) = e^{−F(v)}/Z (χ² test, 15 degrees of freedom, p > 10⁻⁴).
   */
  @Test
  void gibbsChainSamplesTheModelDistribution() {
    Xoshiro256PlusPlus init = new Xoshiro256PlusPlus(9);
    Rbm rbm = Rbm.gaussian(4, 3, 0.7, init);
    for (int a = 0; a < 3; a++) {
      rbm.hiddenBias()[a] = (float) (0.3 * init.nextGaussian());
    }
    for (int i = 0; i < 4; i++) {
      rbm.visibleBias()[i] = (float) (0.3 * init.nextGaussian());
    }
    double[] p = new double[16];
    double z = 0;
    float[] v = new float[4];
    for (int s = 0; s < 16; s++) {
      for (int i = 0; i < 4; i++) {
        v[i] = ((s >>> i) & 1) != 0 ? 1f : -1f;
      }
      p[s] = Math.exp(-rbm.freeEnergy(v));
      z += p[s];
    }
    // a 1D ring of 4 sites only gives the flow its lattice; the chain itself ignores geometry
    int m = 2000;
    RbmFlow flow = new RbmFlow(rbm, Lattice.ring(4), Linalg.best(), m);
    long[] counts = new long[16];
    float[] start = new float[m * 4];
    java.util.Arrays.fill(start, 1f);
    flow.run(new FlowStart(FlowStart.Kind.RANDOM, Double.NaN), start, new FlowConfig(
        List.of(new FlowStart(FlowStart.Kind.RANDOM, Double.NaN)), m, 400, 200, 0), new Xoshiro256PlusPlus(10),
        (step, ens, size) -> {
          if (step >= 20 && step % 5 == 0) {
            for (int r = 0; r < size; r++) {
              int s = 0;
              for (int i = 0; i < 4; i++) {
                if (ens[r * 4 + i] > 0) {
                  s |= 1 << i;
                }
              }
              counts[s]++;
            }
          }
        });
    long total = java.util.Arrays.stream(counts).sum();
    double chi2 = 0;
    for (int s = 0; s < 16; s++) {
      double expected = total * p[s] / z;
      chi2 += (counts[s] - expected) * (counts[s] - expected) / expected;
    }
    // samples 5 steps apart along a chain are nearly independent here (|W| ~ 0.7); χ²₁₅ has p = 1e-4 at 44.3
    System.out.printf("Gibbs chain vs exact p(v): chi2 = %.2f over 15 dof, %d samples%n", chi2, total);
    assertTrue(chi2 < 44.3, "chi2 " + chi2);
  }

  /** W = 0, b = c = 0: every step produces independent uniform spins, energy per spin 0 ± 3σ. */
  @Test
  void zeroRbmGeneratesInfiniteTemperatureConfigurations() {
    Lattice lat = Lattice.square(10);
    Rbm rbm = new Rbm(100, 16);
    int m = 2000;
    RbmFlow flow = new RbmFlow(rbm, lat, Linalg.best(), m);
    float[] start = new float[m * 100];
    java.util.Arrays.fill(start, 1f);
    FlowResult r = flow.run(new FlowStart(FlowStart.Kind.DATA, Double.NaN), start,
        new FlowConfig(List.of(new FlowStart(FlowStart.Kind.DATA, Double.NaN)), m, 10, 5, 0), new Xoshiro256PlusPlus(3), null);
    // σ of an ensemble mean: √(2/N)/√M
    double sigma = Math.sqrt(2.0 / 100) / Math.sqrt(m);
    for (FlowResult.Step s : r.steps().subList(1, r.steps().size())) {
      assertEquals(0, s.energy(), 3 * sigma, "step " + s.step());
      assertEquals(s.energyErr(), sigma, 0.1 * sigma, "reported error ≈ σ");
    }
    assertEquals(-2, r.steps().get(0).energy(), 1e-12, "step 0 is the start ensemble");
  }

  /** An RBM trained only on T = 0 (ordered) data flows from random configurations to |m| > 0.9. */
  @Test
  void rbmTrainedOnGroundStatesFlowsToOrder() {
    Lattice lat = Lattice.square(10);
    TrainingSet data = TrainingSet.of(List.of(MonteCarlo.generate(lat, 0, 0, 1, 1000, McSettings.DEFAULT)));
    Rbm rbm = Rbm.gaussian(100, 4, 0.01, new Xoshiro256PlusPlus(1));
    new CdTrainer(rbm, new TrainingConfig(30, 0.05, 50, 1, 0, 0, false, 0.01, 0), Linalg.best(),
        new Xoshiro256PlusPlus(2)).train(data, null);
    int m = 500;
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(3);
    float[] start = new float[m * 100];
    for (int k = 0; k < start.length; k++) {
      start[k] = (rng.nextLong() & 1) == 0 ? -1f : 1f;
    }
    FlowStart random = new FlowStart(FlowStart.Kind.RANDOM, Double.NaN);
    FlowResult r = new RbmFlow(rbm, lat, Linalg.best(), m).run(random, start,
        new FlowConfig(List.of(random), m, 200, 20, 0.001), rng, null);
    System.out.printf("T=0-trained RBM flow from random: |m| %.4f, E %.4f, converged at %d%n", r.absMagnetization(),
        r.energy(), r.convergedAtStep());
    assertTrue(r.steps().get(0).absMagnetization() < 0.2, "starts disordered");
    assertTrue(r.absMagnetization() > 0.9, "|m| = " + r.absMagnetization());
  }
}
