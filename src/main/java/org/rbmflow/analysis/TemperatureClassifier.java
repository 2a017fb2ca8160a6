package org.rbmflow.analysis;

import java.util.List;
import org.rbmflow.common.Checks;
import org.rbmflow.common.InvalidValueException;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The supervised thermometer (DESIGN §1, "estimating T and H", method 1): a one-hidden-layer perceptron
 * trained on labelled Monte Carlo configurations to classify a configuration into the (T, H) grid point it
 * was drawn at; temperatures and fields are then read off as expectations under its softmax.
 *
 * <p><b>Classes.</b> One per grid point, temperature-major: class c = iT·n_H + iH, with temperature
 * T_c = temperatures[iT] and field H_c = fields[iH] (units of J).
 *
 * <p><b>Network.</b> Input: one configuration s as N_v floats (±1 for spins; sites row-major as in
 * {@link Lattice}), expanded by a fixed input layer φ(s) = (s, {s_i s_j over nearest-neighbour bonds})
 * ({@link Features}, {@link ClassifierFeatures}); then {@code p(c | s) = softmax(W2·act(W1·φ(s) + b1) + b2)_c},
 * act = ReLU or tanh, float32 EJML ({@link ClassifierNetwork}).
 *
 * <p><b>Training.</b> Minibatch Adam on the mean cross-entropy, a cosine-decaying step size
 * lr_t = lr·½(1 + cos(π t / steps)), per-epoch shuffling and weight initialisation from the caller's
 * generator. With {@link Config#augment()} each training configuration is, every time it is drawn, moved
 * by a random symmetry of the periodic lattice (translation ∘ rotation/reflection), and flipped globally
 * with probability ½ when −H is also on the field grid (relabelled to (T, −H); at H = 0 the class is
 * unchanged). These leave the Boltzmann weight unchanged, so the Bayes classifier is invariant under them.
 * When every class has its flip image on the grid (e.g. H = 0 only), the posterior is moreover made exactly
 * flip-invariant at evaluation: p(c | s) = ½ [p_net(c | s) + p_net(flip(c) | −s)].
 * Same data, same config and same generator seed give bit-identical weights (single thread, one CPU family).
 *
 * <p><b>Estimates.</b> Per configuration: T̂ = Σ_c p_c T_c, Ĥ = Σ_c p_c H_c ({@link #expectation}). For an
 * ensemble, {@link #estimate} reports both the ensemble mean of these expectations and the maximum of the
 * pooled log-likelihood over the grid; see {@link Estimate}.
 *
 * <p>A trained classifier is immutable and thread-safe; each call allocates its own batch buffers once.
 */
public final class TemperatureClassifier {
  /** Rows per batch of the evaluation forward pass. */
  private static final int EVAL_CHUNK = 256;

  /** Hidden-layer nonlinearity. */
  public enum Activation { TANH, RELU }

  /**
   * What the network sees of a configuration (a fixed input layer, see {@link ClassifierFeatures}):
   * {@code SPINS} = the N_v spins; {@code SPINS_AND_BONDS} = the spins and the N_v·dim nearest-neighbour
   * products s_i s_j. One hidden layer on bare spins cannot form the energy Σ s_i s_j (it would need two
   * ReLU units per bond), and the energy is what tells temperatures above T_c apart.
   */
  public enum Features { SPINS, SPINS_AND_BONDS }

  /**
   * Hyperparameters, validated on construction (field names as in job specs: snake_case).
   *
   * @param hiddenUnits  width of the hidden layer, 1…4096 (default 64)
   * @param activation   hidden nonlinearity (default RELU)
   * @param features     input layer (default SPINS_AND_BONDS)
   * @param epochs       passes over the training set, 1…100 000 (default 10)
   * @param batchSize    configurations per Adam step, 1…65 536 (default 64)
   * @param learningRate Adam's initial step size, in (0, 1] (default 3e-3), decayed to 0 by a cosine
   * @param augment      train on lattice-symmetry and spin-flip images of the data (default true)
   */
  public record Config(int hiddenUnits, Activation activation, Features features, int epochs, int batchSize,
      double learningRate, boolean augment) {
    /**
     * 64 ReLU units on spins and bonds, 10 epochs, batch 64, Adam lr 3e-3, augmentation on. On 10×10 with
     * 25 temperatures × 1000 configurations, 20 epochs or tanh units gave no better held-out estimates, and
     * ReLU was the more robust of the two at T ≈ 1 over training seeds.
     */
    public static final Config DEFAULT = new Config(64, Activation.RELU, Features.SPINS_AND_BONDS, 10, 64, 3e-3,
        true);

    public Config {
      Checks.inRange("hidden_units", hiddenUnits, 1, 4096);
      if (activation == null) {
        throw new InvalidValueException("activation", null, "one of TANH, RELU");
      }
      if (features == null) {
        throw new InvalidValueException("features", null, "one of SPINS, SPINS_AND_BONDS");
      }
      Checks.inRange("epochs", epochs, 1, 100_000);
      Checks.inRange("batch_size", batchSize, 1, 65_536);
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new InvalidValueException("learning_rate", learningRate, "a finite number in (0, 1]");
      }
    }

    public Config withEpochs(int e) {
      return new Config(hiddenUnits, activation, features, e, batchSize, learningRate, augment);
    }

    public Config withHiddenUnits(int h) {
      return new Config(h, activation, features, epochs, batchSize, learningRate, augment);
    }

    public Config withActivation(Activation a) {
      return new Config(hiddenUnits, a, features, epochs, batchSize, learningRate, augment);
    }

    public Config withLearningRate(double lr) {
      return new Config(hiddenUnits, activation, features, epochs, batchSize, lr, augment);
    }

    public Config withFeatures(Features f) {
      return new Config(hiddenUnits, activation, f, epochs, batchSize, learningRate, augment);
    }

    public Config withAugment(boolean a) {
      return new Config(hiddenUnits, activation, features, epochs, batchSize, learningRate, a);
    }
  }

  /** Expectation of T and H under the softmax for one configuration: T̂ = Σ_c p_c T_c, Ĥ = Σ_c p_c H_c (units of J). */
  public record Expectation(double temperature, double field) {}

  /**
   * What the thermometer says about an ensemble of M configurations x_1 … x_M. Two estimators:
   *
   * <ol>
   *   <li><b>Mean of expectations</b> (the papers' "expectation under the softmax"):
   *       {@code temperature} = (1/M) Σ_i T̂(x_i), {@code field} = (1/M) Σ_i Ĥ(x_i), with standard errors
   *       s/√M over configurations (NaN for M = 1). Each T̂ is a posterior mean over a flat prior on the
   *       grid; where one configuration's posterior is broad and skewed (high T, where E(T) flattens) or
   *       reaches an end of the grid, it is biased (on 10×10, T = 0…6: up by ≈ 0.5 at T ≈ 3.3, down by
   *       ≈ 1 at T = 6, even for the Bayes-optimal classifier). Use the pooled estimate for ensembles.</li>
   *   <li><b>Pooled maximum likelihood</b>: L(c) = Σ_i [ln p(c | x_i) − ln π_c], where π_c is the class
   *       frequency seen in training (uniform for equal counts, when L is the plain Σ_i ln p(c | x_i)); since
   *       p(c | x) ∝ π_c p(x | c), L is the ensemble's log-likelihood of grid point c up to a constant.
   *       {@code pooledTemperature} maximises L: the grid argmax (iT*, iH*) refined by the vertex of the parabola
   *       through L(iT* − 1, iH*), L(iT*, iH*), L(iT* + 1, iH*), kept within the argmax's cell (half-way to
   *       each neighbour); {@code pooledField} likewise along H at iT*. {@code pooledTemperatureErr} =
   *       1/√(−L'') from the parabola's curvature (units of J; the statistical error if the posterior is
   *       calibrated and the configurations independent). When the argmax is at an end of the grid (the
   *       maximum is not bracketed) or the parabola is not concave, the estimate is the grid argmax and the
   *       error NaN. L sums log-probabilities, so it is sensitive to how well rare configurations are
   *       calibrated: on 10×10, ensembles at T ≤ 1 (≥ 96 % ground states) are not told apart reliably.</li>
   * </ol>
   *
   * @param configs              M
   * @param temperature          mean of per-configuration expectations T̂
   * @param temperatureErr       its standard error over configurations
   * @param field                mean of per-configuration expectations Ĥ
   * @param fieldErr             its standard error over configurations
   * @param pooledTemperature    maximum of the pooled log-likelihood along T
   * @param pooledTemperatureErr 1/√(−∂²L/∂T²) at the parabola, NaN if not defined
   * @param pooledField          maximum of the pooled log-likelihood along H
   * @param pooledFieldErr       1/√(−∂²L/∂H²), NaN if not defined
   * @param pooledLogLikelihood  L(c) for every class c (temperature-major), K values; owned by the record
   */
  public record Estimate(int configs, double temperature, double temperatureErr, double field, double fieldErr,
      double pooledTemperature, double pooledTemperatureErr, double pooledField, double pooledFieldErr,
      double[] pooledLogLikelihood) {}

  private final Lattice lattice;
  private final double[] temperatures;
  private final double[] fields;
  private final Config config;
  private final ClassifierFeatures features;
  private final ClassifierNetwork net;
  private final double[] logPrior;
  /** Class of (T, −H) for every class when the field grid is symmetric and training augmented; else null. */
  private final int[] flipClass;
  private final double[] epochLoss;

  private TemperatureClassifier(Lattice lattice, double[] temperatures, double[] fields, Config config,
      ClassifierFeatures features, ClassifierNetwork net, double[] logPrior, int[] flipClass, double[] epochLoss) {
    this.lattice = lattice;
    this.features = features;
    this.temperatures = temperatures;
    this.fields = fields;
    this.config = config;
    this.net = net;
    this.logPrior = logPrior;
    this.flipClass = flipClass;
    this.epochLoss = epochLoss;
  }

  /** Trains on a whole data set (its sets are already temperature-major). */
  public static TemperatureClassifier train(IsingDataset data, Config config, Xoshiro256PlusPlus rng) {
    return train(data.sets(), data.temperatures(), data.fields(), config, rng);
  }

  /**
   * Trains the classifier.
   *
   * @param labelled     one sample set per grid point, temperature-major (index iT·n_H + iH); set iT·n_H + iH
   *                     must have been generated at (temperatures[iT], fields[iH]); all on one lattice. Read only.
   * @param temperatures T grid, strictly increasing, units of J; copied
   * @param fields       H grid, strictly increasing, units of J; copied
   * @param config       hyperparameters
   * @param rng          source of the initial weights, the shuffles and the augmentation; advanced
   */
  public static TemperatureClassifier train(List<SampleSet> labelled, double[] temperatures, double[] fields,
      Config config, Xoshiro256PlusPlus rng) {
    if (config == null || rng == null) {
      throw new IllegalArgumentException("config and rng are required");
    }
    double[] ts = increasingGrid("temperatures", temperatures);
    double[] hs = increasingGrid("fields", fields);
    int nT = ts.length;
    int nH = hs.length;
    int k = nT * nH;
    if (labelled == null || labelled.size() != k) {
      throw new IllegalArgumentException("expected " + k + " sample sets (" + nT + " temperatures × " + nH
          + " fields, temperature-major), got " + (labelled == null ? 0 : labelled.size()));
    }
    Lattice lattice = labelled.get(0).lattice();
    int n = lattice.sites();
    long total = 0;
    for (int c = 0; c < k; c++) {
      SampleSet s = labelled.get(c);
      double t = ts[c / nH];
      double h = hs[c % nH];
      if (!s.lattice().equals(lattice)) {
        throw new IllegalArgumentException("sample set " + c + " is on " + s.lattice() + ", expected " + lattice);
      }
      if (Math.abs(s.temperature() - MonteCarlo.canonical(t)) > 1e-9
          || Math.abs(s.field() - MonteCarlo.canonical(h)) > 1e-9) {
        throw new IllegalArgumentException("sample set " + c + " is at (T, H) = (" + s.temperature() + ", "
            + s.field() + "), expected (" + t + ", " + h + ") (temperature-major order)");
      }
      if (s.count() < 1) {
        throw new IllegalArgumentException("sample set " + c + " is empty");
      }
      total += s.count();
    }
    if (total > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("too many training configurations: " + total);
    }
    int size = (int) total;

    // Sample s ↦ (class, index within its set); the class of a set is its position in the list.
    int[] classOf = new int[size];
    int[] indexOf = new int[size];
    for (int c = 0, s = 0; c < k; c++) {
      for (int i = 0; i < labelled.get(c).count(); i++, s++) {
        classOf[s] = c;
        indexOf[s] = i;
      }
    }
    // Global flip maps (T, H) to (T, −H): the class it lands in, or −1 when −H is not on the grid.
    int[] flipped = new int[k];
    for (int c = 0; c < k; c++) {
      int j = indexOf(hs, -hs[c % nH]);
      flipped[c] = j < 0 ? -1 : (c / nH) * nH + j;
    }
    // Class frequencies seen in training: a flippable class shares its count with its image.
    double[] logPrior = new double[k];
    for (int c = 0; c < k; c++) {
      double count = labelled.get(c).count();
      if (config.augment() && flipped[c] >= 0) {
        count = 0.5 * (count + labelled.get(flipped[c]).count());
      }
      logPrior[c] = Math.log(count / size);
    }

    ClassifierFeatures features = new ClassifierFeatures(lattice, config.features());
    int width = features.width();
    ClassifierNetwork net = new ClassifierNetwork(width, config.hiddenUnits(), k, config.activation(), rng);
    int batch = Math.min(config.batchSize(), size);
    ClassifierTrainer trainer = new ClassifierTrainer(net, batch);
    ClassifierSymmetries symmetries = new ClassifierSymmetries(lattice);
    int stepsPerEpoch = (size + batch - 1) / batch;
    double totalSteps = (double) stepsPerEpoch * config.epochs();
    int[] order = new int[size];
    for (int s = 0; s < size; s++) {
      order[s] = s;
    }
    int[] labels = new int[batch];
    float[] scratch = new float[n];
    float[] spins = new float[n];
    double[] epochLoss = new double[config.epochs()];
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      // Fisher–Yates shuffle
      for (int s = size - 1; s > 0; s--) {
        int r = rng.nextInt(s + 1);
        int tmp = order[s];
        order[s] = order[r];
        order[r] = tmp;
      }
      double lossSum = 0;
      for (int start = 0; start < size; start += batch) {
        int b = Math.min(batch, size - start);
        trainer.ws.rows(b);
        float[] x = trainer.ws.x.data;
        for (int r = 0; r < b; r++) {
          int s = order[start + r];
          int c = classOf[s];
          SpinBlock block = labelled.get(c).spins();
          if (config.augment()) {
            boolean flip = flipped[c] >= 0 && (rng.nextLong() & 1L) != 0;
            labels[r] = flip ? flipped[c] : c;
            symmetries.unpackTransformed(block, indexOf[s], flip ? -1f : 1f, rng, scratch, spins, 0);
          } else {
            labels[r] = c;
            block.unpack(indexOf[s], spins, 0);
          }
          features.expand(spins, 0, x, r * width);
        }
        // lr_t = lr · ½(1 + cos(π t / steps))
        double lr = config.learningRate() * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
        lossSum += trainer.step(labels, lr) * b;
        step++;
      }
      epochLoss[epoch] = lossSum / size;
    }
    boolean symmetric = config.augment();
    for (int c = 0; c < k; c++) {
      symmetric &= flipped[c] >= 0;
    }
    return new TemperatureClassifier(lattice, ts, hs, config, features, net, logPrior, symmetric ? flipped : null,
        epochLoss);
  }

  private static double[] increasingGrid(String name, double[] grid) {
    if (grid == null || grid.length == 0) {
      throw new InvalidValueException(name, "[]", "at least one value");
    }
    for (int i = 0; i < grid.length; i++) {
      if (!Double.isFinite(grid[i]) || (i > 0 && !(grid[i] > grid[i - 1]))) {
        throw new InvalidValueException(name, java.util.Arrays.toString(grid), "finite values, strictly increasing");
      }
    }
    return grid.clone();
  }

  private static int indexOf(double[] grid, double value) {
    for (int i = 0; i < grid.length; i++) {
      if (Math.abs(grid[i] - value) <= 1e-9) {
        return i;
      }
    }
    return -1;
  }

  /** The lattice the classifier was trained on; inputs have N_v = {@code lattice().sites()} entries. */
  public Lattice lattice() {
    return lattice;
  }

  /** Number of classes K = n_T · n_H. */
  public int classes() {
    return temperatures.length * fields.length;
  }

  /** The T grid (a copy). */
  public double[] temperatures() {
    return temperatures.clone();
  }

  /** The H grid (a copy). */
  public double[] fields() {
    return fields.clone();
  }

  /** Temperature of class c = iT·n_H + iH. */
  public double classTemperature(int c) {
    return temperatures[c / fields.length];
  }

  /** Field of class c = iT·n_H + iH. */
  public double classField(int c) {
    return fields[c % fields.length];
  }

  public Config config() {
    return config;
  }

  /** Mean training cross-entropy of each epoch (nats, as seen during the epoch; a copy). */
  public double[] trainingLoss() {
    return epochLoss.clone();
  }

  /** The softmax p(c | x) over the K classes for one configuration x (N_v floats, read only). */
  public double[] posterior(float[] configuration) {
    double[] p = logPosteriors(configuration, 1);
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp(p[c]);
    }
    return p;
  }

  /** T̂ = Σ_c p_c T_c and Ĥ = Σ_c p_c H_c for one configuration (N_v floats, read only). */
  public Expectation expectation(float[] configuration) {
    double[] p = posterior(configuration);
    double t = 0;
    double h = 0;
    for (int c = 0; c < p.length; c++) {
      t += p[c] * classTemperature(c);
      h += p[c] * classField(c);
    }
    return new Expectation(t, h);
  }

  /**
   * ln p(c | x_i) for M configurations.
   *
   * @param configs row-major M×N_v (configuration i at {@code [i·N_v, (i+1)·N_v)}), read only
   * @param m       M ≥ 1
   * @return row-major M×K: entry i·K + c is ln p(c | x_i)
   */
  public double[] logPosteriors(float[] configs, int m) {
    int k = classes();
    double[] out = new double[Math.multiplyExact(m, k)];
    forEachLogPosterior(configs, m, (i, logp, off) -> System.arraycopy(logp, off, out, i * k, k));
    return out;
  }

  /**
   * The ensemble estimates of {@link Estimate} for M configurations.
   *
   * @param configs row-major M×N_v (configuration i at {@code [i·N_v, (i+1)·N_v)}), read only
   * @param m       M ≥ 1
   */
  public Estimate estimate(float[] configs, int m) {
    int k = classes();
    double[] tHat = new double[m];
    double[] hHat = new double[m];
    double[] pooled = new double[k];
    forEachLogPosterior(configs, m, (i, logp, off) -> {
      double t = 0;
      double h = 0;
      for (int c = 0; c < k; c++) {
        double lp = logp[off + c];
        double p = Math.exp(lp);
        t += p * classTemperature(c);
        h += p * classField(c);
        // L(c) = Σ_i [ln p(c | x_i) − ln π_c]
        pooled[c] += lp - logPrior[c];
      }
      tHat[i] = t;
      hHat[i] = h;
    });
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (pooled[c] > pooled[best]) {
        best = c;
      }
    }
    int nH = fields.length;
    int iT = best / nH;
    int iH = best % nH;
    double[] alongT = new double[temperatures.length];
    for (int j = 0; j < alongT.length; j++) {
      alongT[j] = pooled[j * nH + iH];
    }
    double[] alongH = new double[nH];
    for (int j = 0; j < nH; j++) {
      alongH[j] = pooled[iT * nH + j];
    }
    double[] rt = refineMaximum(temperatures, alongT, iT);
    double[] rh = refineMaximum(fields, alongH, iH);
    return new Estimate(m, mean(tHat), standardError(tHat), mean(hHat), standardError(hHat),
        rt[0], rt[1], rh[0], rh[1], pooled);
  }

  /** Receives ln p(· | x_i) at {@code logp[off … off+K)}; the array is reused between calls. */
  private interface RowSink {
    void accept(int i, double[] logp, int off);
  }

  /** Batched forward pass: EVAL_CHUNK configurations per pair of matrix products. */
  private void forEachLogPosterior(float[] configs, int m, RowSink sink) {
    int n = lattice.sites();
    if (m < 1) {
      throw new IllegalArgumentException("need at least one configuration, got m = " + m);
    }
    if (configs == null || (long) m * n != configs.length) {
      throw new IllegalArgumentException("expected " + (long) m * n + " floats (" + m + " × N_v = " + n + "), got "
          + (configs == null ? 0 : configs.length));
    }
    int k = classes();
    ClassifierNetwork.Workspace ws = new ClassifierNetwork.Workspace(net, Math.min(EVAL_CHUNK, m));
    double[] logp = new double[ws.capacity * k];
    double[] flippedLogp = flipClass == null ? null : new double[k];
    for (int start = 0; start < m; start += ws.capacity) {
      int b = Math.min(ws.capacity, m - start);
      ws.rows(b);
      for (int r = 0; r < b; r++) {
        features.expand(configs, (start + r) * n, ws.x.data, r * net.inputs);
      }
      net.forward(ws);
      for (int r = 0; r < b; r++) {
        ClassifierNetwork.logSoftmax(ws.z.data, r * k, k, logp, r * k);
      }
      if (flipClass != null) {
        // p(c | x) = ½ [p_net(c | x) + p_net(flip(c) | −x)]: exact invariance under the global flip
        for (int r = 0; r < b; r++) {
          features.negateSpins(ws.x.data, r * net.inputs);
        }
        net.forward(ws);
        for (int r = 0; r < b; r++) {
          ClassifierNetwork.logSoftmax(ws.z.data, r * k, k, flippedLogp, 0);
          for (int c = 0; c < k; c++) {
            double u = logp[r * k + c];
            double v = flippedLogp[flipClass[c]];
            double hi = Math.max(u, v);
            logp[r * k + c] = hi + Math.log(0.5 * (Math.exp(u - hi) + Math.exp(v - hi)));
          }
        }
      }
      for (int r = 0; r < b; r++) {
        sink.accept(start + r, logp, r * k);
      }
    }
  }

  /**
   * The maximum of y over the grid x near its argmax {@code best}: the vertex of the parabola through
   * (x_{best−1}, x_best, x_{best+1}), kept within the argmax's cell (half-way to each neighbour). Falls back
   * to x_best (error NaN) when the argmax is at an end of the grid (the maximum is not bracketed, so the
   * estimate is clamped to the grid's end), or when the parabola is not concave.
   *
   * @param x    grid, strictly increasing (read only)
   * @param y    values at the grid points (read only)
   * @param best index of the maximum of y
   * @return {vertex, 1/√(−y'')}
   */
  static double[] refineMaximum(double[] x, double[] y, int best) {
    if (best == 0 || best == x.length - 1) {
      return new double[] {x[best], Double.NaN};
    }
    double x0 = x[best - 1];
    double x1 = x[best];
    double x2 = x[best + 1];
    // Newton form y = y0 + d1(x − x0) + a(x − x0)(x − x1); y'' = 2a, vertex at (x0 + x1)/2 − d1/(2a)
    double d1 = (y[best] - y[best - 1]) / (x1 - x0);
    double d2 = (y[best + 1] - y[best]) / (x2 - x1);
    double a = (d2 - d1) / (x2 - x0);
    if (!(a < 0)) {
      return new double[] {x1, Double.NaN};
    }
    double vertex = 0.5 * (x0 + x1) - d1 / (2 * a);
    double lo = 0.5 * (x0 + x1);
    double hi = 0.5 * (x1 + x2);
    return new double[] {Math.max(lo, Math.min(hi, vertex)), 1 / Math.sqrt(-2 * a)};
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** s/√M with the sample standard deviation s; NaN for M = 1. */
  private static double standardError(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double mu = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - mu) * (x - mu);
    }
    return Math.sqrt(ss / (v.length - 1) / v.length);
  }

  /**
   * Bytes this classifier holds on the heap, estimated: the network's float weights and biases, the feature map's
   * bond table, the per-class and per-epoch arrays, and a fixed allowance for the object headers.
   */
  public long estimatedBytes() {
    long weights = (long) net.inputs * net.hidden + net.hidden + (long) net.hidden * net.classes + net.classes;
    long doubles = temperatures.length + fields.length + logPrior.length + epochLoss.length;
    long ints = features.tableLength() + (flipClass == null ? 0 : flipClass.length);
    return 4 * weights + 8 * doubles + 4 * ints + 512;
  }
}
