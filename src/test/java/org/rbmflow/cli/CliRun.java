package org.rbmflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in-process (no System.exit) and captures its exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

  static CliRun run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(args, o, e);
    }
    return new CliRun(code, out.toString(), err.toString());
  }
}
