package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Point ids are the key of every committed file and of resume: they must not change between versions. The ids below
 * were written by a sweep of this spec before the id's text and its settings tags were computed the faster way.
 */
class GridPointIdTest {
  private static final String SPEC = """
      name: rehearsal
      dim: 2
      grid:
        l: [4]
        n_h: [1, 2, 3, 4]
        n_temp: [2, 3, 4, 5, 6]
        seeds: 50
      t_step: 0.5
      configs_per_temp: 10
      monte_carlo: {therm_sweeps: 10, probe_sweeps: 10, decor_sweeps: 1, max_decor_sweeps: 10}
      training: {epochs: 1, learning_rate: 0.01, batch_size: 10}
      flow: {starts: [T=min], ensemble: 10, max_steps: 10, window: 5, tolerance: 0.01}
      analysis: {calibration_step: 0.5, calibration_max_t: 4, calibration_configs: 10, classifier_step: 0, permutations: 9}
      aggregate: {n_temp_min: 2}
      """;

  @Test
  void idsAreThoseWrittenBefore() throws Exception {
    Set<String> ids = SweepSpec.parse(SPEC, "rehearsal.yaml").grid().stream().map(GridPoint::pointId)
        .collect(Collectors.toSet());
    assertEquals(1000, ids.size());
    // negative and positive seeds, hashes with leading zeros (the 16 hex digits are zero-padded)
    for (String id : List.of("nv16-nh1-nt2-s-2519425175642712915-47624363cac8495e",
        "nv16-nh1-nt2-s-3080446700662222388-4336da5c5e5d5957", "nv16-nh1-nt2-s-695406275280933167-09300db3f5716ee7",
        "nv16-nh1-nt2-s3523031631014315510-02c549b70fe50160", "nv16-nh1-nt2-s7385477988427732415-08f0de2f2f31188a",
        "nv16-nh1-nt5-s726663314990353130-2c0c55227bf141a5")) {
      assertTrue(ids.contains(id), id);
    }
  }

  @Test
  void theIdIsItsFormattedParts() throws Exception {
    for (GridPoint p : SweepSpec.parse(SPEC, "rehearsal.yaml").grid().subList(0, 50)) {
      assertEquals(String.format("nv%d-nh%d-nt%d-s%d-%016x", p.lattice().sites(), p.nh(), p.nTemp(), p.seed(),
          p.parameterHash()), p.pointId());
    }
  }

  @Test
  void equalSettingsOfDifferentObjectsGiveTheSameHash() throws Exception {
    GridPoint a = SweepSpec.parse(SPEC, "a.yaml").grid().get(7);
    GridPoint b = SweepSpec.parse(SPEC, "b.yaml").grid().get(7);
    assertTrue(a.analysis() != b.analysis() && a.analysis().equals(b.analysis()));
    assertEquals(a.parameterHash(), b.parameterHash());
    GridPoint other = SweepSpec.parse(SPEC.replace("permutations: 9", "permutations: 19"), "c.yaml").grid().get(7);
    assertTrue(other.parameterHash() != a.parameterHash(), "analysis settings enter the hash");
  }
}
