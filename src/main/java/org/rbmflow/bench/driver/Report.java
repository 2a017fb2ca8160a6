package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A benchmark's Markdown report: built line by line, then printed on stdout and written to --out. */
final class Report {
  private final List<String> lines = new ArrayList<>();
  private final boolean quick;

  Report(boolean quick) {
    this.quick = quick;
  }

  void emit(String... text) {
    lines.addAll(List.of(text));
  }

  void emit(List<String> text) {
    lines.addAll(text);
  }

  /** A fenced block. */
  void code(List<String> text) {
    lines.add("```");
    lines.addAll(text);
    lines.add("```");
  }

  /** In quick mode, the warning that the numbers are not measurements. */
  void quickBanner() {
    if (quick) {
      emit("> **Quick mode (RBMFLOW_BENCH_QUICK=1): short runs that check the driver works. Not a measurement.**", "");
    }
  }

  /** The load averages at the start and the end, and a warning if other work was running (one-core runs). */
  void load(String start, String end, int rounds, Driver log) {
    emit("- 1-minute load average: " + start + " at the start, " + end + " at the end (" + Facts.cpus()
        + " logical CPUs)");
    if (KeyValues.number(start) > 1.5 || KeyValues.number(end) > 2.5) {
      emit("- Warning: other work was running on this machine; the numbers are noisy (best of " + rounds
          + " helps, but repeat on an idle machine)");
      log.log(String.format(Locale.ROOT, "warning: the machine was busy (load average %s -> %s); the numbers are noisy",
          start, end));
    }
  }

  /** Prints the report on stdout and, when {@code out} is given, writes it there too. */
  void finish(Path out, Driver log) throws IOException {
    String text = String.join("\n", lines) + "\n";
    System.out.print(text);
    System.out.flush();
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, text);
      log.log("report written to " + out);
    }
  }
}
