package org.rbmflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML merge keys ({@code <<: *defaults}, {@code <<: [*a, *b]}) applied to a tree read by Jackson, which keeps
 * them as ordinary keys named {@code <<}: the keys of the merged mappings are added where the mapping does not set
 * them itself, a mapping earlier in a list winning over a later one (the YAML merge-key type). Merges inside merged
 * mappings are applied first. A quoted {@code "<<"} key is taken as a merge key too (the tree cannot tell them
 * apart; no spec key is named so).
 */
final class YamlMergeKeys {
  static final String KEY = "<<";

  private YamlMergeKeys() {}

  /**
   * Applies every merge key below {@code node} (in place). A merge key whose value is not a mapping or a list of
   * mappings is removed and reported in {@code problems} as {@code "<path>: ...; expected ..."}.
   */
  static void apply(JsonNode node, String path, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        apply(node.get(i), path + "[" + i + "]", problems);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode object = (ObjectNode) node;
    for (Map.Entry<String, JsonNode> f : object.properties()) {
      apply(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), problems);
    }
    JsonNode merge = object.get(KEY);
    if (merge == null) {
      return;
    }
    String at = path.isEmpty() ? KEY : path + "." + KEY;
    List<JsonNode> sources = new ArrayList<>();
    if (merge.isObject()) {
      sources.add(merge);
    } else if (merge.isArray() && !merge.isEmpty()) {
      merge.forEach(sources::add);
    }
    if (sources.isEmpty() || sources.stream().anyMatch(s -> !s.isObject())) {
      problems.add(at + ": " + SpecParser.show(merge) + " cannot be merged; expected a mapping or a list of "
          + "mappings (usually aliases: <<: *defaults or <<: [*a, *b])");
      object.remove(KEY);
      return;
    }
    // the merged keys take the merge key's place in the order, the mapping's own keys theirs
    Map<String, JsonNode> merged = new LinkedHashMap<>();
    object.properties().forEach(f -> {
      if (f.getKey().equals(KEY)) {
        for (JsonNode source : sources) {
          source.properties().forEach(s -> {
            if (!object.has(s.getKey())) {
              merged.putIfAbsent(s.getKey(), s.getValue());
            }
          });
        }
      } else {
        merged.put(f.getKey(), f.getValue());
      }
    });
    object.removeAll();
    object.setAll(merged);
  }
}
