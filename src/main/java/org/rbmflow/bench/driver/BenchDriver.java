package org.rbmflow.bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The main class of {@code submit/bench} (see its --help). Started by that launcher from the rbmflow snapshot with the
 * system properties {@code rbmflow.bench.root} (the repository) and {@code rbmflow.bench.java} (the java of the
 * rbmflow runs). Exit status 0, 1 when a benchmark failed or did not complete, 2 on bad usage.
 */
public final class BenchDriver {
  private BenchDriver() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(List.of(args)));
  }

  static int run(List<String> args) throws IOException {
    Path root = Path.of(System.getProperty("rbmflow.bench.root", ".")).toAbsolutePath().normalize();
    DriverArgs a;
    try {
      a = DriverArgs.parse(args, System.getenv(), root);
    } catch (DriverArgs.UsageError e) {
      System.err.println(Driver.PROG + ": " + e.getMessage());
      System.err.println(DriverArgs.USAGE_LINE);
      return 2;
    }
    if (a.command().equals("help")) {
      System.out.print(usage());
      return 0;
    }
    Driver d = new Driver(root, Path.of(System.getProperty("rbmflow.bench.java", "java")), a.quick(),
        System.getenv().getOrDefault("JAVA_OPTS", ""));
    Report report = new Report(a.quick());
    try {
      boolean completed = switch (a.command()) {
        case "mc" -> {
          new McSuite(d, Yardsticks.in(a.shared(), d, "metropolis_reference.c", "numpy_reference.py")).run(report);
          yield true;
        }
        case "cd1" -> {
          new Cd1Suite(d, Yardsticks.in(a.shared(), d, "numpy_reference.py")).run(report);
          yield true;
        }
        case "memory" -> new HeapSuite(d).memory(report);
        case "train" -> new HeapSuite(d).train(report);
        case "costmodel" -> {
          new CostModelSuite(d).run(report);
          yield true;
        }
        default -> {
          new SweepSuite(d).run(report);
          yield true;
        }
      };
      report.finish(a.out(), d);
      return completed ? 0 : 1;
    } catch (BenchFailure e) {
      if (!e.stderrTail.isEmpty()) {
        d.log("last lines of its stderr:");
        System.err.println(e.stderrTail.replaceAll("(?m)^", "  "));
      }
      d.log(e.getMessage());
      return 1;
    }
  }

  private static String usage() throws IOException {
    try (InputStream in = BenchDriver.class.getResourceAsStream("usage.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
