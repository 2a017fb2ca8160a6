package org.rbmflow.rbm;

import java.util.Objects;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.random.Xoshiro256PlusPlusX8;

/**
 * Stochastic ±1 units in one fused pass: out = +1 with probability (1 + mean)/2, else −1, drawing the uniforms
 * from eight xoshiro256++ streams in lockstep ({@link Xoshiro256PlusPlusX8}) instead of one serial stream.
 *
 * <p>When the JVM has the incubating Vector API ({@link Activations#vector()}) the full blocks of 16 draws run on
 * {@link VectorSampling}, otherwise on the scalar loop here; the two give bit-identical outputs and leave the
 * generator in the same state, for every n and offset ({@code SignSamplerTest} checks it). Stateful, not
 * thread-safe: one per trainer thread. Allocation-free.
 */
public final class SignSampler {
  private static final int PLUS_ONE = Float.floatToRawIntBits(1f);
  private static final int MINUS_ONE = Float.floatToRawIntBits(-1f);

  private final Xoshiro256PlusPlusX8 rng;
  private final int[] bits = new int[Xoshiro256PlusPlusX8.INTS_PER_STEP];
  /** Scratch of the Vector API kernel: 16 floats as little-endian bytes. */
  private final byte[] bytes = new byte[64];

  /** A sampler whose eight streams are seeded from {@code parent} (consumes 8 words of it). */
  public SignSampler(Xoshiro256PlusPlus parent) {
    rng = new Xoshiro256PlusPlusX8(parent);
  }

  /**
   * out[outOff + i] = mean[meanOff + i] &gt; v_i ? +1f : −1f for i &lt; n, with v_i draw i of this call's
   * sequence ({@link Xoshiro256PlusPlusX8}: ⌈n/16⌉ steps, n = 0 consumes nothing). So P(+1) = (1 + mean)/2 to
   * within 2⁻²³ for mean ∈ [−1, 1] (+1 always above 1, −1 always below −1); a NaN mean gives −1 (divergence is
   * detected on the weights, not here).
   *
   * <p>{@code mean} and {@code out} may be the same array at the same offset (in place); any other overlap of
   * the two windows is rejected. Only {@code out} and the generator state are written.
   *
   * @throws IndexOutOfBoundsException if a window does not fit its array
   * @throws IllegalArgumentException if the windows overlap other than exactly
   */
  public void sample(float[] mean, int meanOff, float[] out, int outOff, int n) {
    check(mean, meanOff, out, outOff, n);
    final int full = n & -Xoshiro256PlusPlusX8.INTS_PER_STEP;
    if (Activations.vector() && full > 0) {
      VectorSampling.sample(rng.state(), mean, meanOff, out, outOff, full, bytes);
      tail(mean, meanOff + full, out, outOff + full, n - full);
    } else {
      sampleScalar(mean, meanOff, out, outOff, n);
    }
  }

  /**
   * {@link #sample} on the scalar loop alone, whatever the JVM; package-private for tests. The full blocks go
   * lane by lane: lane j's output word of step s gives draws 16s + 2j (low half) and 16s + 2j + 1 (high half),
   * so each lane's state stays in registers over all steps instead of going through the array 8 times a step.
   */
  void sampleScalar(float[] mean, int meanOff, float[] out, int outOff, int n) {
    check(mean, meanOff, out, outOff, n);
    final int full = n & -Xoshiro256PlusPlusX8.INTS_PER_STEP;
    final long[] s = rng.state();
    final int lanes = Xoshiro256PlusPlusX8.LANES;
    for (int j = 0; j < lanes; j++) {
      long s0 = s[j];
      long s1 = s[lanes + j];
      long s2 = s[2 * lanes + j];
      long s3 = s[3 * lanes + j];
      for (int i = 2 * j; i < full; i += Xoshiro256PlusPlusX8.INTS_PER_STEP) {
        // xoshiro256++: r = rotl(s0 + s3, 23) + s0; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        // s2 ^= t; s3 = rotl(s3, 45)
        final long r = Long.rotateLeft(s0 + s3, 23) + s0;
        final long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        out[outOff + i] = sign(mean[meanOff + i], (int) r);
        out[outOff + i + 1] = sign(mean[meanOff + i + 1], (int) (r >>> 32));
      }
      s[j] = s0;
      s[lanes + j] = s1;
      s[2 * lanes + j] = s2;
      s[3 * lanes + j] = s3;
    }
    tail(mean, meanOff + full, out, outOff + full, n - full);
  }

  /** The generator (for tests: its state after a call). */
  Xoshiro256PlusPlusX8 generator() {
    return rng;
  }

  /** The last {@code rest} &lt; 16 draws of a call, from one step of which the remainder is discarded. */
  private void tail(float[] mean, int meanOff, float[] out, int outOff, int rest) {
    if (rest == 0) {
      return;
    }
    rng.step(bits, 0);
    for (int k = 0; k < rest; k++) {
      out[outOff + k] = sign(mean[meanOff + k], bits[k]);
    }
  }

  /**
   * mean &gt; v ? +1 : −1 for v = symmetricUniform(bits), chosen between the int bit patterns of ±1, which C2
   * turns into a conditional move; the same choice between float constants became a branch, mispredicted about
   * half the time (3 times slower).
   */
  private static float sign(float mean, int bits) {
    return Float.intBitsToFloat(mean > Xoshiro256PlusPlusX8.symmetricUniform(bits) ? PLUS_ONE : MINUS_ONE);
  }

  private static void check(float[] mean, int meanOff, float[] out, int outOff, int n) {
    Objects.checkFromIndexSize(meanOff, n, mean.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
    if (mean == out && meanOff != outOff && n > 0 && Math.abs(meanOff - outOff) < n) {
      throw new IllegalArgumentException("mean [" + meanOff + ", " + (meanOff + n) + ") and out [" + outOff + ", "
          + (outOff + n) + ") overlap but are not the same window");
    }
  }
}
