package org.rbmflow.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    } else {
      assertSame(JavaGemm.instance(), g, Linalg.nativeStatus());
    }
    System.setProperty(Linalg.PROPERTY, " AUTO ");
    assertSame(g, Linalg.best());
    assertNotNull(Linalg.nativeStatus());
  }

  @Test
  void forcingJava() {
    System.setProperty(Linalg.PROPERTY, "java");
    assertSame(JavaGemm.instance(), Linalg.best());
    assertEquals("java-blocked", Linalg.best().name());
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
    Gemm[] backends = NativeGemm.available()
        ? new Gemm[] {NativeGemm.load(), JavaGemm.instance(), NativeGemm.netlibJava()}
        : new Gemm[] {JavaGemm.instance(), NativeGemm.netlibJava()};
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
