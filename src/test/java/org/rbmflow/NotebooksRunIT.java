package org.rbmflow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.report.ReportImages;

/**
 * Executes every notebook of {@code notebooks/} against the tables of a real small sweep ({@link SmallSweep}), as
 * Jupyter would: nbclient with the {@code python3} kernel, {@code RBMFLOW_OUT} set to the sweep, the kernel started
 * in {@code notebooks/}. Every cell must run, and every notebook must draw at least one figure, each of more than
 * one colour. Committed notebooks stay without outputs; the executed copies go to a temporary directory.
 *
 * <p>An integration test (after {@code package}) because without pyarrow, as on Debian, {@code rbmflow_tables.py}
 * reads the tables through {@code submit/rbmflow sql}, which runs the shaded jar. It needs a Python 3 that imports
 * nbformat, nbclient, ipykernel, pandas and matplotlib (Debian's {@code python3-nbclient python3-ipykernel
 * python3-pandas python3-matplotlib}, installed by {@code .ci/run}); without one it is skipped with the reason.
 */
class NotebooksRunIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  private static final String MODULES = "nbformat, nbclient, ipykernel, pandas, matplotlib";
  private static final int CELL_TIMEOUT_SECONDS = 300;
  private static final Duration NOTEBOOK_TIMEOUT = Duration.ofSeconds(600);

  private record Run(Path notebook, ExternalProcess.Result result, Path executed, long millis) {}

  @Test
  void everyNotebookRunsOnASmallSweepAndDrawsItsFigures(@TempDir Path tmp) throws Exception {
    String python = interpreter();
    assertJarIsCurrent();
    long t0 = System.nanoTime();
    Path out = SmallSweep.run(tmp);
    long sweepMillis = (System.nanoTime() - t0) / 1_000_000;
    Path executed = Files.createDirectory(tmp.resolve("executed"));
    List<Path> notebooks = NotebooksTest.notebooks().stream().map(ROOT::resolve).toList();
    assertFalse(notebooks.isEmpty(), "no notebooks in " + ROOT.resolve(NotebooksTest.DIR));

    Map<String, String> env = new HashMap<>();
    env.put("RBMFLOW_OUT", out.toString());
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("MPLBACKEND", null);
    String script = resource("run_notebook.py");
    List<Run> runs = new ArrayList<>();
    // two at a time: each kernel waits for its own `rbmflow sql` JVM most of the time
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (Path nb : notebooks) {
        Path copy = executed.resolve(nb.getFileName());
        futures.add(pool.submit(() -> {
          long start = System.nanoTime();
          ExternalProcess.Result r = ExternalProcess.run(List.of(python, "-c", script, nb.toString(), copy.toString(),
              Integer.toString(CELL_TIMEOUT_SECONDS)), env, ROOT, NOTEBOOK_TIMEOUT);
          return new Run(nb, r, copy, (System.nanoTime() - start) / 1_000_000);
        }));
      }
      for (Future<Run> f : futures) {
        runs.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> problems = new ArrayList<>();
    StringBuilder times = new StringBuilder("sweep " + sweepMillis + " ms");
    for (Run run : runs) {
      String name = run.notebook().getFileName().toString();
      if (run.result().code() != 0) {
        problems.add(name + ": exit " + run.result().code() + "\n" + run.result().err());
      }
      if (!Files.isRegularFile(run.executed())) {
        problems.add(name + ": no executed copy");
        continue;
      }
      int images = checkOutputs(name, run.executed(), problems);
      times.append(", ").append(name).append(' ').append(run.millis()).append(" ms (").append(images)
          .append(" figures)");
    }
    System.out.println("NotebooksRunIT: " + times);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Adds the executed notebook's errors and blank or missing figures to {@code problems}; returns its figures. */
  private static int checkOutputs(String name, Path executed, List<String> problems) throws IOException {
    int images = 0;
    JsonNode cells = NotebooksTest.JSON.readTree(executed.toFile()).path("cells");
    for (int i = 0; i < cells.size(); i++) {
      for (JsonNode o : cells.get(i).path("outputs")) {
        if ("error".equals(o.path("output_type").asText())) {
          problems.add(name + " cell " + i + ": " + o.path("ename").asText() + ": " + o.path("evalue").asText());
        }
        JsonNode png = o.path("data").path("image/png");
        if (png.isTextual()) {
          images++;
          BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(png.asText())));
          if (img == null) {
            problems.add(name + " cell " + i + ": an image/png output that is not a PNG");
          } else if (ReportImages.colours(img) < 2) {
            problems.add(name + " cell " + i + ": a blank figure (" + img.getWidth() + "×" + img.getHeight() + ")");
          }
        }
      }
    }
    if (images == 0) {
      problems.add(name + ": no figure (no image/png output)");
    }
    return images;
  }

  /** The first of {@code python3}, {@code /usr/bin/python3} that imports every module needed; skips without. */
  private static String interpreter() throws IOException {
    String why = "";
    for (String py : List.of("python3", "/usr/bin/python3")) {
      try {
        ExternalProcess.Result r = ExternalProcess.run(List.of(py, "-c", "import " + MODULES), Map.of(), ROOT,
            Duration.ofSeconds(60));
        if (r.code() == 0) {
          return py;
        }
        List<String> lines = r.err().strip().lines().toList();
        why += "; " + py + ": " + (lines.isEmpty() ? "exit " + r.code() : lines.get(lines.size() - 1));
      } catch (IOException e) {
        why += "; " + py + ": not found";
      }
    }
    Prerequisites.missing("NotebooksRunIT", "no Python 3 imports " + MODULES + why
        + " (apt-get install python3-nbclient python3-ipykernel python3-pandas python3-matplotlib)");
    throw new AssertionError("unreachable");
  }

  /**
   * The loader runs {@code submit/rbmflow}, which builds the jar when it is older than the sources: that must not
   * happen inside the build running this test.
   */
  private static void assertJarIsCurrent() throws IOException {
    Path jar = ROOT.resolve("target/rbmflow.jar");
    assertTrue(Files.isRegularFile(jar) && Files.isRegularFile(ROOT.resolve("target/classpath.txt")),
        jar + " and target/classpath.txt are built by `mvn package`, which runs before this test");
    FileTime built = Files.getLastModifiedTime(jar);
    try (Stream<Path> s = Stream.concat(Files.walk(ROOT.resolve("src/main")), Stream.of(ROOT.resolve("pom.xml")))) {
      List<Path> newer = s.filter(Files::isRegularFile).filter(p -> newerThan(p, built)).limit(5).toList();
      assertTrue(newer.isEmpty(), "sources newer than " + jar + " (run `mvn package` again): " + newer);
    }
  }

  private static boolean newerThan(Path p, FileTime t) {
    try {
      return Files.getLastModifiedTime(p).compareTo(t) > 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = NotebooksRunIT.class.getResourceAsStream(name)) {
      assertTrue(in != null, "missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
