package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rbmflow --help} lists every command with a whole sentence, not the first line of a longer description. */
class TopLevelHelpTest {
  @Test
  void everyCommandIsSummarisedInOneWholeSentence() {
    CliRun r = CliRun.run("--help");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    int from = lines.indexOf("Commands:");
    assertTrue(from > 0, r.out());
    List<String> commands = lines.subList(from + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      String line = commands.stream().filter(l -> l.strip().startsWith(name + " ")).findFirst()
          .orElseThrow(() -> new AssertionError(name + " is not listed: " + r.out()));
      int at = commands.indexOf(line);
      boolean continued = at + 1 < commands.size() && commands.get(at + 1).startsWith("     ");
      String summary = (line + (continued ? " " + commands.get(at + 1).strip() : "")).strip();
      assertTrue(summary.endsWith("."), name + ": the summary ends mid-sentence: " + summary);
    }
  }
}
