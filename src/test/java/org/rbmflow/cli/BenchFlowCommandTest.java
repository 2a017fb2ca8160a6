package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchFlowCommandTest {
  @Test
  void badOptionsAreRefusedNamingTheOptionAndItsRange() {
    CliRun r = CliRun.run("bench", "flow", "--l", "1");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--l") && r.err().contains("2"), r.err());
    CliRun w = CliRun.run("bench", "flow", "--steps", "10", "--window", "50");
    assertEquals(2, w.code(), w.err());
    assertTrue(w.err().contains("--steps"), w.err());
    assertEquals("", r.out() + w.out(), "nothing on stdout");
  }
}
