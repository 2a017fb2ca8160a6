package org.rbmflow.linalg;

import java.util.Arrays;
import java.util.Locale;
import org.rbmflow.common.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that chooses how matrices are multiplied (DESIGN §5): {@link #best()} gives native
 * BLAS ({@link NativeGemm}, OpenBLAS through JNI) when it loads and passes a self-check, else the
 * pure-Java {@link JavaGemm}. Callers record {@link Gemm#name()} as the {@code backend} of their rows.
 *
 * <p>The system property {@value #PROPERTY} = {@code auto} (default) | {@code java} | {@code native}
 * forces a choice; {@code native} when the library does not load is an {@link IllegalStateException}
 * rather than a silent fallback. Each choice is made, and logged (slf4j, with the reason and the
 * library file), once per JVM; later calls only read the property. Thread-safe, allocation-free after
 * the first call.
 *
 * <p>Native BLAS must stay on its task's core: the launchers, {@code spark.executorEnv} and surefire set
 * {@code OPENBLAS_NUM_THREADS=1}, which OpenBLAS reads when it loads; a warning is logged when the
 * native backend is chosen without it.
 */
public final class Linalg {
  /** System property that forces the backend: {@code auto}, {@code java} or {@code native}. */
  public static final String PROPERTY = "rbmflow.linalg";
  /** Environment variable that caps OpenBLAS's threads; must be 1 inside Spark tasks. */
  public static final String THREADS_ENV = "OPENBLAS_NUM_THREADS";

  private static final Logger LOG = LoggerFactory.getLogger(Linalg.class);

  /** How {@link #best()} chooses. */
  public enum Mode {
    /** Native when it loads and passes the self-check, else Java. */
    AUTO,
    /** Always {@link JavaGemm}. */
    JAVA,
    /** Always {@link NativeGemm}; an error when it is unavailable. */
    NATIVE;

    /** Parses {@code auto|java|native} (case-insensitive, blank = auto); names the property when it fails. */
    public static Mode parse(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "auto" -> AUTO;
        case "java" -> JAVA;
        case "native" -> NATIVE;
        default -> throw new InvalidValueException(PROPERTY, value, "one of auto, java, native");
      };
    }
  }

  private Linalg() {}

  /**
   * The backend for the large products, as chosen by {@value #PROPERTY} (see the class comment).
   *
   * @throws IllegalStateException when native is forced but does not load or fails the self-check
   * @throws InvalidValueException when the property has another value
   */
  public static Gemm best() {
    return select(Mode.parse(System.getProperty(PROPERTY)));
  }

  /** The backend for an explicit mode, ignoring the property; same errors as {@link #best()}. */
  public static Gemm select(Mode mode) {
    return switch (mode) {
      case AUTO -> Auto.GEMM;
      case JAVA -> Forced.JAVA;
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

  /** The automatic choice, made and logged once. */
  private static final class Auto {
    static final Gemm GEMM = choose();

    private static Gemm choose() {
      Native nat = Native.RESULT;
      if (nat.gemm != null) {
        logNative(nat, "auto");
        return nat.gemm;
      }
      Gemm java = JavaGemm.instance();
      LOG.info("linalg backend {} ({}=auto): native BLAS not used: {}", java.name(), PROPERTY, nat.why);
      return java;
    }
  }

  /** The forced Java choice, logged once. */
  private static final class Forced {
    static final Gemm JAVA = forcedJava();

    private static Gemm forcedJava() {
      Gemm java = JavaGemm.instance();
      LOG.info("linalg backend {} (forced by {}=java)", java.name(), PROPERTY);
      return java;
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
