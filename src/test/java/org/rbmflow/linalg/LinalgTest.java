package org.rbmflow.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.InvalidValueException;

/** The facade: the automatic choice, forcing by {@value Linalg#PROPERTY}, the self-check, and a throughput print. */
class LinalgTest {
  private String saved;

  @BeforeEach
  void saveProperty() {
    saved = System.getProperty(Linalg.PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (saved == null) {
      System.clearProperty(Linalg.PROPERTY);
    } else {
      System.setProperty(Linalg.PROPERTY, saved);
    }
  }

  @Test
  void autoPrefersNativeWhenItLoads() {
    System.clearProperty(Linalg.PROPERTY);
    Gemm g = Linalg.best();
    if (Linalg.nativeAvailable()) {
      assertSame(NativeGemm.load(), g);
    } else if (Linalg.vectorAvailable()) {
      assertSame(VectorGemm.instance(), g, Linalg.nativeStatus());
    } else {
      assertSame(JavaGemm.instance(), g, Linalg.nativeStatus());
    }
    System.setProperty(Linalg.PROPERTY, " AUTO ");
    assertSame(g, Linalg.best());
    assertNotNull(Linalg.nativeStatus());
  }

  /** {@code java} is the best pure-Java backend: java-vector where the Vector API module is present. */
  @Test
  void forcingJava() {
    System.setProperty(Linalg.PROPERTY, "java");
    if (Linalg.vectorAvailable()) {
      assertSame(VectorGemm.instance(), Linalg.best());
      assertEquals("java-vector", Linalg.best().name());
    } else {
      assertSame(JavaGemm.instance(), Linalg.best(), Linalg.vectorStatus());
    }
    System.setProperty(Linalg.PROPERTY, " Java-Blocked ");
    assertSame(JavaGemm.instance(), Linalg.best());
    assertEquals("java-blocked", Linalg.best().name());
  }

  @Test
  void forcingJavaVector() {
    System.setProperty(Linalg.PROPERTY, "java-vector");
    if (Linalg.vectorAvailable()) {
      assertSame(VectorGemm.instance(), Linalg.best());
    } else {
      IllegalStateException e = assertThrows(IllegalStateException.class, Linalg::best);
      assertTrue(e.getMessage().contains(Linalg.PROPERTY + "=java-vector"), e.getMessage());
    }
  }

  /** The surefire JVM runs with --add-modules jdk.incubator.vector (pom.xml), as the launchers do. */
  @Test
  void vectorBackendIsAvailableUnderTheProjectsJvmFlags() {
    assertTrue(ModuleLayer.boot().findModule(VectorSupport.MODULE).isPresent(), "surefire's argLine lost the module");
    assertTrue(Linalg.vectorAvailable(), Linalg.vectorStatus());
    assertTrue(VectorSupport.available(), VectorSupport.status());
    assertTrue(Linalg.vectorStatus().contains("self-check passed"), Linalg.vectorStatus());
  }

  /** The choice without the Vector API (simulated): auto and java fall back to java-blocked, java-vector has none. */
  @Test
  void choiceWithoutTheVectorApiFallsBackToJavaBlocked() {
    Gemm fakeNative = NativeGemm.netlibJava();
    Gemm vector = VectorGemm.instance();
    assertSame(JavaGemm.instance(), Linalg.choose(Linalg.Mode.AUTO, null, null));
    assertSame(JavaGemm.instance(), Linalg.choose(Linalg.Mode.JAVA, null, null));
    assertSame(JavaGemm.instance(), Linalg.choose(Linalg.Mode.JAVA, fakeNative, null));
    assertNull(Linalg.choose(Linalg.Mode.JAVA_VECTOR, fakeNative, null));
    assertSame(JavaGemm.instance(), Linalg.choose(Linalg.Mode.JAVA_BLOCKED, fakeNative, vector));
    // with it: native first, then java-vector
    assertSame(fakeNative, Linalg.choose(Linalg.Mode.AUTO, fakeNative, vector));
    assertSame(vector, Linalg.choose(Linalg.Mode.AUTO, null, vector));
    assertSame(vector, Linalg.choose(Linalg.Mode.JAVA, fakeNative, vector));
    assertSame(vector, Linalg.choose(Linalg.Mode.JAVA_VECTOR, null, vector));
    assertNull(Linalg.choose(Linalg.Mode.NATIVE, null, vector));
  }

  @Test
  void vectorProbeDecisions() {
    assertFalse(VectorSupport.decide("false", true, 8, null, "true", null).elementwise());
    assertFalse(VectorSupport.decide(" OFF ", true, 8, null, "true", null).gemm());
    assertTrue(VectorSupport.decide(null, true, 8, null, "true", null).gemm());
    assertTrue(VectorSupport.decide("true", true, 16, null, null, null).gemm());
    VectorSupport.Result absent = VectorSupport.decide(null, false, 0, null, null, null);
    assertFalse(absent.elementwise());
    assertTrue(absent.why().contains("--add-modules " + VectorSupport.MODULE), absent.why());
    assertFalse(VectorSupport.decide(null, true, 0, "java.lang.NoClassDefFoundError: x", null, null).elementwise());
    assertFalse(VectorSupport.decide(null, true, 2, null, "true", null).elementwise());
    VectorSupport.Result noFma = VectorSupport.decide(null, true, 8, null, "false", null);
    assertTrue(noFma.elementwise());
    assertFalse(noFma.gemm());
    // a JDK whose Vector API lacks a method the kernels call: neither use, and the status says why
    String missing = VectorSelfCheck.describe("org.rbmflow.rbm.VectorKernelsCheck", new NoSuchMethodError(
        "'void jdk.incubator.vector.LongVector.intoByteArray(byte[], int, java.nio.ByteOrder)'"));
    VectorSupport.Result differs = VectorSupport.decide(null, true, 8, null, "true", missing);
    assertFalse(differs.elementwise());
    assertFalse(differs.gemm());
    assertEquals(VectorSupport.MODULE + " present but its API differs from the one rbmflow was built against "
        + "(NoSuchMethodError: 'void jdk.incubator.vector.LongVector.intoByteArray(byte[], int, java.nio.ByteOrder)')"
        + ": plain-Java paths", differs.why());
    // the property still wins, and a module that is missing is reported as such
    assertTrue(VectorSupport.decide("false", true, 8, null, "true", missing).why().contains(VectorSupport.PROPERTY));
    assertTrue(VectorSupport.decide(null, false, 0, null, null, null).why().contains("not in the JVM"));
  }

  /**
   * A real JVM without {@code --add-modules jdk.incubator.vector}: nothing fails, {@code java} gives java-blocked and
   * CD-1 trains on the scalar loops; {@code java-vector} is refused with a reason.
   */
  @Test
  void jvmWithoutTheVectorModuleFallsBack(@TempDir Path tmp) throws Exception {
    String gemm = runMain(tmp, "-Drbmflow.linalg=java", "bench", "gemm", "--nv", "20", "--nh", "7", "--batch", "5",
        "--seconds", "0.01");
    assertTrue(gemm.contains("backend=java-blocked"), gemm);
    assertTrue(gemm.contains("not in the JVM"), gemm);
    String cd1 = runMain(tmp, "-Drbmflow.linalg=auto", "bench", "cd1", "--nv", "20", "--nh", "7", "--samples", "200",
        "--batch", "10", "--epochs", "1");
    assertTrue(cd1.contains("rbmflow-cd1 nv=20"), cd1);
    assertFalse(cd1.contains("backend=java-vector"), cd1);
    String forced = runMainExpectingFailure(tmp, "-Drbmflow.linalg=java-vector", "bench", "gemm", "--nv", "4",
        "--nh", "4", "--batch", "4", "--seconds", "0.01");
    assertTrue(forced.contains(Linalg.PROPERTY + "=java-vector"), forced);
  }

  private static String runMain(Path tmp, String property, String... args) throws Exception {
    Process p = start(tmp, property, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static String runMainExpectingFailure(Path tmp, String property, String... args) throws Exception {
    Process p = start(tmp, property, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + out);
    assertNotEquals(0, p.exitValue(), out);
    return out;
  }

  /** rbmflow's Main in a JVM with this test's class path but none of the launchers' module flags. */
  private static Process start(Path tmp, String property, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", property,
        "-Dlog4j2.configurationFile=" + Path.of("conf", "log4j2.properties").toAbsolutePath(), "-cp",
        System.getProperty("java.class.path"), "org.rbmflow.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(tmp.toFile());
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    return pb.start();
  }

  @Test
  void forcingNative() {
    System.setProperty(Linalg.PROPERTY, "native");
    if (Linalg.nativeAvailable()) {
      Gemm g = Linalg.best();
      assertSame(NativeGemm.load(), g);
      assertTrue(g.name().endsWith("-jni"), g.name());
    } else {
      IllegalStateException e = assertThrows(IllegalStateException.class, Linalg::best);
      assertTrue(e.getMessage().contains(Linalg.PROPERTY + "=native"), e.getMessage());
    }
  }

  @Test
  void rejectsUnknownMode() {
    System.setProperty(Linalg.PROPERTY, "gpu");
    InvalidValueException e = assertThrows(InvalidValueException.class, Linalg::best);
    assertEquals(Linalg.PROPERTY, e.field());
    assertEquals("gpu", e.value());
  }

  @Test
  void selfCheckPassesOnRealBackendsAndCatchesAWrongOne() {
    assertNull(Linalg.selfCheck(JavaGemm.instance()));
    if (Linalg.vectorAvailable()) {
      assertNull(Linalg.selfCheck(VectorGemm.instance()));
    }
    assertNull(Linalg.selfCheck(NativeGemm.netlibJava()));
    if (NativeGemm.available()) {
      assertNull(Linalg.selfCheck(NativeGemm.load()));
    }
    // a backend that forgets the transpose flags
    Gemm wrong = new Gemm() {
      @Override
      public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
          int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        JavaGemm.instance().gemm(false, false, m, n, k, alpha, a, aOff, k, b, bOff, n, beta, c, cOff, ldc);
      }

      @Override
      public String name() {
        return "wrong";
      }
    };
    assertNotNull(Linalg.selfCheck(wrong));
  }

  /** Not an assertion: GFLOPS of each backend for the three CD products at B = 100, N_v = 400, N_h = 64. */
  @Test
  void printsThroughput() {
    int batch = 100;
    int nv = 400;
    int nh = 64;
    StringBuilder out = new StringBuilder("linalg throughput, one thread, B=" + batch + " N_v=" + nv + " N_h=" + nh
        + " (GFLOPS; H=V·W, V'=H·Wᵀ, ΔW=Vᵀ·H):");
    List<Gemm> backends = new ArrayList<>();
    if (NativeGemm.available()) {
      backends.add(NativeGemm.load());
    }
    if (Linalg.vectorAvailable()) {
      backends.add(VectorGemm.instance());
    }
    backends.add(JavaGemm.instance());
    backends.add(NativeGemm.netlibJava());
    float[] v = GemmTest.random(batch * nv, 1);
    float[] w = GemmTest.random(nv * nh, 2);
    float[] h = GemmTest.random(batch * nh, 3);
    float[] vOut = new float[batch * nv];
    float[] hOut = new float[batch * nh];
    float[] dw = new float[nv * nh];
    for (Gemm g : backends) {
      double vw = gflops(() -> g.gemm(false, false, batch, nh, nv, 1f, v, w, 0f, hOut), batch, nh, nv);
      double hwt = gflops(() -> g.gemm(false, true, batch, nv, nh, 1f, h, w, 0f, vOut), batch, nv, nh);
      double vth = gflops(() -> g.gemm(true, false, nv, nh, batch, 1f, v, h, 1f, dw), nv, nh, batch);
      out.append(String.format("%n  %-13s %7.2f %7.2f %7.2f", g.name(), vw, hwt, vth));
    }
    out.append(String.format("%n  (OPENBLAS_NUM_THREADS=%s; native: %s)", System.getenv(Linalg.THREADS_ENV),
        Linalg.nativeStatus()));
    System.out.println(out);
  }

  /** Best of five timed rounds of ~0.1 s each after ~0.3 s of warm-up: 2·m·n·k flops per call. */
  private static double gflops(Runnable call, int m, int n, int k) {
    double flops = 2.0 * m * n * k;
    long warmEnd = System.nanoTime() + 300_000_000L;
    int reps = 0;
    while (System.nanoTime() < warmEnd) {
      call.run();
      reps++;
    }
    reps = Math.max(1, reps / 3);
    double best = 0;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        call.run();
      }
      best = Math.max(best, flops * reps / (System.nanoTime() - t0));
    }
    return best;
  }
}
