package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** A spec's grid read back from its canonical text is the spec's own grid, for every shipped job spec. */
class RecordedSpecTest {
  @TestFactory
  Stream<DynamicTest> everyShippedSpecReadsBackToItsGrid() throws IOException {
    List<Path> specs;
    try (Stream<Path> files = Files.list(Path.of("jobs"))) {
      specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(specs.size() >= 10, "the shipped specs: " + specs);
    return specs.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      SweepSpec spec = SweepSpec.read(file);
      RecordedSpec recorded = RecordedSpec.parse(spec.canonicalText(), file.toString());
      assertEquals(spec.name(), recorded.name());
      assertEquals(spec.checkpoints(), recorded.checkpoints());
      assertEquals(spec.grid().stream().map(GridPoint::pointId).sorted().toList(),
          recorded.grid().stream().map(GridPoint::pointId).sorted().toList());
    }));
  }

  @Test
  void aLegacyMonitorEveryStillReads() throws Exception {
    SweepSpec spec = SweepSpec.read(Path.of("jobs/quickstart.yaml"));
    String legacy = spec.canonicalText().replace("\"training\":{", "\"training\":{\"monitor_every\":0,");
    assertEquals(spec.grid(), RecordedSpec.parse(legacy, "old").grid());
  }

  @Test
  void textThatIsNoSpecIsRefused() {
    assertThrows(SpecException.class, () -> RecordedSpec.parse("{not json", "x"));
    assertThrows(SpecException.class, () -> RecordedSpec.parse("{\"name\":\"a\"}", "x"));
    SpecException e = assertThrows(SpecException.class, () -> RecordedSpec.parse(
        "{\"name\":\"a\",\"lattices\":[{\"l\":4,\"n_v\":16,\"n_h\":[2]}],\"n_temp\":[5],\"seeds\":[1],"
            + "\"future_key\":1}", "x"));
    assertTrue(e.getMessage().contains("future_key"), e.getMessage());
  }
}
