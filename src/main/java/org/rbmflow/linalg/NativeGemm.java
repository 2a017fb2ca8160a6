package org.rbmflow.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Row-major sgemm through netlib's {@link BLAS} interface ({@code dev.ludovic.netlib:blas}): by default
 * native BLAS (OpenBLAS) through netlib's JNI bridge, {@code "openblas-jni"}; {@link #netlibJava()}
 * wraps netlib's pure-Java BLAS instead (for comparisons).
 *
 * <p><b>Row-major on a column-major BLAS.</b> Fortran BLAS reads a row-major m×n window with leading
 * dimension ld as its transpose, an n×m column-major matrix with the same ld. So the row-major product
 * C = op(A)·op(B) is computed as the column-major product Cᵀ = op(B)ᵀ·op(A)ᵀ: sgemm is called with the
 * operands swapped (B first), m and n swapped, and each operand's transpose flag unchanged, because the
 * column-major view of a row-major B is already Bᵀ.
 *
 * <p><b>Which native library.</b> netlib's JNI stub ({@code libnetlibblasjni.so}, inside the jar) dlopens
 * the library named by the system property {@value #LIB_PATH_PROPERTY} (a full path) or
 * {@value #LIB_PROPERTY} (a soname), else {@code libblas.so.3} — on Debian an alternatives link that
 * points at OpenBLAS when {@code libopenblas0-pthread} is installed, and at the slow reference BLAS
 * otherwise. {@link #load()} therefore, unless one of those properties is already set, looks for
 * {@code libopenblas.so.0} in {@code LD_LIBRARY_PATH} and the usual library directories and, when found,
 * sets {@value #LIB_PATH_PROPERTY} to it before the first load. The choice is global to the JVM (netlib
 * loads once per JVM, and whatever loads first wins; Spark MLlib shares it). Loading needs
 * {@code net.sourceforge.f2j:arpack_combined_all} on the class path (netlib's transitive dependency:
 * without it the JNI stub fails with {@code NoClassDefFoundError: org/netlib/util/booleanW}).
 *
 * <p><b>Threads.</b> OpenBLAS reads {@code OPENBLAS_NUM_THREADS} once, when it loads; the launchers and
 * surefire set it to 1 so that a call never leaves its Spark task's core (DESIGN §5). netlib offers no
 * way to change it afterwards. Stateless and thread-safe; a call allocates nothing.
 */
public final class NativeGemm implements Gemm {
  /** netlib's system property naming the native library by absolute path. */
  public static final String LIB_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  /** netlib's system property naming the native library by soname. */
  public static final String LIB_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";

  private static final String OPENBLAS_SONAME = "libopenblas.so.0";

  private final BLAS blas;
  private final String name;
  private final String library;

  private NativeGemm(BLAS blas, String name, String library) {
    this.blas = blas;
    this.name = name;
    this.library = library;
  }

  /**
   * The native backend, loading it on first use (at most one attempt per JVM).
   *
   * @throws IllegalStateException when the native library does not load; the message says why
   */
  public static NativeGemm load() {
    Attempt attempt = Holder.ATTEMPT;
    if (attempt.gemm == null) {
      throw new IllegalStateException("native BLAS is not available: " + attempt.detail);
    }
    return attempt.gemm;
  }

  /** Whether {@link #load()} succeeds (triggers the one load attempt). */
  public static boolean available() {
    return Holder.ATTEMPT.gemm != null;
  }

  /**
   * How the native load went, for logs: the library file(s) mapped and how it was named, or why it
   * failed (triggers the one load attempt).
   */
  public static String status() {
    return Holder.ATTEMPT.detail;
  }

  /**
   * netlib's pure-Java BLAS behind the same row-major adapter, for comparisons only: {@code "netlib-vector"}
   * when the JVM runs with {@code --add-modules jdk.incubator.vector}, else {@code "netlib-f2j"} (the
   * Fortran translation). Not to be confused with rbmflow's own {@code "java-vector"} ({@link VectorGemm}).
   */
  public static NativeGemm netlibJava() {
    return NetlibJava.GEMM;
  }

  /** Lazy holder of the {@link #netlibJava()} adapter. */
  private static final class NetlibJava {
    static final NativeGemm GEMM = create();

    private static NativeGemm create() {
      BLAS java = JavaBLAS.getInstance();
      boolean vector = java.getClass().getSimpleName().startsWith("Vector");
      return new NativeGemm(java, vector ? "netlib-vector" : "netlib-f2j", java.getClass().getName());
    }
  }

  /** The library file this backend calls into (a path when known), or the Java class for {@link #netlibJava()}. */
  public String library() {
    return library;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0f) {
      // C = β·C; nothing to multiply (and BLAS would check A's and B's leading dimensions against k = 0)
      JavaGemm.scale(m, n, beta, c, cOff, ldc);
      return;
    }
    // Row-major C = α·op(A)·op(B) + β·C  ⇔  column-major Cᵀ = α·op(B)ᵀ·op(A)ᵀ + β·Cᵀ
    blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
        b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
  }

  @Override
  public String toString() {
    return name + " (" + library + ")";
  }

  /** The one load attempt: a backend, or null and why. */
  private record Attempt(NativeGemm gemm, String detail) {}

  /** Lazy holder: the native library is looked for the first time it is asked for, once per JVM. */
  private static final class Holder {
    static final Attempt ATTEMPT = attempt();
  }

  private static Attempt attempt() {
    String how = chooseLibrary();
    BLAS blas;
    try {
      // netlib's own loader swallows the reason ("Unable to load native implementation"); initialising
      // its JNI class first surfaces it (missing f2j classes, a library dlopen could not find, ...).
      Class.forName("dev.ludovic.netlib.blas.JNIBLAS", true, NativeBLAS.class.getClassLoader());
      blas = NativeBLAS.getInstance();
    } catch (Throwable e) { // RuntimeException from netlib; linkage and class-initialisation Errors
      return new Attempt(null, how + ": " + describe(e));
    }
    List<String> mapped = mappedBlasLibraries();
    String library = mapped.isEmpty() ? "unknown file" : String.join(", ", mapped);
    boolean openblas = library.toLowerCase(Locale.ROOT).contains("openblas");
    return new Attempt(new NativeGemm(blas, openblas ? "openblas-jni" : "blas-jni", library),
        "loaded " + library + " (" + how + ")");
  }

  /** The innermost cause of a load failure, with a hint for the JNI stub's opaque dlopen failure. */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.toString();
    if (text.contains("unsupported JNI version")) {
      // the stub's JNI_OnLoad returns -1 when dlopen of the BLAS library or dlsym of its symbols fails
      text += " (netlib's JNI stub could not open the BLAS library or find its symbols)";
    }
    return text;
  }

  /**
   * Points netlib at OpenBLAS when the user has not chosen: sets {@value #LIB_PATH_PROPERTY} to the
   * first {@code libopenblas.so.0} found, and says what was decided.
   */
  private static String chooseLibrary() {
    String path = System.getProperty(LIB_PATH_PROPERTY);
    if (path != null && !path.isEmpty()) {
      return LIB_PATH_PROPERTY + "=" + path + " (set by the user)";
    }
    String lib = System.getProperty(LIB_PROPERTY);
    if (lib != null && !lib.isEmpty()) {
      return LIB_PROPERTY + "=" + lib + " (set by the user)";
    }
    for (Path dir : libraryDirectories()) {
      Path candidate = dir.resolve(OPENBLAS_SONAME);
      if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
        System.setProperty(LIB_PATH_PROPERTY, candidate.toString());
        return LIB_PATH_PROPERTY + "=" + candidate + " (found by rbmflow)";
      }
    }
    return "no " + OPENBLAS_SONAME + " found; netlib's default libblas.so.3";
  }

  /** LD_LIBRARY_PATH, then the Debian multiarch and the usual library directories, in that order. */
  private static Set<Path> libraryDirectories() {
    Set<Path> dirs = new LinkedHashSet<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(":")) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    String arch = System.getProperty("os.arch", "");
    String multiarch = switch (arch) {
      case "amd64", "x86_64" -> "x86_64-linux-gnu";
      case "aarch64" -> "aarch64-linux-gnu";
      case "riscv64" -> "riscv64-linux-gnu";
      default -> null;
    };
    if (multiarch != null) {
      dirs.add(Path.of("/usr/lib", multiarch));
      dirs.add(Path.of("/lib", multiarch));
    }
    for (String d : new String[] {"/usr/lib64", "/usr/lib", "/usr/local/lib", "/opt/OpenBLAS/lib"}) {
      dirs.add(Path.of(d));
    }
    return dirs;
  }

  /** The BLAS shared objects mapped into this process (Linux /proc/self/maps), without netlib's JNI stub. */
  private static List<String> mappedBlasLibraries() {
    List<String> found = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int slash = line.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String file = line.substring(slash);
        String base = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (base.contains("blas") && !base.contains("netlibblasjni") && !found.contains(file)) {
          found.add(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not readable: the library stays "unknown"
    }
    return found;
  }
}
