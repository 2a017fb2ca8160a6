package org.rbmflow.cli;

import java.io.PrintWriter;
import org.rbmflow.service.InputException;
import org.rbmflow.service.RunFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code rbmflow} command line. Exit codes: 0 success, 1 a run that failed, 2 bad input (each
 * problem reported on its own line, naming the option, the value and what is allowed; nothing written).
 */
@Command(name = "rbmflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Ising Monte Carlo, +-1 RBMs and the RBM flow, swept over hyperparameter grids.",
    subcommands = {GenerateCommand.class, PointCommand.class, SweepCommand.class, CompactCommand.class,
        AggregateCommand.class, SqlCommand.class, StatusCommand.class, ReportCommand.class, BenchCommand.class})
public final class Main implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** {@code -v} on any command: rbmflow's INFO lines on stderr (backend, caches, stages); without it, warnings only. */
  @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
      description = "Also log rbmflow's details (backend, caches, stages) on stderr; by default only warnings.")
  void verbose(boolean on) {
    if (on) {
      org.apache.logging.log4j.core.config.Configurator.setLevel("org.rbmflow", org.apache.logging.log4j.Level.INFO);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a command is required (generate, point, sweep, compact, aggregate, sql, status, report, bench)");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    PointCommand.addParameterOptions(cl.getSubcommands().get("point").getCommandSpec());
    cl.setOverwrittenOptionsAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      if (ex instanceof CommandLine.UnmatchedArgumentException) {
        java.util.List<String> names = new java.util.ArrayList<>();
        c.getCommandSpec().options().forEach(o -> names.add(o.longestName()));
        names.addAll(c.getSubcommands().keySet());
        c.getErr().println("Allowed: " + String.join(", ", names));
      }
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options and their ranges.");
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      if (ex instanceof InputException u) {
        for (String p : u.problems()) {
          c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + p);
        }
        c.getErr().println("Nothing was written. Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
        return EXIT_USAGE;
      }
      if (ex instanceof org.rbmflow.common.InvalidValueException iv) {
        c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + iv.getMessage());
        c.getErr().println("Nothing was written. Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
        return EXIT_USAGE;
      }
      if (ex instanceof RunFailure || RunFailure.isStorage(ex)) {
        String line = ex instanceof RunFailure ? ex.getMessage() : RunFailure.of(c.getCommandSpec().name(), ex,
            "nothing partial is visible; free space (or make it writable) and rerun the same command").getMessage();
        c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + line);
        return EXIT_FAILED;
      }
      c.getErr().println(c.getCommandSpec().qualifiedName() + ": error: " + ex);
      Throwable cause = ex.getCause();
      while (cause != null) {
        c.getErr().println("  caused by: " + cause);
        cause = cause.getCause();
      }
      return EXIT_FAILED;
    });
    return cl;
  }

  /** The version from the jar manifest, or "dev" when run from classes. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rbmflow " + codeVersion()};
    }
  }

  public static String codeVersion() {
    return org.rbmflow.common.Version.code();
  }
}
