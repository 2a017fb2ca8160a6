package org.rbmflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rbmflow.common.JvmOptions;

/** {@code conf/jvm-options} is the one place the JVM options are written; everything else reads it or is checked. */
class JvmOptionsFileTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  /** An {@code --add-opens} option of a java.base package, however it is separated from its value. */
  private static final Pattern OPENS = Pattern.compile("--add-" + "opens[= ]+java\\.base/");
  /** Files allowed to spell the options: the file itself, and Spark's conf file (checked below against it). */
  private static final Set<Path> SPELLERS = Set.of(JvmOptions.FILE, Path.of("conf", "spark-defaults.conf"));

  @Test
  void theFileHoldsTheOpensAndTheVectorModule() {
    List<String> options = JvmOptions.read(ROOT);
    assertTrue(options.contains("--add-modules=jdk.incubator.vector"), options.toString());
    assertTrue(options.stream().filter(o -> OPENS.matcher(o).lookingAt()).count() >= 5, options.toString());
    assertTrue(options.stream().allMatch(o -> o.startsWith("-") && !o.contains(" ")), "one option a line: " + options);
  }

  @Test
  void sparkDefaultsPassTheSameOptionsToDriverAndExecutors() throws IOException {
    Properties conf = new Properties();
    try (Reader r = Files.newBufferedReader(ROOT.resolve("conf/spark-defaults.conf"), StandardCharsets.UTF_8)) {
      conf.load(r);
    }
    String expected = String.join(" ", JvmOptions.read(ROOT));
    assertEquals(expected, conf.getProperty("spark.driver.extraJavaOptions"), "conf/spark-defaults.conf, driver");
    assertEquals(expected, conf.getProperty("spark.executor.extraJavaOptions"), "conf/spark-defaults.conf, executor");
  }

  @Test
  void noOtherFileSpellsTheOpens() throws IOException {
    List<String> spellers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path rel = ROOT.relativize(f);
        String top = rel.getName(0).toString();
        if (top.equals("target") || top.startsWith(".") || SPELLERS.contains(rel) || Files.size(f) > 4_000_000) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (OPENS.matcher(text).find()) {
          spellers.add(rel.toString());
        }
      }
    }
    assertEquals(List.of(), spellers, "files that spell --add-" + "opens instead of reading " + JvmOptions.FILE);
  }
}
