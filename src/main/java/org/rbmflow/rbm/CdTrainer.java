package org.rbmflow.rbm;

import java.util.ArrayList;
import java.util.List;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contrastive-divergence (CD-k, or persistent CD) minibatch SGD for a ±1 {@link Rbm}. Owns every workspace
 * (allocated once for the batch size); modifies the RBM's parameters in place; draws all randomness (epoch
 * shuffles from it directly; Gibbs samples through a {@link SignSampler} seeded from it at construction, which
 * takes 8 words of it) from the one generator it is given. Not thread-safe.
 *
 * <p>One step on a minibatch V0 of m configurations:
 * <pre>
 *   ⟨H0⟩ = tanh(V0·W + b),  H ~ ⟨H0⟩,  k times: V1 ~ tanh(H·Wᵀ + c), ⟨H1⟩ = tanh(V1·W + b), H ~ ⟨H1⟩
 *   G = V0ᵀ·⟨H0⟩ − V1ᵀ·⟨H1⟩ = [V0; V1]ᵀ·[⟨H0⟩; −⟨H1⟩]   (one product over 2m rows)
 *   ΔW = lr·(G/m − λ·W),  Δb = lr·mean(⟨H0⟩ − ⟨H1⟩),  Δc = lr·mean(V0 − V1)
 *   with momentum μ: Δ ← μ·Δ_prev + Δ
 * </pre>
 * With PCD the negative chain starts from the chains left by the previous step instead of from V0.
 */
public final class CdTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(CdTrainer.class);
  private static final long PROGRESS_NANOS = 10_000_000_000L;
  private static final int MONITOR_SAMPLES = 500;

  private final Rbm rbm;
  private final TrainingConfig config;
  private final Gemm gemm;
  private final Xoshiro256PlusPlus rng;
  private final SignSampler sampler;
  private final int nv;
  private final int nh;
  /** Rows of one pass through the workspaces: the minibatch, or a chunk of a larger one (see {@link #chunkRows}). */
  private int rows;

  /** [V0; V1]: the minibatch (rows 0…m) and the negative-phase sample (rows m…2m), row-major over N_v. */
  private float[] vv;
  /** [⟨H0⟩; ⟨H1⟩], then [⟨H0⟩; −⟨H1⟩] for the gradient product, row-major over N_h. */
  private float[] hh;
  private float[] hs;
  private float[] pv;
  private final float[] gradW;
  private final float[] velW;
  private final float[] velB;
  private final float[] velC;
  private float[] chain;
  private final float[] scratch;
  private final float[] gradB;
  private final float[] gradC;
  private boolean chainStarted;
  /** The order of the training set, shuffled in place each epoch (kept across {@link #trainTo} calls). */
  private int[] order;
  /** Epochs trained so far. */
  private int epochsDone;
  /** Parameter updates made so far. */
  private long updates;
  private final int chunkFloats;

  /** Floats of the largest [V0; V1] or [H0; H1] workspace a chunk may take (32 MiB). */
  static final int CHUNK_FLOATS = 1 << 23;

  public CdTrainer(Rbm rbm, TrainingConfig config, Gemm gemm, Xoshiro256PlusPlus rng) {
    this(rbm, config, gemm, rng, CHUNK_FLOATS);
  }

  /** As the public constructor, with chunks of at most {@code chunkFloats} floats in [V0; V1] (for tests). */
  CdTrainer(Rbm rbm, TrainingConfig config, Gemm gemm, Xoshiro256PlusPlus rng, int chunkFloats) {
    this.chunkFloats = chunkFloats;
    this.rbm = rbm;
    this.config = config;
    this.gemm = gemm;
    this.rng = rng;
    this.sampler = new SignSampler(rng);
    this.nv = rbm.visible();
    this.nh = rbm.hidden();
    gradW = new float[nv * nh];
    boolean mom = config.momentum() > 0;
    velW = mom ? new float[nv * nh] : null;
    velB = mom ? new float[nh] : null;
    velC = mom ? new float[nv] : null;
    scratch = new float[Math.max(nv, nh)];
    gradB = new float[nh];
    gradC = new float[nv];
  }

  /**
   * Rows of one pass for updates of {@code update} configurations: all of them when [V0; V1] fits in
   * {@link #CHUNK_FLOATS}, else chunks whose gradients are summed before the one update (persistent chains: never
   * chunked). Every minibatch of the papers' settings is one chunk, so chunking changes no result there.
   */
  public static int chunkRows(int update, int nv, int nh, boolean persistent) {
    return chunkRows(update, nv, nh, persistent, CHUNK_FLOATS);
  }

  private static int chunkRows(int update, int nv, int nh, boolean persistent, int chunkFloats) {
    int limit = Math.max(1, chunkFloats / (2 * Math.max(nv, nh)));
    return persistent ? update : Math.min(update, limit);
  }

  /** Parameter updates made so far (one per minibatch; one per epoch with full-batch training). */
  public long updates() {
    return updates;
  }

  /** Workspaces for passes of {@code r} rows, allocated once (on the first epoch). */
  private void allocate(int r) {
    if (vv != null) {
      return;
    }
    rows = r;
    vv = new float[2 * r * nv];
    hh = new float[2 * r * nh];
    hs = new float[r * nh];
    pv = new float[r * nv];
    chain = config.persistent() ? new float[r * nv] : null;
  }

  /** Listener for per-epoch progress (may be null). */
  public interface Listener {
    void epochDone(int epoch, int epochs);
  }

  /** Trains for {@code config.epochs()} epochs over {@code data}. */
  public TrainingReport train(TrainingSet data, Listener listener) {
    return trainTo(data, config.epochs(), listener);
  }

  /**
   * Continues training over {@code data} until {@code epochs} epochs are done in all (at most {@code config.epochs()}),
   * so that training in steps — to 10, then to 100, … — draws exactly the random numbers, and leaves exactly the
   * weights, of one call training to the last of them: the shuffle order, the sampler, momentum and persistent
   * chains carry over.
   */
  public TrainingReport trainTo(TrainingSet data, int epochs, Listener listener) {
    if (data.sites() != nv) {
      throw new IllegalArgumentException("training data has " + data.sites() + " sites, the RBM " + nv + " visible units");
    }
    if (epochs < epochsDone || epochs > config.epochs()) {
      throw new IllegalArgumentException("cannot train to epoch " + epochs + ": " + epochsDone + " done, at most "
          + config.epochs());
    }
    int n = data.size();
    int update = config.updateSize(n);
    allocate(chunkRows(update, nv, nh, config.persistent(), chunkFloats));
    if (order == null) {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    }
    int[] monitorSet = monitorSubset(n);
    List<TrainingReport.MonitorPoint> history = new ArrayList<>();
    long t0 = System.nanoTime();
    long lastLog = t0;
    int first = epochsDone + 1;
    for (int epoch = first; epoch <= epochs; epoch++) {
      // Fisher–Yates shuffle from the point's own stream
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int k = 0; k < n; k += update) {
        int m = Math.min(update, n - k);
        // one update from the m configurations from k on, their gradients summed chunk by chunk
        for (int c = 0; c < m; c += rows) {
          int r = Math.min(rows, m - c);
          for (int q = 0; q < r; q++) {
            data.unpack(order[k + c + q], vv, q * nv);
          }
          accumulate(r, c == 0);
        }
        update(m);
      }
      epochsDone = epoch;
      if (!rbm.isFinite()) {
        throw new TrainingDivergedException(epoch, "non-finite weights or biases (learning rate "
            + config.learningRate() + "); lower it or add weight decay");
      }
      if (config.monitorEvery() > 0 && (epoch % config.monitorEvery() == 0 || epoch == epochs)) {
        double[] m = RbmMonitor.evaluate(rbm, data, monitorSet, gemm);
        history.add(new TrainingReport.MonitorPoint(epoch, m[0], m[1]));
        LOG.info("epoch {}/{}: reconstruction error {}, pseudo-log-likelihood {}", epoch, epochs,
            String.format("%.5f", m[0]), String.format("%.3f", m[1]));
      }
      long now = System.nanoTime();
      if (now - lastLog > PROGRESS_NANOS && epoch < epochs) {
        double rate = (epoch - first + 1) / ((now - t0) / 1e9);
        LOG.info("training: epoch {}/{} ({} epochs/s, ETA {} s)", epoch, epochs, String.format("%.2f", rate),
            String.format("%.0f", (epochs - epoch) / rate));
        lastLog = now;
      }
      if (listener != null) {
        listener.epochDone(epoch, epochs);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] last = RbmMonitor.evaluate(rbm, data, monitorSet, gemm);
    return new TrainingReport(epochs, seconds, last[0], last[1], gemm.name(), history);
  }

  /** Fixed, evenly spread subset of configurations for monitoring (no randomness consumed). */
  private static int[] monitorSubset(int n) {
    int m = Math.min(MONITOR_SAMPLES, n);
    int[] idx = new int[m];
    for (int r = 0; r < m; r++) {
      idx[r] = (int) ((long) r * n / m);
    }
    return idx;
  }

  /**
   * gradB = Σ_r (⟨H0⟩_r − ⟨H1⟩_r), gradC = Σ_r (V0_r − V1_r), accumulated row by row in this order, on the Vector
   * API or not (the same sums either way).
   */
  private void biasGradients(int m, boolean vector) {
    final int v1 = m * nv;
    final int h1 = m * nh;
    for (int r = 0; r < m; r++) {
      int oh = r * nh;
      int ov = r * nv;
      if (vector) {
        VectorKernels.addDifference(gradB, hh, oh, h1 + oh, nh);
        VectorKernels.addDifference(gradC, vv, ov, v1 + ov, nv);
        continue;
      }
      for (int a = 0; a < nh; a++) {
        gradB[a] += hh[oh + a] - hh[h1 + oh + a];
      }
      for (int i = 0; i < nv; i++) {
        gradC[i] += vv[ov + i] - vv[v1 + ov + i];
      }
    }
  }

  /**
   * The CD-k gradient of the m configurations in the first m rows of {@code vv}: set into gradW, gradB, gradC when
   * {@code first}, else added to them (a chunk of a larger minibatch).
   */
  private void accumulate(int m, boolean first) {
    final float[] w = rbm.weights();
    final float[] b = rbm.hiddenBias();
    final float[] c = rbm.visibleBias();
    final int v1 = m * nv;
    final int h1 = m * nh;
    // ⟨H0⟩ = tanh(V0·W + b)
    gemm.gemm(false, false, m, nh, nv, 1f, vv, 0, nv, w, 0, nh, 0f, hh, 0, nh);
    Activations.tanhWithBias(hh, 0, m, nh, b, scratch);
    if (chain != null) {
      if (!chainStarted) {
        System.arraycopy(vv, 0, chain, 0, m * nv);
        chainStarted = m == rows;
      }
      // negative phase from the persistent chains: H ~ tanh(Vc·W + b)
      gemm.gemm(false, false, m, nh, nv, 1f, chain, 0, nv, w, 0, nh, 0f, hh, h1, nh);
      Activations.tanhWithBias(hh, h1, m, nh, b, scratch);
      sampler.sample(hh, h1, hs, 0, m * nh);
    } else {
      sampler.sample(hh, 0, hs, 0, m * nh);
    }
    for (int s = 1; s <= config.cdK(); s++) {
      // V1 ~ tanh(H·Wᵀ + c), ⟨H1⟩ = tanh(V1·W + b)
      gemm.gemm(false, true, m, nv, nh, 1f, hs, 0, nh, w, 0, nh, 0f, pv, 0, nv);
      Activations.tanhWithBias(pv, 0, m, nv, c, scratch);
      sampler.sample(pv, 0, vv, v1, m * nv);
      gemm.gemm(false, false, m, nh, nv, 1f, vv, v1, nv, w, 0, nh, 0f, hh, h1, nh);
      Activations.tanhWithBias(hh, h1, m, nh, b, scratch);
      if (s < config.cdK()) {
        sampler.sample(hh, h1, hs, 0, m * nh);
      }
    }
    if (chain != null) {
      System.arraycopy(vv, v1, chain, 0, m * nv);
    }
    // bias gradients: Σ_r (⟨H0⟩ − ⟨H1⟩), Σ_r (V0 − V1), accumulated row by row
    if (first) {
      java.util.Arrays.fill(gradB, 0f);
      java.util.Arrays.fill(gradC, 0f);
    }
    biasGradients(m, Activations.vector());
    // G (+)= [V0; V1]ᵀ·[⟨H0⟩; −⟨H1⟩]   (N_v×N_h, one product over 2m rows)
    for (int k = h1; k < 2 * h1; k++) {
      hh[k] = -hh[k];
    }
    gemm.gemm(true, false, nv, nh, 2 * m, 1f, vv, 0, nv, hh, 0, nh, first ? 0f : 1f, gradW, 0, nh);
  }

  /** Applies the gradient summed over the m configurations of one minibatch. */
  private void update(int m) {
    updates++;
    final float[] w = rbm.weights();
    final float[] b = rbm.hiddenBias();
    final float[] c = rbm.visibleBias();
    final float lr = (float) config.learningRate();
    final float scale = lr / m;
    final float decay = (float) (config.learningRate() * config.weightDecay());
    final float mu = (float) config.momentum();
    // ΔW = lr·(G/m − λ·W)
    if (velW == null) {
      for (int k = 0; k < w.length; k++) {
        w[k] += scale * gradW[k] - decay * w[k];
      }
    } else {
      for (int k = 0; k < w.length; k++) {
        velW[k] = mu * velW[k] + scale * gradW[k] - decay * w[k];
        w[k] += velW[k];
      }
    }
    // Δb = lr·mean(⟨H0⟩ − ⟨H1⟩), Δc = lr·mean(V0 − V1)
    for (int a = 0; a < nh; a++) {
      float d = scale * gradB[a];
      if (velB != null) {
        velB[a] = mu * velB[a] + d;
        d = velB[a];
      }
      b[a] += d;
    }
    for (int i = 0; i < nv; i++) {
      float d = scale * gradC[i];
      if (velC != null) {
        velC[i] = mu * velC[i] + d;
        d = velC[i];
      }
      c[i] += d;
    }
  }
}
