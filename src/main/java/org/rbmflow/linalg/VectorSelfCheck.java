package org.rbmflow.linalg;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every {@link VectorKernelCheck} and says why the Vector API must not be used when one fails. The incubating
 * API changes between JDKs; a kernel compiled against one whose method is gone fails with a
 * {@link NoSuchMethodError} only when that call first runs, which without this check is in the middle of a
 * training run.
 */
final class VectorSelfCheck {
  /**
   * The checks, by class name, each with the classes whose Vector API calls it runs (VectorSelfCheckTest: every
   * class of rbmflow that uses {@code jdk.incubator.vector} is listed).
   */
  static final Map<String, List<String>> CHECKS = checks();

  private VectorSelfCheck() {}

  private static Map<String, List<String>> checks() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("org.rbmflow.linalg.VectorGemmCheck", List.of("org.rbmflow.linalg.VectorGemm"));
    m.put("org.rbmflow.rbm.VectorKernelsCheck", List.of("org.rbmflow.rbm.VectorKernels", "org.rbmflow.rbm.VectorSampling"));
    m.put("org.rbmflow.ising.VectorSpinSumsCheck", List.of("org.rbmflow.ising.VectorSpinSums"));
    return m;
  }

  /**
   * Runs the checks in order, up to the first failure.
   *
   * @return null when all passed, else why not, e.g. "its API differs from the one rbmflow was built against
   *     (NoSuchMethodError: ...)"
   */
  static String run() {
    for (String name : CHECKS.keySet()) {
      String failure;
      try {
        VectorKernelCheck check = (VectorKernelCheck) Class.forName(name).getConstructor().newInstance();
        String mismatch = check.run();
        failure = mismatch == null ? null : "a kernel disagrees with its scalar twin (" + mismatch + ")";
      } catch (Throwable t) {
        // anything at all: the scalar paths are always there to fall back on
        failure = describe(name, t);
      }
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /** Why a check that threw {@code t} rules the Vector API out. Package-private for tests. */
  static String describe(String check, Throwable t) {
    Throwable cause = t;
    while ((cause instanceof InvocationTargetException || cause instanceof ExceptionInInitializerError)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (cause instanceof LinkageError) {
      return "its API differs from the one rbmflow was built against (" + what + ")";
    }
    if (cause instanceof ReflectiveOperationException) {
      return "the self-check " + check + " cannot be run (" + what + ")";
    }
    return "a kernel failed its self-check (" + check.substring(check.lastIndexOf('.') + 1) + " threw " + what + ")";
  }
}
