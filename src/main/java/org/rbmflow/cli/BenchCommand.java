package org.rbmflow.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import org.rbmflow.ising.AcceptanceTable;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.MultiSpinMetropolis;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rbmflow bench}: throughput and memory measurements, one line of key=value pairs each, in the
 * style of {@code shared/bench/numpy_reference.py}. Benchmarks, not tests: compare them with the
 * yardsticks in the same run (submit/bench does).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints one line of key=value pairs.",
    subcommands = {BenchCommand.Mc.class, BenchCommand.Dataset.class, BenchCommand.Cd1.class, BenchCommand.GemmBench.class,
        BenchCommand.Train.class})
public final class BenchCommand implements Runnable {
  /** Minimum warm-up of the cd1 and gemm benchmarks before their clocks start. */
  static final long WARMUP_NANOS = 3_000_000_000L;
  /** Maximum warm-up: the JIT may never fall quiet on a busy machine. */
  static final long WARMUP_MAX_NANOS = 30_000_000_000L;

  /**
   * Runs {@code work} until at least {@link #WARMUP_NANOS} have passed and the JIT finished no compilation during
   * the last run (so that the measured code is C2's, which matters most for java-vector: the Vector API is slow
   * until C2 compiles it, and on a busy machine that takes longer than any fixed time), at most
   * {@link #WARMUP_MAX_NANOS}. Without compilation-time monitoring, the minimum time only.
   */
  static void warmUp(Runnable work) {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    boolean compiled;
    do {
      long before = monitored ? jit.getTotalCompilationTime() : 0;
      work.run();
      compiled = monitored && jit.getTotalCompilationTime() != before;
    } while (System.nanoTime() - start < WARMUP_MAX_NANOS
        && (System.nanoTime() - start < WARMUP_NANOS || compiled));
  }

  /**
   * Says on stderr whether the Vector API kernels run and why not (the probe's status: e.g. a JDK whose incubating
   * API differs from the one rbmflow was built against); returns the key for the result line.
   */
  static String vectorApi(CommandLine.Model.CommandSpec spec) {
    spec.commandLine().getErr().println("rbmflow bench: Vector API: " + VectorSupport.status());
    spec.commandLine().getErr().flush();
    return " vector_api=" + (VectorSupport.available() ? "on" : "off");
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: mc, dataset, cd1 or gemm");
  }

  /** Metropolis throughput at H = 0 on one thread: useful spin-flip attempts per nanosecond. */
  @Command(name = "mc", mixinStandardHelpOptions = true,
      description = "Checkerboard Metropolis on an L x L torus, R replicas (64 per machine word), one thread, H = 0.")
  static final class Mc implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"--l", "--L"}, defaultValue = "20", description = "Side, 2..128. Default: ${DEFAULT-VALUE}.")
    int l;

    @Option(names = "--replicas", defaultValue = "64", description = "Replicas, 1..65536. Default: ${DEFAULT-VALUE}.")
    int replicas;

    @Option(names = "--sweeps", defaultValue = "200", description = "Timed sweeps, 1..10000000. Default: ${DEFAULT-VALUE}.")
    int sweeps;

    @Option(names = {"--T", "--t"}, defaultValue = "2.269", description = "Temperature, 0 < T <= 1000. Default: ${DEFAULT-VALUE}.")
    double t;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
      Problems p = new Problems(java.util.Map.of("l", "--l"));
      Lattice lattice = p.check(() -> Lattice.square(l));
      p.intInRange("--replicas", replicas, 1, 65536);
      p.intInRange("--sweeps", sweeps, 1, McSettings.MAX_SWEEPS);
      if (!(t > 0 && t <= MonteCarlo.MAX_TEMPERATURE)) {
        p.add("--T", t, "a temperature 0 < T ≤ " + MonteCarlo.MAX_TEMPERATURE);
      }
      p.throwIfAny();
      // one word of spins per site and group of 64 replicas
      ArrayBudget.ofThisJvm().arrays(Factor.words("--replicas", replicas), Unit.LONGS, Factor.squared("--l", l)).check();
      int words = (replicas + 63) / 64;
      MultiSpinMetropolis[] mc = new MultiSpinMetropolis[words];
      AcceptanceTable table = new AcceptanceTable(4, t, 0);
      for (int w = 0; w < words; w++) {
        Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.forKeys(seed, SplitMix64.tag("bench-mc"), w);
        mc[w] = new MultiSpinMetropolis(lattice, table, rng);
        long[] spins = mc[w].spins();
        for (int i = 0; i < spins.length; i++) {
          spins[i] = rng.nextLong();
        }
      }
      // warm-up (also lets the JIT compile the sweep), as the NumPy reference does
      for (MultiSpinMetropolis m : mc) {
        m.sweeps(Math.max(10, Math.min(2000, 2_000_000 / lattice.sites())));
      }
      long t0 = System.nanoTime();
      for (MultiSpinMetropolis m : mc) {
        m.sweeps(sweeps);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double flips = (double) sweeps * replicas * lattice.sites();
      double energy = 0;
      int[] nb = lattice.neighbourTable();
      for (int r = 0; r < replicas; r++) {
        long[] spins = mc[r / 64].spins();
        int lane = r & 63;
        long unlike = 0;
        for (int i = 0; i < spins.length; i++) {
          unlike += ((spins[i] ^ spins[nb[4 * i]]) >>> lane) & 1L;
          unlike += ((spins[i] ^ spins[nb[4 * i + 2]]) >>> lane) & 1L;
        }
        energy += -(lattice.bonds() - 2.0 * unlike) / lattice.sites();
      }
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "rbmflow-mc L=%d replicas=%d sweeps=%d T=%s seconds=%.4f flips_per_ns=%.4f energy_per_spin=%.4f",
          l, replicas, sweeps, t, seconds, flips / seconds / 1e9, energy / replicas));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** The Monte Carlo data set of the memory benchmarks: N_temp temperatures × configs of an L × L torus at H = 0. */
  static final class BenchData {
    @Option(names = "--l", defaultValue = "32", description = "Side, 2..128. Default: ${DEFAULT-VALUE}.")
    int l;
    @Option(names = "--n-temp", defaultValue = "700", description = "Temperatures T = 0, dT, ..., 1..100000. Default: ${DEFAULT-VALUE}.")
    int nTemp;
    @Option(names = "--t-step", defaultValue = "0.1", description = "dT, > 0. Default: ${DEFAULT-VALUE}.")
    double tStep;
    @Option(names = "--configs", defaultValue = "1000", description = "Configurations per temperature. Default: ${DEFAULT-VALUE}.")
    int configs;
    @Option(names = "--therm-sweeps", defaultValue = "1000", description = "As in generate. Default: ${DEFAULT-VALUE}.")
    int therm;
    @Option(names = "--probe-sweeps", defaultValue = "1000", description = "As in generate. Default: ${DEFAULT-VALUE}.")
    int probe;
    @Option(names = "--threads", description = "Monte Carlo threads. Default: all cores.")
    Integer threads;
    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    Lattice lattice;
    McSettings settings;

    /** Records the problems of these options in {@code p} (field names mapped by the caller's Problems). */
    void validate(Problems p) {
      lattice = p.check(() -> Lattice.square(l));
      settings = p.check(() -> new McSettings(therm, probe, 0, 10_000));
      p.temperatureGrid(nTemp, tStep);
      p.configs(configs);
      if (threads != null) {
        p.intInRange("--threads", threads, 1, 4096);
      }
    }

    int threads() {
      return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * Adds what {@link #generate} holds: per temperature the configurations and their energies and magnetizations,
     * and per Monte Carlo thread the probe's series (64 replicas × probe sweeps, energy and |m|).
     */
    void budget(ArrayBudget b) {
      Factor temps = Factor.of("--n-temp", nTemp);
      b.arrays(temps, Unit.LONGS, Factor.of("--configs", configs), Factor.squareWords("--l", l))
          .arrays(temps, Unit.DOUBLES, Factor.of("--configs", configs))
          .arrays(temps, Unit.DOUBLES, Factor.of("--configs", configs))
          .arrays(busyThreads(), Unit.DOUBLES, Factor.constant(2L * 64), Factor.of("--probe-sweeps", probe));
    }

    /** The Monte Carlo threads that run at once: at most one per temperature. */
    private Factor busyThreads() {
      int busy = Math.min(threads(), nTemp);
      return new Factor("--threads", threads(), "min(threads, n-temp)", Integer.toString(busy), busy);
    }

    IsingDataset generate() {
      double[] temps = new double[nTemp];
      for (int k = 0; k < nTemp; k++) {
        temps[k] = k * tStep;
      }
      return DatasetGenerator.generate(lattice, temps, new double[] {0}, seed, configs, settings, threads(), null);
    }
  }

  static final java.util.Map<String, String> DATA_OPTIONS = java.util.Map.of("l", "--l", "thermSweeps", "--therm-sweeps",
      "probeSweeps", "--probe-sweeps", "epochs", "--epochs", "n_h", "--n-h");

  /** Generates and holds a whole training set in memory; reports time and heap. Run it under -Xmx to test a budget. */
  @Command(name = "dataset", mixinStandardHelpOptions = true,
      description = "Generate N_temp temperatures x configs configurations of an L x L torus and hold them in memory.")
  static final class Dataset implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    BenchData d;

    @Override
    public Integer call() {
      Problems p = new Problems(DATA_OPTIONS);
      d.validate(p);
      p.throwIfAny();
      ArrayBudget budget = ArrayBudget.ofThisJvm();
      d.budget(budget);
      budget.check();
      long t0 = System.nanoTime();
      IsingDataset data = d.generate();
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long spinBytes = data.size() * d.lattice.words() * 8L;
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "rbmflow-dataset L=%d n_temp=%d configs=%d threads=%d seconds=%.2f configs_held=%d spin_mib=%.1f "
              + "heap_used_mib=%.1f heap_max_mib=%.1f",
          d.l, d.nTemp, d.configs, d.threads(), seconds, data.size(), spinBytes / 1048576.0, used / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** CD-1 training throughput on random ±1 data, like {@code numpy_reference.py cd1}; one thread. */
  @Command(name = "cd1", mixinStandardHelpOptions = true,
      description = "CD-1 epochs of a +-1 RBM on random +-1 data (one thread); prints seconds_per_epoch, samples_per_second, gemm_gflops.")
  static final class Cd1 implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nv", defaultValue = "400", description = "Visible units, 1..65536. Default: ${DEFAULT-VALUE}.")
    int nv;
    @Option(names = "--nh", defaultValue = "64", description = "Hidden units, 1..65536. Default: ${DEFAULT-VALUE}.")
    int nh;
    @Option(names = "--samples", defaultValue = "20000", description = "Training samples, 1..10000000. Default: ${DEFAULT-VALUE}.")
    int samples;
    @Option(names = "--batch", defaultValue = "100", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;
    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs (after a warm-up of at least 400 minibatches and 3 s, until the JIT is quiet). Default: ${DEFAULT-VALUE}.")
    int epochs;
    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;
    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
      Problems p = new Problems(java.util.Map.of("epochs", "--epochs", "learning_rate", "--lr", "batch_size", "--batch"));
      p.intInRange("--nv", nv, 1, 65536);
      p.intInRange("--nh", nh, 1, 65536);
      p.intInRange("--samples", samples, 1, 10_000_000);
      org.rbmflow.rbm.TrainingConfig cfg = p.check(() -> new org.rbmflow.rbm.TrainingConfig(epochs, lr, batch, 1, 0, 0,
          false, 0.01, 0));
      p.throwIfAny();
      trainingArrays(ArrayBudget.ofThisJvm(), Factor.of("--nv", nv), Factor.of("--nh", nh), Factor.of("--batch", batch))
          .arrays(Factor.constant(1), Unit.LONGS, Factor.of("--samples", samples), Factor.words("--nv", nv))
          .check();
      Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.forKeys(seed, SplitMix64.tag("bench-cd1"));
      int words = (nv + 63) >>> 6;
      long[] bits = new long[Math.multiplyExact(samples, words)];
      long last = (nv & 63) == 0 ? -1L : (1L << (nv & 63)) - 1;
      for (int i = 0; i < samples; i++) {
        for (int k = 0; k < words; k++) {
          bits[i * words + k] = rng.nextLong() & (k == words - 1 ? last : -1L);
        }
      }
      org.rbmflow.rbm.TrainingSet data = new org.rbmflow.rbm.TrainingSet(
          java.util.List.of(new org.rbmflow.ising.SpinBlock(nv, samples, bits)));
      org.rbmflow.rbm.Rbm rbm = org.rbmflow.rbm.Rbm.gaussian(nv, nh, 0.01, rng);
      org.rbmflow.linalg.Gemm gemm = org.rbmflow.linalg.Linalg.best();
      String vector = vectorApi(spec);
      // warm-up: runs of at least 400 minibatches, for 3 s and until the JIT falls quiet (see warmUp)
      int warmup = Math.max(1, (int) Math.ceil(400.0 * batch / samples));
      warmUp(() -> new org.rbmflow.rbm.CdTrainer(rbm, cfg.withEpochs(warmup), gemm, rng).train(data, null));
      long t0 = System.nanoTime();
      new org.rbmflow.rbm.CdTrainer(rbm, cfg, gemm, rng).train(data, null);
      double perEpoch = (System.nanoTime() - t0) / 1e9 / epochs;
      double flops = 6.0 * samples * nv * nh;
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "rbmflow-cd1 nv=%d nh=%d samples=%d batch=%d backend=%s seconds_per_epoch=%.4f samples_per_second=%.0f gemm_gflops=%.2f",
          nv, nh, samples, batch, gemm.name(), perEpoch, samples / perEpoch, flops / perEpoch / 1e9) + vector);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /**
   * Adds the arrays of an RBM and its {@link org.rbmflow.rbm.CdTrainer} (momentum 0, not persistent): W and its
   * gradient; [V0; V1] and ⟨V1⟩ of a minibatch; [H0; H1] and the hidden samples.
   */
  static ArrayBudget trainingArrays(ArrayBudget b, Factor nv, Factor nh, Factor batch) {
    Factor one = Factor.constant(1);
    Factor two = Factor.constant(2);
    return b.arrays(two, Unit.FLOATS, nv, nh)
        .arrays(one, Unit.FLOATS, two, batch, nv)
        .arrays(one, Unit.FLOATS, batch, nv)
        .arrays(one, Unit.FLOATS, two, batch, nh)
        .arrays(one, Unit.FLOATS, batch, nh);
  }

  /** The facade's GFLOPS on the three CD products of one minibatch. */
  @Command(name = "gemm", mixinStandardHelpOptions = true,
      description = "GFLOPS of the linalg facade on H = V W, V' = H W^T and dW = V^T H (B x N_v x N_h), one thread.")
  static final class GemmBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nv", defaultValue = "400", description = "N_v. Default: ${DEFAULT-VALUE}.")
    int nv;
    @Option(names = "--nh", defaultValue = "64", description = "N_h. Default: ${DEFAULT-VALUE}.")
    int nh;
    @Option(names = "--batch", defaultValue = "100", description = "B. Default: ${DEFAULT-VALUE}.")
    int batch;
    @Option(names = "--seconds", defaultValue = "2", description = "Time per product. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Override
    public Integer call() {
      Problems p = new Problems(java.util.Map.of());
      p.intInRange("--nv", nv, 1, 65536);
      p.intInRange("--nh", nh, 1, 65536);
      p.intInRange("--batch", batch, 1, 65536);
      if (!(seconds > 0 && seconds <= 600)) {
        p.add("--seconds", seconds, "a number in (0, 600]");
      }
      p.throwIfAny();
      // each operand and each product's output: V and V', W and dW, H and H'
      Factor two = Factor.constant(2);
      ArrayBudget.ofThisJvm()
          .arrays(two, Unit.FLOATS, Factor.of("--batch", batch), Factor.of("--nv", nv))
          .arrays(two, Unit.FLOATS, Factor.of("--nv", nv), Factor.of("--nh", nh))
          .arrays(two, Unit.FLOATS, Factor.of("--batch", batch), Factor.of("--nh", nh))
          .check();
      org.rbmflow.linalg.Gemm gemm = org.rbmflow.linalg.Linalg.best();
      String vector = vectorApi(spec);
      Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(1);
      float[] v = new float[batch * nv];
      float[] w = new float[nv * nh];
      float[] h = new float[batch * nh];
      for (float[] a : new float[][] {v, w, h}) {
        for (int k = 0; k < a.length; k++) {
          a[k] = rng.nextFloat() - 0.5f;
        }
      }
      float[] outH = new float[batch * nh];
      float[] outV = new float[batch * nv];
      float[] outW = new float[nv * nh];
      String[] names = {"vw", "hwt", "vth"};
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rbmflow-gemm nv=%d nh=%d batch=%d backend=%s",
          nv, nh, batch, gemm.name()));
      double flopsEach = 2.0 * batch * nv * nh;
      // warm-up of all three products, in runs of 0.2 s, for 3 s and until the JIT falls quiet (see warmUp; JIT for
      // the Java paths, first-call costs for JNI)
      warmUp(() -> {
        long end = System.nanoTime() + 200_000_000L;
        do {
          gemm.gemm(false, false, batch, nh, nv, 1f, v, w, 0f, outH);
          gemm.gemm(false, true, batch, nv, nh, 1f, h, w, 0f, outV);
          gemm.gemm(true, false, nv, nh, batch, 1f, v, h, 0f, outW);
        } while (System.nanoTime() < end);
      });
      for (int which = 0; which < 3; which++) {
        long calls = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        long now;
        do {
          for (int r = 0; r < 10; r++) {
            switch (which) {
              case 0 -> gemm.gemm(false, false, batch, nh, nv, 1f, v, w, 0f, outH);
              case 1 -> gemm.gemm(false, true, batch, nv, nh, 1f, h, w, 0f, outV);
              default -> gemm.gemm(true, false, nv, nh, batch, 1f, v, h, 0f, outW);
            }
          }
          calls += 10;
          now = System.nanoTime();
        } while (now < deadline);
        line.append(String.format(Locale.ROOT, " gflops_%s=%.2f", names[which], calls * flopsEach / ((now - t0) / 1e9) / 1e9));
      }
      spec.commandLine().getOut().println(line.append(vector));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /**
   * Memory of one large grid point's training: Monte Carlo data of N_temp temperatures held bit-packed,
   * minibatches expanded on the fly. Run under {@code JAVA_OPTS=-Xmx2g} to test the 2 GB budget.
   */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Generate an L x L data set (N_temp temperatures x configs) and train an RBM on it; reports time and heap.")
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    BenchData d;

    @Option(names = "--n-h", defaultValue = "169", description = "Hidden units, 1..65536. Default: ${DEFAULT-VALUE}.")
    int nh;
    @Option(names = "--epochs", defaultValue = "1", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Override
    public Integer call() {
      Problems p = new Problems(DATA_OPTIONS);
      d.validate(p);
      p.intInRange("--n-h", nh, 1, 65536);
      org.rbmflow.rbm.TrainingConfig cfg = p.check(() -> org.rbmflow.rbm.TrainingConfig.defaults(epochs));
      p.throwIfAny();
      ArrayBudget budget = trainingArrays(ArrayBudget.ofThisJvm(), Factor.squared("--l", d.l), Factor.of("--n-h", nh),
          Factor.constant(cfg.batchSize()));
      d.budget(budget);
      budget.count("configurations", Integer.MAX_VALUE, "2^31−1, a training set's limit",
          Factor.of("--n-temp", d.nTemp), Factor.of("--configs", d.configs)).check();
      long t0 = System.nanoTime();
      IsingDataset data = d.generate();
      double mcSeconds = (System.nanoTime() - t0) / 1e9;
      org.rbmflow.rbm.Rbm rbm = org.rbmflow.rbm.Rbm.gaussian(d.lattice.sites(), nh, 0.01, new Xoshiro256PlusPlus(2));
      long t1 = System.nanoTime();
      org.rbmflow.linalg.Gemm gemm = org.rbmflow.linalg.Linalg.best();
      String vector = vectorApi(spec);
      new org.rbmflow.rbm.CdTrainer(rbm, cfg, gemm, new Xoshiro256PlusPlus(3))
          .train(org.rbmflow.rbm.TrainingSet.of(data.sets()), null);
      double trainSeconds = (System.nanoTime() - t1) / 1e9;
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long peak = 0;
      for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == java.lang.management.MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "rbmflow-train L=%d n_v=%d n_h=%d n_temp=%d configs=%d epochs=%d backend=%s mc_seconds=%.1f train_seconds=%.1f "
              + "configs_held=%d heap_used_mib=%.1f heap_peak_mib=%.1f heap_max_mib=%.1f",
          d.l, d.lattice.sites(), nh, d.nTemp, d.configs, epochs, gemm.name(), mcSeconds, trainSeconds, data.size(),
          used / 1048576.0, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0) + vector);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
