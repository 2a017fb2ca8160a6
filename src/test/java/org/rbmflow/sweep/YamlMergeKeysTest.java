package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merge keys add the merged mappings' keys that the mapping does not set; a value that is no mapping is refused. */
class YamlMergeKeysTest {
  private static final ObjectMapper PLAIN = new YAMLMapper();
  private static final ObjectMapper ALIASES = YAMLMapper.builder(AliasResolvingYamlParser.factory(YAMLFactory.builder()))
      .build();

  private static JsonNode merged(String yaml, List<String> problems) throws IOException {
    JsonNode root = ALIASES.readTree(yaml);
    YamlMergeKeys.apply(root, "", problems);
    return root;
  }

  @Test
  void mergedKeysFillInWhatTheMappingDoesNotSet() throws IOException {
    String anchors = "b: &b {x: 1, y: 2}\nm: &m {y: 3, z: 4}\n";
    String[][] cases = {
        {"c: {<<: *b, y: 9}", "c: {x: 1, y: 9}"},
        {"c: {y: 9, <<: *b}", "c: {y: 9, x: 1}"},
        // earlier mappings of a list win over later ones
        {"c: {<<: [*b, *m]}", "c: {x: 1, y: 2, z: 4}"},
        {"c: {<<: [*m, *b]}", "c: {y: 3, z: 4, x: 1}"},
        // a merge inside a merged mapping, and inside a list
        {"c: {<<: {<<: *b, w: 0}}", "c: {x: 1, y: 2, w: 0}"},
        {"c: [{<<: *m, z: 5}]", "c: [{y: 3, z: 5}]"},
    };
    for (String[] c : cases) {
      List<String> problems = new ArrayList<>();
      JsonNode actual = merged(anchors + c[0] + "\n", problems);
      JsonNode expected = PLAIN.readTree(anchors.replace("&b ", "").replace("&m ", "") + c[1] + "\n");
      assertEquals(List.of(), problems, c[0]);
      assertEquals(expected.toString(), actual.toString(), c[0] + " (values and key order)");
    }
  }

  @Test
  void aValueThatIsNoMappingIsRefusedAtItsPath() throws IOException {
    for (String bad : new String[] {"5", "[1, {x: 1}]", "[]", "text"}) {
      List<String> problems = new ArrayList<>();
      JsonNode root = merged("a: {b: {<<: " + bad + ", c: 1}}\n", problems);
      assertEquals(1, problems.size(), bad + ": " + problems);
      assertEquals("a.b.<<", problems.get(0).substring(0, problems.get(0).indexOf(": ")), problems.get(0));
      assertEquals(PLAIN.readTree("a: {b: {c: 1}}"), root, bad);
    }
  }
}
