package org.rbmflow.linalg;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this JVM can run rbmflow's code on the JDK's incubating Vector API ({@value #MODULE}): the
 * {@code java-vector} GEMM ({@link VectorGemm}) and the vectorised elementwise loops of the RBM package.
 * Classes that reference {@code jdk.incubator.vector} are only loaded after {@link #available()} said yes,
 * so a JVM started without {@code --add-modules jdk.incubator.vector} (or a JDK without the module) runs the
 * scalar and {@code java-blocked} code instead of failing.
 *
 * <p>The probe runs once per JVM and checks, in order: the system property {@value #PROPERTY} ({@code false}
 * turns the Vector API off, e.g. to compare with the scalar code); the module in the boot layer; that the
 * classes load and the preferred float species has at least 4 lanes (otherwise the API gains nothing); that every
 * kernel gives its scalar twin's bits on a small input ({@link VectorSelfCheck}: the API incubates and changes
 * between JDKs, e.g. {@code LongVector.intoByteArray} is gone from JDK 25, so a kernel compiled against JDK 17's
 * API can fail to link on another JDK, and this finds out before any real work depends on it); for the GEMM also
 * that HotSpot uses FMA instructions ({@code -XX:+UseFMA}, on every x86 CPU since 2013), since the Vector API's
 * {@code fma} falls back to a slow software path without them. {@link #status()} says which and why; the probe logs
 * it once. Thread-safe, allocation-free after the first call.
 */
public final class VectorSupport {
  /** The incubator module. */
  public static final String MODULE = "jdk.incubator.vector";
  /** System property: {@code false} disables every use of the Vector API (default {@code true}). */
  public static final String PROPERTY = "rbmflow.vector";

  private static final Logger LOG = LoggerFactory.getLogger(VectorSupport.class);

  private VectorSupport() {}

  /** Whether the Vector API may be used for elementwise loops (triggers the one probe). */
  public static boolean available() {
    return Probe.RESULT.elementwise;
  }

  /** Whether the {@code java-vector} GEMM may be used: {@link #available()} and FMA instructions. */
  public static boolean gemmAvailable() {
    return Probe.RESULT.gemm;
  }

  /** What the probe found, e.g. {@code "jdk.incubator.vector: 8 float lanes, FMA"} or why it is not used. */
  public static String status() {
    return Probe.RESULT.why;
  }

  /** The result of one probe. */
  record Result(boolean elementwise, boolean gemm, String why) {}

  /**
   * The decision, from its inputs: the property value, whether the module is in the boot layer, the lanes
   * of the preferred float species (0 when the classes failed to load, with {@code loadError} saying why),
   * HotSpot's UseFMA flag (null when unknown, taken as yes) and why the kernels failed their self-check (null when
   * they passed; see {@link VectorSelfCheck#run}). Package-private for tests.
   */
  static Result decide(String property, boolean modulePresent, int lanes, String loadError, String useFma,
      String kernelFailure) {
    if (disabled(property)) {
      return new Result(false, false, "Vector API off (" + PROPERTY + "=" + property.trim() + ")");
    }
    if (!modulePresent) {
      return new Result(false, false, MODULE + " not in the JVM (start java with --add-modules " + MODULE + ")");
    }
    if (loadError != null) {
      return new Result(false, false, MODULE + " present but unusable: " + loadError);
    }
    if (lanes < 4) {
      return new Result(false, false, MODULE + ": the preferred float vector has " + lanes
          + " lane(s), too few to gain anything");
    }
    if (kernelFailure != null) {
      return new Result(false, false, MODULE + " present but " + kernelFailure + ": plain-Java paths");
    }
    if (useFma != null && useFma.trim().equalsIgnoreCase("false")) {
      return new Result(true, false, MODULE + ": " + lanes + " float lanes, but no FMA instructions"
          + " (UseFMA=false): elementwise loops only");
    }
    return new Result(true, true, MODULE + ": " + lanes + " float lanes" + (useFma == null ? "" : ", FMA"));
  }

  /** Whether the property value turns the Vector API off: false, off or no (any case). */
  static boolean disabled(String property) {
    if (property == null) {
      return false;
    }
    String v = property.trim().toLowerCase(Locale.ROOT);
    return v.equals("false") || v.equals("off") || v.equals("no");
  }

  /** The one probe per JVM. */
  private static final class Probe {
    static final Result RESULT = run();

    private static Result run() {
      String property = System.getProperty(PROPERTY);
      boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
      int lanes = 0;
      String error = null;
      String fma = null;
      String kernels = null;
      if (present && !disabled(property)) {
        try {
          // first touch of a class that links against jdk.incubator.vector
          lanes = VectorGemm.lanes();
        } catch (LinkageError | RuntimeException e) {
          error = e.toString();
        }
        fma = useFma();
        if (error == null && lanes >= 4) {
          kernels = VectorSelfCheck.run();
        }
      }
      Result result = decide(property, present, lanes, error, fma, kernels);
      if (kernels != null) {
        // present, asked for, and refused: worth a warning (the plain paths are slower, not wrong)
        LOG.warn("Vector API: {}", result.why());
      } else {
        LOG.info("Vector API: {}", result.why());
      }
      return result;
    }

    /** HotSpot's UseFMA flag, or null when it cannot be read (another VM, no jdk.management). */
    private static String useFma() {
      try {
        return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
            .getVMOption("UseFMA").getValue();
      } catch (RuntimeException | LinkageError e) {
        return null;
      }
    }
  }
}
