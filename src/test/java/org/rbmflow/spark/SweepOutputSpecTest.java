package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.ising.McSettings;
import org.rbmflow.sweep.SweepSpec;

/** The Monte Carlo schedule an output's identity file records is the one its spec ran with. */
class SweepOutputSpecTest {

  private static McSettings recorded(Path dir, String yaml) throws Exception {
    SweepSpec spec = SweepSpec.parse(yaml, "test.yaml");
    SweepOutput o = SweepOutput.at(dir.toString());
    try (OutputLock lock = o.open(spec, false, "test")) {
      return o.mcSettings();
    }
  }

  @Test
  void theScheduleOfTheSpecIsReadBack(@TempDir Path tmp) throws Exception {
    assertEquals(new McSettings(100, 100, 0, 100), recorded(tmp.resolve("tiny"), SweepTestSupport.TINY));
    String fixed = SweepTestSupport.TINY.replace("{therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 100}",
        "{therm_sweeps: 123, probe_sweeps: 45, decor_sweeps: 7, max_decor_sweeps: 99}");
    assertEquals(new McSettings(123, 45, 7, 99), recorded(tmp.resolve("fixed"), fixed));
  }

  @Test
  void aGridAxisGivesItsFirstValue(@TempDir Path tmp) throws Exception {
    String axis = SweepTestSupport.TINY.replace("{therm_sweeps: 100,", "{therm_sweeps: [300, 200],");
    assertEquals(new McSettings(300, 100, 0, 100), recorded(tmp.resolve("axis"), axis));
  }

  @Test
  void noIdentityFileNoSchedule(@TempDir Path tmp) throws Exception {
    assertNull(SweepOutput.at(tmp.resolve("none").toString()).mcSettings());
  }

  @Test
  void theDefaultsWhenTheSpecSaysNothing(@TempDir Path tmp) throws Exception {
    String bare = SweepTestSupport.TINY.replace(
        "monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 100}\n", "");
    assertEquals(McSettings.DEFAULT, recorded(tmp.resolve("bare"), bare));
  }
}
