package org.rbmflow.sweep;

import java.io.Serializable;
import java.util.Arrays;
import org.rbmflow.common.Checks;
import org.rbmflow.common.InvalidValueException;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;

/**
 * One point of a sweep grid, with every parameter its run needs: the RBM of N_h hidden units trained on
 * Monte Carlo data of {@code lattice} at T = 0, ΔT, …, ΔT·(N_temp − 1) × the fields, {@code configsPerTemp}
 * configurations each, then flows, thermometers and the WWᵀ spectrum.
 *
 * @param sweep          the sweep's name (provenance)
 * @param lattice        the lattice (N_v = sites)
 * @param nh             hidden units N_h ≥ 1
 * @param nTemp          number of temperatures N_temp ≥ 1
 * @param tStep          ΔT &gt; 0
 * @param fields         field values H (≥ 1 value, distinct)
 * @param configsPerTemp configurations per (T, H)
 * @param seed           master seed; Monte Carlo data depends only on (lattice, T, H, seed)
 */
public record GridPoint(String sweep, Lattice lattice, int nh, int nTemp, double tStep, double[] fields,
    int configsPerTemp, long seed, McSettings mc, TrainingConfig training, FlowConfig flow, AnalysisSettings analysis)
    implements Serializable {

  public GridPoint {
    Checks.inRange("n_h", nh, 1, 1 << 16);
    Checks.inRange("n_temp", nTemp, 1, 100_000);
    Checks.finiteInRange("t_step", tStep, 1e-6, MonteCarlo.MAX_TEMPERATURE);
    if (tStep * (nTemp - 1) > MonteCarlo.MAX_TEMPERATURE) {
      throw new InvalidValueException("n_temp", nTemp, "(n_temp − 1)·t_step ≤ " + MonteCarlo.MAX_TEMPERATURE);
    }
    if (fields == null || fields.length == 0) {
      throw new InvalidValueException("fields", "[]", "at least one field value");
    }
    fields = fields.clone();
    Checks.inRange("configs_per_temp", configsPerTemp, 1, MonteCarlo.MAX_CONFIGS);
    for (FlowStart s : flow.starts()) {
      if (s.kind() == FlowStart.Kind.TEMPERATURE) {
        double t = MonteCarlo.canonical(s.temperature());
        long k = Math.round(t / tStep);
        if (k < 0 || k >= nTemp || MonteCarlo.canonical(k * tStep) != t) {
          throw new InvalidValueException("flow_starts", s.label(),
              "a temperature of the training grid 0, " + tStep + ", …, " + MonteCarlo.canonical((nTemp - 1) * tStep));
        }
      }
    }
  }

  /** The training temperatures T_k = k·ΔT. */
  public double[] temperatures() {
    double[] t = new double[nTemp];
    for (int k = 0; k < nTemp; k++) {
      t[k] = MonteCarlo.canonical(k * tStep);
    }
    return t;
  }

  /** Stable identifier: the grid coordinates and every parameter that changes the result, hashed. */
  public String pointId() {
    // nv<N_v>-nh<N_h>-nt<N_temp>-s<seed>-<hash as 16 hex digits>; a grid of 10⁵ points asks for ids many times
    String hex = Long.toHexString(parameterHash());
    return new StringBuilder(64).append("nv").append(lattice.sites()).append("-nh").append(nh).append("-nt")
        .append(nTemp).append("-s").append(seed).append('-').append("0".repeat(16 - hex.length())).append(hex)
        .toString();
  }

  /** SplitMix64 hash of every parameter of the point (so two points differ in id when they differ in result). */
  public long parameterHash() {
    long h = SplitMix64.derive(lattice.dim(), lattice.l(), nh, nTemp, Double.doubleToLongBits(tStep), configsPerTemp, seed,
        mc.thermSweeps(), mc.probeSweeps(), mc.decorSweeps(), mc.maxDecorSweeps());
    for (double f : fields) {
      h = SplitMix64.derive(h, Double.doubleToLongBits(MonteCarlo.canonical(f)));
    }
    h = SplitMix64.derive(h, training.epochs(), Double.doubleToLongBits(training.learningRate()), training.batchSize(),
        training.cdK(), Double.doubleToLongBits(training.momentum()), Double.doubleToLongBits(training.weightDecay()),
        training.persistent() ? 1 : 0, Double.doubleToLongBits(training.initSigma()));
    h = SplitMix64.derive(h, flow.ensemble(), flow.maxSteps(), flow.window(), Double.doubleToLongBits(flow.tolerance()),
        SettingsTags.of(flow.starts()));
    h = SplitMix64.derive(h, SettingsTags.of(analysis));
    return h;
  }

  /** Seed of the stream for one purpose of this point ("rbm-init", "train", "flow", …). */
  public long streamSeed(String purpose) {
    return SplitMix64.derive(seed, SplitMix64.tag(purpose), parameterHash());
  }

  /**
   * Seed of a training stream ({@code rbm-init}, {@code train}): like {@link #streamSeed} but blind to the number of
   * epochs, so that a point trained to E epochs passes through exactly the RBM of the same point trained to k &lt; E
   * epochs — what makes a checkpoint row equal the row of a separately trained point
   * ({@link PointRunner#runAll}).
   */
  public long trainingSeed(String purpose) {
    return SplitMix64.derive(seed, SplitMix64.tag(purpose), withEpochs(1).parameterHash());
  }

  /** This point trained for {@code epochs} epochs instead (a checkpoint of its training). */
  public GridPoint withEpochs(int epochs) {
    return epochs == training.epochs() ? this : new GridPoint(sweep, lattice, nh, nTemp, tStep, fields, configsPerTemp,
        seed, mc, training.withEpochs(epochs), flow, analysis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridPoint g && g.parameterHash() == parameterHash() && g.sweep.equals(sweep)
        && Arrays.equals(g.fields, fields);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(parameterHash());
  }

  @Override
  public String toString() {
    return "GridPoint[" + pointId() + ", " + lattice + ", fields=" + Arrays.toString(fields) + "]";
  }
}
