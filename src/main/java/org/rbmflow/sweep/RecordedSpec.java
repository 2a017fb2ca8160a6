package org.rbmflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid of a spec known only by its canonical text ({@link SweepSpec#canonicalText()}, as a sweep records it in
 * its output): one spec per lattice (the canonical text lists each lattice's n_h values, which no single grid rule
 * need produce), parsed from the text's values and checked to render back to the same canonical text.
 *
 * @param name        the sweep's name
 * @param grid        every grid point, in the order of {@link SweepSpec#grid()} but for seeds, which come in
 *                    ascending order
 * @param checkpoints the epochs each training is also evaluated at
 */
public record RecordedSpec(String name, List<GridPoint> grid, List<Integer> checkpoints) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Keys of the canonical text that are not written as in a spec file (the grid's axes and the format). */
  private static final List<String> GRID_KEYS = List.of("format", "lattices", "n_temp", "seeds");

  public RecordedSpec {
    grid = List.copyOf(grid);
    checkpoints = List.copyOf(checkpoints);
  }

  /**
   * Reads the canonical text {@code canonical}.
   *
   * @param source where it came from, for messages
   * @throws SpecException when the text is not JSON, or not the canonical text of a spec this version reads
   */
  public static RecordedSpec parse(String canonical, String source) throws SpecException {
    JsonNode root;
    try {
      root = JSON.readTree(canonical);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SpecException(source, List.of("not JSON (" + e.getOriginalMessage() + ")"));
    }
    if (!root.isObject() || !root.path("lattices").isArray() || root.path("lattices").isEmpty()) {
      throw new SpecException(source, List.of("not the canonical text of a sweep spec (no lattices)"));
    }
    if (root.path("training").isObject()) {
      // recorded before monitor_every was known to change no result; the same spec now
      ((ObjectNode) root.get("training")).remove("monitor_every");
    }
    List<GridPoint> grid = new ArrayList<>();
    ArrayNode rendered = JSON.createArrayNode();
    SweepSpec last = null;
    for (JsonNode lattice : root.get("lattices")) {
      ObjectNode tree = ((ObjectNode) root).deepCopy();
      tree.remove(GRID_KEYS);
      ObjectNode g = tree.putObject("grid");
      g.set("l", JSON.createArrayNode().add(lattice.path("l")));
      g.set("n_h", lattice.path("n_h"));
      g.set("n_temp", root.path("n_temp"));
      g.set("seeds", root.path("seeds"));
      last = SweepSpec.fromTree(tree, source);
      grid.addAll(last.grid());
      rendered.addAll((ArrayNode) readCanonical(last).path("lattices"));
    }
    ObjectNode whole = (ObjectNode) readCanonical(last);
    whole.set("lattices", rendered);
    // seeds read back from a list come in ascending order; derived ones were recorded in the order of derivation
    whole.set("seeds", root.path("seeds").isArray() && sortedLongs(root.path("seeds")).equals(
        sortedLongs(whole.path("seeds"))) ? root.path("seeds") : whole.path("seeds"));
    if (!whole.equals(root)) {
      throw new SpecException(source, List.of("its values do not render back to the same spec in this version (at "
          + difference(root, whole, "") + ")"));
    }
    return new RecordedSpec(last.name(), grid, last.checkpoints());
  }

  private static List<Long> sortedLongs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    out.sort(null);
    return out;
  }

  /** The path of the first value that differs between {@code a} and {@code b}, with both values. */
  private static String difference(JsonNode a, JsonNode b, String path) {
    if (a.isObject() && b.isObject()) {
      java.util.Set<String> keys = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!a.path(k).equals(b.path(k))) {
          return difference(a.path(k), b.path(k), path.isEmpty() ? k : path + "." + k);
        }
      }
    }
    return path + ": recorded " + a + ", read back as " + b;
  }

  private static JsonNode readCanonical(SweepSpec spec) {
    try {
      return JSON.readTree(spec.canonicalText());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the canonical text of a spec is JSON", e);
    }
  }
}
