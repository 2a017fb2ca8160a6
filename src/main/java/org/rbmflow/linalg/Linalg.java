package org.rbmflow.linalg;

import java.util.Arrays;
import java.util.Locale;
import org.rbmflow.common.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that chooses how matrices are multiplied (DESIGN §5): {@link #best()} gives native
 * BLAS ({@link NativeGemm}, OpenBLAS through JNI) when it loads and passes a self-check, else the best
 * pure-Java backend: {@link VectorGemm} ({@code java-vector}, on the incubating Vector API) when
 * {@link VectorSupport} finds the module and it passes the self-check, else {@link JavaGemm}
 * ({@code java-blocked}, plain loops, any JVM). Callers record {@link Gemm#name()} as the {@code backend}
 * of their rows.
 *
 * <p>The system property {@value #PROPERTY} = {@code auto} (default) | {@code java} (the best pure-Java
 * backend) | {@code java-vector} | {@code java-blocked} | {@code native} forces a choice; {@code native}
 * or {@code java-vector} when that backend is unusable is an {@link IllegalStateException} rather than a
 * silent fallback. Each choice is made, and logged (slf4j, with the reason and the library file), once per
 * JVM; later calls only read the property. Thread-safe, allocation-free after the first call.
 *
 * <p>Native BLAS must stay on its task's core: the launchers, {@code spark.executorEnv} and surefire set
 * {@code OPENBLAS_NUM_THREADS=1}, which OpenBLAS reads when it loads; a warning is logged when the
 * native backend is chosen without it.
 */
public final class Linalg {
  /**
   * System property that forces the backend: {@code auto}, {@code java}, {@code java-vector}, {@code java-blocked}
   * or {@code native}.
   */
  public static final String PROPERTY = "rbmflow.linalg";
  /** Environment variable that caps OpenBLAS's threads; must be 1 inside Spark tasks. */
  public static final String THREADS_ENV = "OPENBLAS_NUM_THREADS";

  private static final Logger LOG = LoggerFactory.getLogger(Linalg.class);

  /** How {@link #best()} chooses. */
  public enum Mode {
    /** Native when it loads and passes the self-check, else the best pure-Java backend. */
    AUTO,
    /** The best pure-Java backend: {@link VectorGemm} when usable, else {@link JavaGemm}. */
    JAVA,
    /** Always {@link VectorGemm}; an error when the Vector API is unusable. */
    JAVA_VECTOR,
    /** Always {@link JavaGemm}. */
    JAVA_BLOCKED,
    /** Always {@link NativeGemm}; an error when it is unavailable. */
    NATIVE;

    /**
     * Parses {@code auto|java|java-vector|java-blocked|native} (case-insensitive, blank = auto); names the
     * property when it fails.
     */
    public static Mode parse(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "auto" -> AUTO;
        case "java" -> JAVA;
        case "java-vector" -> JAVA_VECTOR;
        case "java-blocked" -> JAVA_BLOCKED;
        case "native" -> NATIVE;
        default -> throw new InvalidValueException(PROPERTY, value,
            "one of auto, java, java-vector, java-blocked, native");
      };
    }
  }

  private Linalg() {}

  /**
   * The backend for the large products, as chosen by {@value #PROPERTY} (see the class comment).
   *
   * @throws IllegalStateException when native (java-vector) is forced but does not load (the Vector API is not
   *     usable) or fails the self-check
   * @throws InvalidValueException when the property has another value
   */
  public static Gemm best() {
    return select(Mode.parse(System.getProperty(PROPERTY)));
  }

  /** The backend for an explicit mode, ignoring the property; same errors as {@link #best()}. */
  public static Gemm select(Mode mode) {
    return switch (mode) {
      case AUTO -> Auto.GEMM;
      case JAVA -> ForcedJava.GEMM;
      case JAVA_BLOCKED -> ForcedBlocked.GEMM;
      case JAVA_VECTOR -> {
        VectorBackend vec = VectorBackend.RESULT;
        if (vec.gemm == null) {
          throw new IllegalStateException(PROPERTY + "=java-vector but the Vector API is not usable: " + vec.why
              + ". Use " + PROPERTY + "=java|java-blocked|auto.");
        }
        yield ForcedVector.GEMM;
      }
      case NATIVE -> {
        Native nat = Native.RESULT;
        if (nat.gemm == null) {
          throw new IllegalStateException(PROPERTY + "=native but native BLAS is not usable: " + nat.why
              + ". Install OpenBLAS (Debian: libopenblas0-pthread) or use " + PROPERTY + "=java|auto.");
        }
        yield ForcedNative.GEMM;
      }
    };
  }

  /**
   * The choice of {@link #select} from what is usable: {@code nativeGemm} and {@code vectorGemm} are null when
   * that backend is not. Pure (no loading, no logging), so tests can simulate a JVM without native BLAS or
   * without the Vector API. NATIVE and JAVA_VECTOR return null when their backend is missing.
   */
  static Gemm choose(Mode mode, Gemm nativeGemm, Gemm vectorGemm) {
    Gemm java = vectorGemm != null ? vectorGemm : JavaGemm.instance();
    return switch (mode) {
      case AUTO -> nativeGemm != null ? nativeGemm : java;
      case JAVA -> java;
      case JAVA_VECTOR -> vectorGemm;
      case JAVA_BLOCKED -> JavaGemm.instance();
      case NATIVE -> nativeGemm;
    };
  }

  /** Whether the java-vector backend is usable: the Vector API probe and the self-check (triggers both once). */
  public static boolean vectorAvailable() {
    return VectorBackend.RESULT.gemm != null;
  }

  /** Why the java-vector backend is or is not usable, for logs and the bench command. */
  public static String vectorStatus() {
    return VectorBackend.RESULT.why;
  }

  /** Whether the native backend loaded and passed the self-check (triggers the one load attempt). */
  public static boolean nativeAvailable() {
    return Native.RESULT.gemm != null;
  }

  /** Why the native backend is or is not usable, for logs and the bench command. */
  public static String nativeStatus() {
    return Native.RESULT.why;
  }

  /**
   * Multiplies a known 3×2 by a known 2×4 with g, once with plain and once with transposed storage, and
   * compares with the exact product (small integers, exact in float32). β = 0 over a C full of NaN also
   * checks that C's old contents are ignored.
   *
   * @return null when g is right, else what went wrong
   */
  static String selfCheck(Gemm g) {
    // A = [1 2; 3 4; 5 6], B = [1 0 -1 2; 0 1 3 -2], A·B = [1 2 5 -2; 3 4 9 -2; 5 6 13 -2]
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] at = {1, 3, 5, 2, 4, 6};
    float[] b = {1, 0, -1, 2, 0, 1, 3, -2};
    float[] bt = {1, 0, 0, 1, -1, 3, 2, -2};
    float[] expected = {1, 2, 5, -2, 3, 4, 9, -2, 5, 6, 13, -2};
    try {
      for (boolean transposed : new boolean[] {false, true}) {
        float[] c = new float[12];
        Arrays.fill(c, Float.NaN);
        // C = 1·op(A)·op(B) + 0·C
        g.gemm(transposed, transposed, 3, 4, 2, 1f, transposed ? at : a, transposed ? bt : b, 0f, c);
        if (!Arrays.equals(c, expected)) {
          return "self-check " + (transposed ? "Aᵀ·Bᵀ" : "A·B") + " gave " + Arrays.toString(c)
              + ", expected " + Arrays.toString(expected);
        }
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      return "self-check threw " + e;
    }
  }

  /** The native backend, loaded and self-checked once per JVM, or why not. */
  private static final class Native {
    static final Native RESULT = load();

    final Gemm gemm;
    final String why;

    private Native(Gemm gemm, String why) {
      this.gemm = gemm;
      this.why = why;
    }

    private static Native load() {
      if (!NativeGemm.available()) {
        return new Native(null, NativeGemm.status());
      }
      NativeGemm gemm = NativeGemm.load();
      String failure = selfCheck(gemm);
      if (failure != null) {
        return new Native(null, NativeGemm.status() + ", but " + failure);
      }
      return new Native(gemm, NativeGemm.status() + ", self-check passed");
    }
  }

  /** The java-vector backend, probed and self-checked once per JVM, or why not. */
  private static final class VectorBackend {
    static final VectorBackend RESULT = load();

    final Gemm gemm;
    final String why;

    private VectorBackend(Gemm gemm, String why) {
      this.gemm = gemm;
      this.why = why;
    }

    private static VectorBackend load() {
      if (!VectorSupport.gemmAvailable()) {
        return new VectorBackend(null, VectorSupport.status());
      }
      // only now is a class that links against jdk.incubator.vector touched
      Gemm gemm = VectorGemm.instance();
      String failure = selfCheck(gemm);
      if (failure != null) {
        return new VectorBackend(null, VectorSupport.status() + ", but " + failure);
      }
      return new VectorBackend(gemm, VectorSupport.status() + ", self-check passed");
    }
  }

  /** The automatic choice, made and logged once. */
  private static final class Auto {
    static final Gemm GEMM = choose();

    private static Gemm choose() {
      Native nat = Native.RESULT;
      if (nat.gemm != null) {
        logNative(nat, "auto");
        return nat.gemm;
      }
      VectorBackend vec = VectorBackend.RESULT;
      Gemm java = Linalg.choose(Mode.AUTO, null, vec.gemm);
      LOG.info("linalg backend {} ({}=auto): native BLAS not used: {}; Vector API: {}", java.name(), PROPERTY,
          nat.why, vec.why);
      return java;
    }
  }

  /** The forced pure-Java choice (the best one), logged once. */
  private static final class ForcedJava {
    static final Gemm GEMM = forcedJava();

    private static Gemm forcedJava() {
      VectorBackend vec = VectorBackend.RESULT;
      Gemm java = Linalg.choose(Mode.JAVA, null, vec.gemm);
      LOG.info("linalg backend {} (forced by {}=java; Vector API: {})", java.name(), PROPERTY, vec.why);
      return java;
    }
  }

  /** The forced java-blocked choice, logged once. */
  private static final class ForcedBlocked {
    static final Gemm GEMM = forcedBlocked();

    private static Gemm forcedBlocked() {
      Gemm java = JavaGemm.instance();
      LOG.info("linalg backend {} (forced by {}=java-blocked)", java.name(), PROPERTY);
      return java;
    }
  }

  /** The forced java-vector choice, logged once; only touched once the backend is known to be usable. */
  private static final class ForcedVector {
    static final Gemm GEMM = forcedVector();

    private static Gemm forcedVector() {
      LOG.info("linalg backend {} (forced by {}=java-vector): {}", VectorBackend.RESULT.gemm.name(), PROPERTY,
          VectorBackend.RESULT.why);
      return VectorBackend.RESULT.gemm;
    }
  }

  /** The forced native choice, logged once; only touched once native is known to be usable. */
  private static final class ForcedNative {
    static final Gemm GEMM = forcedNative();

    private static Gemm forcedNative() {
      logNative(Native.RESULT, "native");
      return Native.RESULT.gemm;
    }
  }

  private static void logNative(Native nat, String mode) {
    String threads = System.getenv(THREADS_ENV);
    LOG.info("linalg backend {} ({}={}): {}; {}={}", nat.gemm.name(), PROPERTY, mode, nat.why, THREADS_ENV,
        threads == null ? "unset" : threads);
    if (!"1".equals(threads == null ? null : threads.trim())) {
      LOG.warn("{} is {}: OpenBLAS may run each product on several threads, outside its Spark task's core;"
          + " the launchers set {}=1 (DESIGN §5)", THREADS_ENV, threads == null ? "unset" : "'" + threads + "'",
          THREADS_ENV);
    }
  }
}
