package org.rbmflow.bench.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code submit/bench} and the environment it reads.
 *
 * @param command mc, cd1, memory, train, sweep or costmodel; "help" for --help
 * @param shared the yardsticks' directory (mc, cd1)
 * @param out where to write the report too, or null
 * @param quick RBMFLOW_BENCH_QUICK=1
 */
record DriverArgs(String command, Path shared, Path out, boolean quick) {
  static final String USAGE_LINE = "Usage: " + Driver.PROG + " mc|cd1 [--shared DIR] [--out FILE] | " + Driver.PROG
      + " memory|train|sweep|costmodel [--out FILE] | " + Driver.PROG + " --help";
  static final List<String> COMMANDS = List.of("mc", "cd1", "memory", "train", "sweep", "costmodel");

  /** Bad usage: exit status 2. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  static DriverArgs help() {
    return new DriverArgs("help", null, null, false);
  }

  /** {@code root}: the repository, beside which the yardsticks are by default. */
  static DriverArgs parse(List<String> args, Map<String, String> env, Path root) throws UsageError {
    if (args.isEmpty()) {
      throw new UsageError("a command is required: mc, cd1, memory, train, sweep or costmodel");
    }
    String command = args.get(0);
    if (List.of("-h", "--help", "help").contains(command)) {
      return help();
    }
    if (!COMMANDS.contains(command)) {
      throw new UsageError("unknown command '" + command + "' (expected mc, cd1, memory, train, sweep or costmodel)");
    }
    String q = env.getOrDefault("RBMFLOW_BENCH_QUICK", "0");
    if (!q.equals("0") && !q.equals("1")) {
      throw new UsageError("RBMFLOW_BENCH_QUICK must be 0 or 1, not '" + q + "'");
    }
    String yardsticks = env.get("RBMFLOW_YARDSTICKS");
    Path shared = yardsticks != null ? Path.of(yardsticks) : root.resolve("../shared/bench").normalize();
    Path out = null;
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      switch (name) {
        case "-h", "--help" -> {
          return help();
        }
        case "--shared", "--out" -> {
          if (name.equals("--shared") && !command.equals("mc") && !command.equals("cd1")) {
            throw new UsageError("--shared applies to 'mc' and 'cd1' only");
          }
          String value;
          if (a.contains("=")) {
            value = a.substring(a.indexOf('=') + 1);
          } else {
            value = i + 1 < args.size() ? args.get(++i) : "";
          }
          if (value.isEmpty()) {
            throw new UsageError(name + (name.equals("--shared") ? " needs a directory" : " needs a file name"));
          }
          if (name.equals("--shared")) {
            shared = Path.of(value);
          } else {
            out = Path.of(value);
          }
        }
        default -> throw new UsageError("unknown argument '" + a + "'");
      }
    }
    return new DriverArgs(command, shared, out, q.equals("1"));
  }
}
