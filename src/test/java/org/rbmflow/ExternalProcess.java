package org.rbmflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test helper: runs a program to its end with a deadline and returns its exit code, stdout and stderr. */
public final class ExternalProcess {
  /** What a finished program left: its exit code and both streams. */
  public record Result(int code, String out, String err) {}

  private ExternalProcess() {}

  /**
   * Runs {@code command} in {@code dir} with {@code env} added to this process's environment (a null value removes
   * the variable), stdin closed. A program that cannot be started throws {@link IOException}; one that outlives
   * {@code timeout} is killed and fails the test.
   */
  public static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout)
      throws IOException {
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    env.forEach((k, v) -> {
      if (v == null) {
        b.environment().remove(k);
      } else {
        b.environment().put(k, v);
      }
    });
    Process p = b.start();
    try {
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish in " + timeout.toSeconds() + " s: " + command);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
