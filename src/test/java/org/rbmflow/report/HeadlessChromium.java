package org.rbmflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rbmflow.ExternalProcess;

/**
 * Test helper: Chromium (Debian's {@code chromium}) without a display, one page load per call. Runs with
 * {@code --no-sandbox} (the sandbox refuses root) and a virtual-time budget, so a page counts as loaded once its
 * resources are, without waiting in real time.
 */
final class HeadlessChromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  private final Path binary;
  private final Path profile;

  private HeadlessChromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /** Chromium from the PATH, keeping its profile under {@code profile}; empty when none is installed. */
  static Optional<HeadlessChromium> find(Path profile) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
        .flatMap(d -> NAMES.stream().map(n -> Path.of(d, n))).filter(Files::isExecutable).findFirst()
        .map(b -> new HeadlessChromium(b, profile));
  }

  /** The DOM of {@code page} after it loaded and its scripts ran, as HTML. */
  String dumpDom(Path page) throws IOException {
    return run(List.of("--dump-dom", page.toUri().toString()));
  }

  /** A PNG screenshot of {@code page} in a window of {@code width}×{@code height} pixels. */
  void screenshot(Path page, Path png, int width, int height) throws IOException {
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
        page.toUri().toString()));
  }

  private String run(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + profile, "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=10000"));
    cmd.addAll(args);
    ExternalProcess.Result r = ExternalProcess.run(cmd, Map.of(), profile.getParent(), Duration.ofSeconds(120));
    assertEquals(0, r.code(), String.join(" ", cmd) + "\n" + r.err());
    return r.out();
  }
}
