package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Aliases read as their anchors' values, typed exactly as the same value written in place (Jackson's scalar
 * typing is untouched); aliases that cannot be resolved fail at the alias with a location.
 */
class AliasResolvingYamlParserTest {
  private static final ObjectMapper PLAIN = new YAMLMapper();
  private static final ObjectMapper ALIASES = YAMLMapper.builder(AliasResolvingYamlParser.factory(YAMLFactory.builder()))
      .build();

  private static JsonNode read(String yaml) throws IOException {
    try (JsonParser p = ALIASES.createParser(yaml)) {
      return ALIASES.readTree(p);
    }
  }

  @Test
  void aliasesGiveTheSameTreeAsTheValuesWrittenOut() throws IOException {
    String[][] cases = {
        // scalars of every type: int, float, string (plain and quoted number), bool, null
        {"a: &i 7\nb: *i\n", "a: 7\nb: 7\n"},
        {"a: &f 0.25\nb: [*f]\n", "a: 0.25\nb: [0.25]\n"},
        {"a: &s tiny\nb: *s\n", "a: tiny\nb: tiny\n"},
        {"a: &q \"5\"\nb: *q\n", "a: \"5\"\nb: \"5\"\n"},
        {"a: &t true\nb: *t\n", "a: true\nb: true\n"},
        {"a: &n ~\nb: *n\n", "a: ~\nb: ~\n"},
        // a sequence, a mapping, nested collections
        {"a: &l [1, 2.5, x]\nb: *l\n", "a: [1, 2.5, x]\nb: [1, 2.5, x]\n"},
        {"a: &m {x: 1, y: [2, {z: 3}]}\nb: *m\n", "a: {x: 1, y: [2, {z: 3}]}\nb: {x: 1, y: [2, {z: 3}]}\n"},
        // an alias as a key; an alias inside an anchored node; the latest definition of a name wins
        {"a: &k name\n*k : 1\n", "a: name\nname: 1\n"},
        {"a: &x 1\nb: &y [*x, 2]\nc: *y\n", "a: 1\nb: [1, 2]\nc: [1, 2]\n"},
        {"a: &x 1\nb: &x 2\nc: *x\n", "a: 1\nb: 2\nc: 2\n"},
        // an anchor inside a replayed node is not redefined by the replay
        {"a: &o {p: &v 1}\nb: &v 2\nc: *o\nd: *v\n", "a: {p: 1}\nb: 2\nc: {p: 1}\nd: 2\n"},
    };
    for (String[] c : cases) {
      JsonNode expected = PLAIN.readTree(c[1]);
      JsonNode actual = read(c[0]);
      assertEquals(expected, actual, c[0]);
      assertEquals(expected.toString(), actual.toString(), c[0] + " (types)");
    }
  }

  @Test
  void withoutAliasesTheTreeIsJacksonsOwn() throws IOException {
    String yaml = "a: 1\nb: \"1\"\nc: 1.0\nd: [yes, no, ~, '', 0x1F, 1_000]\ne: {f: null}\n";
    assertEquals(PLAIN.readTree(yaml).toString(), read(yaml).toString());
  }

  @Test
  void unresolvableAliasesFailAtTheAlias() {
    AliasResolvingYamlParser.Problem undefined = assertThrows(AliasResolvingYamlParser.Problem.class,
        () -> read("a: 1\nb: *nope\n"));
    assertEquals("the alias *nope has no anchor &nope before it", undefined.getOriginalMessage());
    assertEquals(2, undefined.getLocation().getLineNr());
    assertEquals(4, undefined.getLocation().getColumnNr());
    assertTrue(undefined.expected().contains("defined earlier"), undefined.expected());

    AliasResolvingYamlParser.Problem later = assertThrows(AliasResolvingYamlParser.Problem.class,
        () -> read("b: *x\na: &x 1\n"));
    assertEquals("the alias *x has no anchor &x before it", later.getOriginalMessage());

    AliasResolvingYamlParser.Problem recursive = assertThrows(AliasResolvingYamlParser.Problem.class,
        () -> read("a: &r [1, *r]\n"));
    assertEquals("the alias *r is inside the node anchored &r", recursive.getOriginalMessage());
  }

  @Test
  void aliasBombsAreRefusedBeforeTheyExpand() {
    // each level holds 9 aliases of the one before: 9^9 ≈ 387 million strings from 10 lines
    StringBuilder yaml = new StringBuilder("l0: &l0 [lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("l").append(i).append(": &l").append(i).append(" [");
      for (int k = 0; k < 9; k++) {
        yaml.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      yaml.append("]\n");
    }
    AliasResolvingYamlParser.Problem bomb = assertThrows(AliasResolvingYamlParser.Problem.class,
        () -> read(yaml.toString()));
    assertEquals("the aliases expand to more than " + AliasResolvingYamlParser.MAX_EXPANDED_NODES + " nodes",
        bomb.getOriginalMessage());
  }
}
