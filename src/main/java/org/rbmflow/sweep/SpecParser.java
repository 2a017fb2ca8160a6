package org.rbmflow.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.rbmflow.aggregate.AggregateSettings;
import org.rbmflow.common.InvalidValueException;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;
import org.rbmflow.sweep.SpecParams.Param;
import org.rbmflow.sweep.SpecParams.Section;
import org.rbmflow.sweep.SpecParams.Settings;

/**
 * Reads and validates a job spec (format: {@link SweepSpec}). Collects every problem before failing. Ranges come
 * from the core records: each value is checked by building its record with that one value changed from the
 * defaults, and the record's {@link InvalidValueException} (field name, allowed range) becomes a problem at the
 * value's YAML path; combinations are checked by building the record from all values. One instance per parse.
 */
final class SpecParser {
  // Defaults of the grid and lists; the scalars' defaults are in SpecParams.
  static final int DEFAULT_L = 10;
  static final int DEFAULT_NH = 16;
  static final int DEFAULT_NTEMP = 25;
  static final int DEFAULT_SEED_COUNT = 1;
  static final long DEFAULT_MASTER_SEED = 1;
  static final double[] DEFAULT_FIELDS = {0};
  static final List<String> DEFAULT_STARTS = List.of("T=min", "T=max");
  private static final McSettings DEFAULT_MC = (McSettings) Settings.build(SpecParams.MONTE_CARLO,
      Settings.DEFAULT.combination(0));
  private static final TrainingConfig DEFAULT_TRAINING = (TrainingConfig) Settings.build(SpecParams.TRAINING,
      Settings.DEFAULT.combination(0));
  private static final AnalysisSettings DEFAULT_ANALYSIS = AnalysisSettings.DEFAULT;

  /** Most seeds a count may ask for. */
  static final int MAX_SEED_COUNT = 100_000;
  /** Most values a {@code start:end:step} field range may expand to. */
  static final int MAX_FIELD_VALUES = 100_000;

  static final List<String> TOP_KEYS = List.of("name", "dim", "grid", "master_seed", "t_step", "fields",
      "configs_per_temp", "monte_carlo", "training", "flow", "analysis", "aggregate", "limits", "output");
  static final List<String> GRID_KEYS = List.of("l", "n_v", "n_h", "n_temp", "seeds");
  static final List<String> NH_RULE_KEYS = List.of("squares_up_to", "list", "max_fraction");
  static final List<String> FLOW_KEYS = List.of("starts", "ensemble", "max_steps", "window", "tolerance");
  static final List<String> AGGREGATE_KEYS = List.of("enabled", "n_temp_min", "best_n_h");
  static final List<String> LIMITS_KEYS = List.of("point_timeout");

  private static final String STARTS_ALLOWED = "data, random, T=<value>, T=min or T=max";
  private static final String NH_FORMS = "a list of integers ≥ 1, {squares_up_to: <fraction>} or "
      + "{list: [...], max_fraction: <fraction>}";
  private static final FlowConfig PROBE_FLOW = new FlowConfig(List.of(SpecParams.DATA_START), 2, 2, 1, 0);
  private static final Lattice PROBE_LATTICE = Lattice.square(DEFAULT_L);

  /** Most characters (code points) a spec may have; a spec is a few KB, this keeps a stray huge file cheap to refuse. */
  static final int MAX_CODE_POINTS = 1 << 20;

  private static final ObjectMapper YAML = YAMLMapper.builder(AliasResolvingYamlParser.factory(
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL))).build();
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  /** A list item (or the single value written in place of a list) with its YAML path. */
  private record Item(String path, long value) {}

  /** A lattice with the spec item it came from, for messages. */
  private record LatticeItem(Lattice lattice, String origin) {}

  private final String source;
  private final List<String> problems = new ArrayList<>();

  SpecParser(String source) {
    this.source = source;
  }

  SweepSpec parse(String text) throws SpecException {
    JsonNode root = readYaml(text);
    if (root == null) {
      throw new SpecException(source, problems);
    }
    return parse(root);
  }

  /** Checks a spec already read into a tree (as {@code rbmflow point} builds one from its options). */
  SweepSpec parse(JsonNode root) throws SpecException {
    if (!root.isObject()) {
      problems.add("(document): " + (root.isMissingNode() || root.isNull() ? "empty" : show(root))
          + " is not a mapping; expected a mapping with at least the keys name and grid");
      throw new SpecException(source, problems);
    }
    ObjectNode top = (ObjectNode) root;
    unknownKeys("", top, TOP_KEYS);

    String name = name(top.get("name"));
    Map<String, List<Object>> settings = new LinkedHashMap<>();
    List<Object>[] scalars = scalars("", top, SpecParams.TOP, true);
    Integer dim = top.has("dim") && !badPath("dim") ? (Integer) scalars[0].get(0)
        : top.has("dim") ? null : (Integer) SpecParams.TOP.params().get(0).defaultValue();
    boolean masterSeedGiven = top.has("master_seed");
    long masterSeed = (long) scalars[1].get(0);
    List<Double> tSteps = top.has("t_step") && badPath("t_step") ? null
        : scalars[2].stream().map(x -> (Double) x).toList();
    keep(settings, SpecParams.TOP, scalars);
    double[] fields = fields(top.get("fields"));

    keep(settings, SpecParams.MONTE_CARLO, section("monte_carlo", top.get("monte_carlo"), SpecParams.MONTE_CARLO));
    // training's scalars go through section(); its one list, checkpoints, is read after them
    JsonNode trainingNode = top.get("training");
    List<Object>[] training = section("training", trainingNode == null ? null
            : trainingNode.isObject() ? ((ObjectNode) trainingNode).deepCopy().without("checkpoints") : trainingNode,
        SpecParams.TRAINING);
    keep(settings, SpecParams.TRAINING, training);
    List<Integer> checkpoints = trainingNode != null && trainingNode.isObject()
        ? checkpoints(trainingNode.get("checkpoints"), training == null ? null
            : training[0].stream().mapToInt(x -> (Integer) x).min().getAsInt()) : List.of();
    JsonNode flowNode = mappingOrNull("flow", top.get("flow"), FLOW_KEYS);
    keep(settings, SpecParams.FLOW, scalars("flow", flowNode, SpecParams.FLOW, false));
    List<String> starts = flowNode == null ? DEFAULT_STARTS : starts(flowNode.get("starts"));
    keep(settings, SpecParams.ANALYSIS, section("analysis", top.get("analysis"), SpecParams.ANALYSIS));
    SweepSpec.Aggregate aggregate = aggregate(top.get("aggregate"));
    Limits limits = limits(top.get("limits"));
    String output = output(top.get("output"));

    // grid
    JsonNode g = top.get("grid");
    List<LatticeItem> lattices = List.of();
    SweepSpec.NhAxis nh = null;
    List<Item> nTemps = List.of();
    List<Long> seeds = List.of();
    if (g == null) {
      problems.add("grid: missing; expected a mapping with the keys l or n_v, n_h, n_temp, seeds");
    } else if (!g.isObject()) {
      typeProblem("grid", g, "a mapping", "a mapping with the keys l or n_v, n_h, n_temp, seeds");
    } else {
      unknownKeys("grid", (ObjectNode) g, GRID_KEYS);
      lattices = lattices((ObjectNode) g, dim);
      nh = nhAxis(g.get("n_h"), lattices);
      nTemps = nTemps(g.get("n_temp"), tSteps);
      seeds = seeds(g.get("seeds"), masterSeed, masterSeedGiven);
      if (tSteps != null && starts != null) {
        for (double tStep : tSteps) {
          checkStarts(starts, nTemps, tStep);
        }
      }
    }

    if (!problems.isEmpty()) {
      throw new SpecException(source, problems);
    }
    List<Lattice> sortedLattices = lattices.stream().map(LatticeItem::lattice)
        .sorted(Comparator.comparingInt(Lattice::l)).toList();
    List<Integer> sortedTemps = nTemps.stream().map(i -> (int) i.value()).sorted().toList();
    SweepSpec spec = new SweepSpec(name, dim, sortedLattices, nh, sortedTemps, seeds,
        masterSeedGiven ? masterSeed : DEFAULT_MASTER_SEED, fields, new Settings(settings), checkpoints, starts, output,
        aggregate, limits, null);
    long size = spec.size();
    if (size > SweepSpec.MAX_POINTS) {
      problems.add("grid: expands to " + size + " points; expected at most " + SweepSpec.MAX_POINTS
          + " (split the scan into several specs)");
      throw new SpecException(source, problems);
    }
    try {
      spec.grid();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The checks above mirror GridPoint's; reaching this is a gap in them, still reported as a spec problem.
      problems.add("grid: " + (e instanceof InvalidValueException iv
          ? iv.field() + " = " + iv.value() + " is not allowed; expected " + iv.allowed() : e.getMessage()));
      throw new SpecException(source, problems);
    }
    return spec;
  }

  // ---- document -------------------------------------------------------------------------------------------

  private JsonNode readYaml(String text) {
    String empty = "(document): empty; expected a YAML mapping with at least the keys name and grid";
    if (text == null || text.isBlank()) {
      problems.add(empty);
      return null;
    }
    long codePoints = text.codePoints().limit(MAX_CODE_POINTS + 1L).count();
    if (codePoints > MAX_CODE_POINTS) {
      problems.add("(document): longer than " + MAX_CODE_POINTS + " characters; expected a spec of at most "
          + MAX_CODE_POINTS + " characters");
      return null;
    }
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        problems.add(empty);
        return null;
      }
      JsonNode root = YAML.readTree(parser);
      if (root == null || root.isMissingNode()) {
        problems.add(empty);
        return null;
      }
      if (parser.nextToken() != null) {
        problems.add("(document): holds more than one YAML document (---); expected exactly one");
        return null;
      }
      int before = problems.size();
      YamlMergeKeys.apply(root, "", problems);
      return problems.size() > before ? null : root;
    } catch (AliasResolvingYamlParser.Problem e) {
      problems.add("(document): " + where(e) + e.getOriginalMessage() + "; expected " + e.expected());
      return null;
    } catch (JsonProcessingException e) {
      problems.add("(document): " + where(e) + "malformed YAML (" + yamlError(e) + "); expected a well-formed YAML mapping");
      return null;
    } catch (IOException e) {
      problems.add("(document): unreadable (" + e.getMessage() + "); expected a YAML mapping");
      return null;
    }
  }

  /** "line L, column C: " of a parse error, or nothing when it has no location. */
  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
  }

  /** The YAML parser's message on one line, without its source excerpts and caret lines. */
  private static String yamlError(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    List<String> parts = new ArrayList<>();
    for (String line : m.split("\\R")) {
      if (line.startsWith("    ") || line.isBlank()) {
        continue;
      }
      String s = line.strip().replaceAll("^in 'reader', (line \\d+, column \\d+):?$", "at $1");
      parts.add(s.startsWith("Duplicate field") ? s.replace("Duplicate field", "duplicate key") : s);
    }
    return parts.isEmpty() ? m.strip() : String.join(", ", parts);
  }

  private void unknownKeys(String path, ObjectNode node, List<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!allowed.contains(k)) {
        String near = nearest(k, allowed);
        problems.add(join(path, k) + ": unknown key" + (near == null ? "" : " (did you mean " + near + "?)")
            + "; expected one of " + String.join(", ", allowed));
      }
    }
  }

  /** The allowed key at edit distance ≤ 2 (or equal ignoring case, '_' and '-'), if exactly one is closest. */
  private static String nearest(String key, List<String> allowed) {
    String norm = key.toLowerCase().replace("_", "").replace("-", "");
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = a.replace("_", "").equals(norm) ? 0 : distance(key.toLowerCase(), a);
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---- scalar sections ------------------------------------------------------------------------------------

  /** A section mapping (absent: null, no problem), with its unknown keys reported. */
  private JsonNode mappingOrNull(String path, JsonNode node, List<String> keys) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      typeProblem(path, node, "a mapping", "a mapping with keys among " + String.join(", ", keys));
      return null;
    }
    unknownKeys(path, (ObjectNode) node, keys);
    return node;
  }

  /** Records a section's values (null: it had a problem, already reported). */
  private static void keep(Map<String, List<Object>> settings, Section sec, List<Object>[] values) {
    if (values != null) {
      for (int i = 0; i < values.length; i++) {
        settings.put(sec.params().get(i).path(), values[i]);
      }
    }
  }

  /**
   * A section mapping of scalar keys (absent or empty: all defaults): the values of each key, or null if it has a
   * problem (all of them reported).
   */
  private List<Object>[] section(String path, JsonNode node, Section sec) {
    List<String> keys = sec.params().stream().map(Param::key).toList();
    if (node != null && !node.isNull() && !node.isObject()) {
      mappingOrNull(path, node, keys);
      return null;
    }
    return scalars(path, mappingOrNull(path, node, keys), sec, false);
  }

  /**
   * The values of the scalar keys of {@code node} (the default where absent; a list of values where the key is a grid
   * axis and the spec lists several). Each value is type-checked, then probed: the section's record built from the
   * defaults with only that value changed. A value whose probe fails naming its own field is checked again with the
   * other keys' (first good) values written in the spec, and is a problem only if it still fails (so
   * {@code window: 10, max_steps: 60} passes although 60 fails against the default window 50). Finally every
   * combination of the values is built, which checks them together. Returns null on any problem; with
   * {@code keepGoing} returns the values (bad ones replaced by the defaults) all the same.
   */
  @SuppressWarnings("unchecked")
  private List<Object>[] scalars(String path, JsonNode node, Section sec, boolean keepGoing) {
    List<Param> fields = sec.params();
    Object[] defaults = sec.defaults();
    Function<Object[], ?> build = sec.build();
    int n = fields.size();
    List<Object>[] values = new List[n];
    List<JsonNode>[] written = new List[n];
    for (int i = 0; i < n; i++) {
      values[i] = List.of(defaults[i]);
    }
    if (node == null) {
      return values;
    }
    int before = problems.size();
    for (int i = 0; i < n; i++) {
      Param f = fields.get(i);
      JsonNode v = node.get(f.key());
      if (v == null) {
        continue;
      }
      String p = join(path, f.key());
      String allowed = allowed(f, i, defaults, build);
      List<JsonNode> nodes = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      if (v.isArray()) {
        if (!f.axis()) {
          problems.add(p + ": a list; expected one value (" + f.path() + " is not a grid axis): " + allowed);
          continue;
        }
        if (v.isEmpty()) {
          problems.add(p + ": empty list; expected at least one value, each " + allowed);
          continue;
        }
        for (int k = 0; k < v.size(); k++) {
          nodes.add(v.get(k));
          paths.add(p + "[" + k + "]");
        }
      } else {
        nodes.add(v);
        paths.add(p);
      }
      List<Object> parsed = new ArrayList<>();
      boolean ok = true;
      for (int k = 0; k < nodes.size(); k++) {
        Object x = value(f, paths.get(k), nodes.get(k), allowed);
        int seen = x == null ? -1 : parsed.indexOf(x);
        if (x == null) {
          ok = false;
        } else if (seen >= 0) {
          problems.add(paths.get(k) + ": " + show(nodes.get(k)) + " repeats " + paths.get(seen)
              + "; expected distinct values");
          ok = false;
        } else {
          parsed.add(x);
        }
      }
      if (ok) {
        values[i] = parsed;
        written[i] = nodes;
      }
    }
    // each value alone, against the defaults
    boolean[][] aloneBad = new boolean[n][];
    for (int i = 0; i < n; i++) {
      aloneBad[i] = new boolean[values[i].size()];
      for (int k = 0; written[i] != null && k < values[i].size(); k++) {
        Object[] probe = defaults.clone();
        probe[i] = values[i].get(k);
        InvalidValueException e = tryBuild(build, probe);
        aloneBad[i][k] = e != null && e.field().equals(fields.get(i).coreName());
      }
    }
    // a value bad alone, again with the other keys' first values that are good alone
    Object[] context = defaults.clone();
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < values[j].size(); k++) {
        if (!aloneBad[j][k]) {
          context[j] = values[j].get(k);
          break;
        }
      }
    }
    List<Object>[] checked = values.clone();
    for (int i = 0; i < n; i++) {
      List<Object> keep = new ArrayList<>();
      for (int k = 0; k < values[i].size(); k++) {
        if (aloneBad[i][k]) {
          Object[] probe = context.clone();
          probe[i] = values[i].get(k);
          InvalidValueException e = tryBuild(build, probe);
          if (e != null && e.field().equals(fields.get(i).coreName())) {
            Param f = fields.get(i);
            problems.add(join(path, f.key()) + (values[i].size() > 1 ? "[" + k + "]" : "") + ": "
                + show(written[i].get(k)) + " is out of range; expected " + translate(e.allowed(), path, fields)
                + f.note());
            continue;
          }
        }
        keep.add(values[i].get(k));
      }
      checked[i] = keep.isEmpty() ? List.of(defaults[i]) : keep;
    }
    if (problems.size() > before) {
      return keepGoing ? checked : null;
    }
    // every combination together
    int[] index = new int[n];
    while (true) {
      Object[] combo = new Object[n];
      for (int i = 0; i < n; i++) {
        combo[i] = checked[i].get(index[i]);
      }
      InvalidValueException e = tryBuild(build, combo);
      if (e != null) {
        problems.add(combinationProblem(path, fields, checked, written, index, e));
        return keepGoing ? checked : null;
      }
      int i = n - 1;
      while (i >= 0 && ++index[i] == checked[i].size()) {
        index[i--] = 0;
      }
      if (i < 0) {
        return checked;
      }
    }
  }

  /** "p: v is not allowed with the other values[ (…listed values…)]; expected …" for a failing combination. */
  private static String combinationProblem(String path, List<Param> fields, List<Object>[] values,
      List<JsonNode>[] written, int[] index, InvalidValueException e) {
    String p = path;
    String shown = e.value();
    for (int i = 0; i < fields.size(); i++) {
      Param f = fields.get(i);
      if (f.coreName().equals(e.field())) {
        boolean listed = values[i].size() > 1;
        p = join(path, f.key()) + (listed ? "[" + index[i] + "]" : "");
        shown = written[i] == null ? e.value() + " (default)" : show(written[i].get(index[i]));
      }
    }
    StringBuilder with = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (values[i].size() > 1 && !fields.get(i).coreName().equals(e.field())) {
        Param f = fields.get(i);
        with.append(with.isEmpty() ? " (" : ", ").append(f.key()).append(" = ").append(f.text(values[i].get(index[i])));
      }
    }
    if (!with.isEmpty()) {
      with.append(')');
    }
    return p + ": " + shown + " is not allowed with the other values" + with + "; expected "
        + translate(e.allowed(), path, fields);
  }

  /** One value of a parameter, type-checked (null and a problem when it has the wrong type). */
  private Object value(Param f, String p, JsonNode v, String allowed) {
    return switch (f.kind()) {
      case INT -> intValue(p, v, allowed);
      case LONG -> longValue(p, v, allowed);
      case DOUBLE -> doubleValue(p, v, allowed);
      case BOOL -> boolValue(p, v);
      case INT_OR_AUTO -> keywordValue(p, v, allowed, "auto");
      case INT_OR_FULL -> keywordValue(p, v, allowed, "full");
    };
  }

  /** Whether a problem at exactly this path was recorded. */
  private boolean badPath(String path) {
    return problems.stream().anyMatch(p -> p.startsWith(path + ": ") || p.startsWith(path + "["));
  }

  private static InvalidValueException tryBuild(Function<Object[], ?> build, Object[] values) {
    try {
      build.apply(values);
      return null;
    } catch (InvalidValueException e) {
      return e;
    }
  }

  /**
   * What a key allows, in the core's words: the allowed text of the exception its record throws for a value far out
   * of range (the smallest int, NaN), so that the ranges are written in one place only.
   */
  private static String allowed(Param f, int index, Object[] defaults, Function<Object[], ?> build) {
    Object sentinel = switch (f.kind()) {
      case INT, INT_OR_AUTO, INT_OR_FULL -> Integer.MIN_VALUE;
      case DOUBLE -> Double.NaN;
      case LONG -> null;
      case BOOL -> null;
    };
    String text = null;
    if (sentinel != null) {
      Object[] probe = defaults.clone();
      probe[index] = sentinel;
      InvalidValueException e = tryBuild(build, probe);
      if (e != null && e.field().equals(f.coreName())) {
        text = e.allowed();
      }
    }
    if (f.kind() == SpecParams.Kind.INT_OR_AUTO) {
      return "auto or an integer in [1, " + McSettings.MAX_SWEEPS + "]";
    }
    if (f.kind() == SpecParams.Kind.INT_OR_FULL) {
      return "full (one update per epoch) or " + text + f.note();
    }
    if (text == null) {
      text = switch (f.kind()) {
        case INT -> "an integer";
        case LONG -> "an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]";
        case DOUBLE -> "a number";
        case BOOL -> "true or false";
        case INT_OR_AUTO, INT_OR_FULL -> throw new IllegalStateException();
      };
    }
    return text + f.note();
  }

  /** Replaces the core's compound field names (flow_window, decorSweeps) in an allowed text by YAML paths. */
  private static String translate(String allowed, String path, List<Param> fields) {
    String out = allowed;
    List<Param> byLength = new ArrayList<>(fields);
    byLength.sort(Comparator.comparingInt((Param f) -> f.coreName().length()).reversed());
    for (Param f : byLength) {
      String c = f.coreName();
      if (c.contains("_") || !c.equals(c.toLowerCase())) {
        out = out.replace(c, join(path, f.key()));
      }
    }
    return out;
  }

  // ---- typed values ---------------------------------------------------------------------------------------

  private Integer intValue(String p, JsonNode v, String allowed) {
    if (v.isIntegralNumber()) {
      if (v.canConvertToInt()) {
        return v.intValue();
      }
      problems.add(p + ": " + show(v) + " is out of range; expected " + allowed);
      return null;
    }
    typeProblem(p, v, "an integer", allowed);
    return null;
  }

  private Long longValue(String p, JsonNode v, String allowed) {
    if (v.isIntegralNumber()) {
      if (v.canConvertToLong()) {
        return v.longValue();
      }
      problems.add(p + ": " + show(v) + " is out of range; expected " + allowed);
      return null;
    }
    typeProblem(p, v, "an integer", allowed);
    return null;
  }

  private Double doubleValue(String p, JsonNode v, String allowed) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    typeProblem(p, v, "a number", allowed);
    return null;
  }

  private Boolean boolValue(String p, JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    typeProblem(p, v, "true or false", "true or false");
    return null;
  }

  /** An integer ≥ 1, or {@code keyword} (0: decor_sweeps auto, batch_size full). */
  private Integer keywordValue(String p, JsonNode v, String allowed, String keyword) {
    if (v.isTextual() && v.textValue().equals(keyword)) {
      return 0;
    }
    if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 1) {
      return v.intValue();
    }
    if (v.isIntegralNumber()) {
      problems.add(p + ": " + show(v) + " is out of range; expected " + allowed);
    } else {
      typeProblem(p, v, keyword + " or an integer", allowed);
    }
    return null;
  }

  private void typeProblem(String p, JsonNode v, String what, String allowed) {
    if (v.isNull()) {
      problems.add(p + ": has no value; expected " + allowed);
    } else {
      problems.add(p + ": " + show(v) + " is not " + what + "; expected " + allowed);
    }
  }

  /** A value as the user wrote it: strings quoted, numbers as read, collections by kind. */
  static String show(JsonNode v) {
    if (v.isTextual()) {
      String s = v.textValue();
      if (s.length() > 40) {
        s = s.substring(0, 37) + "...";
      }
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
    if (v.isArray()) {
      return v.isEmpty() ? "an empty list" : "a list";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isNull()) {
      return "null";
    }
    return v.asText();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A list (or one scalar written in its place) as its items with their paths; null and a problem if empty. */
  private List<JsonNode> items(String p, JsonNode v, String what, List<String> paths) {
    if (v.isArray()) {
      if (v.isEmpty()) {
        problems.add(p + ": empty list; expected at least one value, each " + what);
        return null;
      }
      List<JsonNode> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(v.get(i));
        paths.add(p + "[" + i + "]");
      }
      return out;
    }
    if (v.isNull() || v.isObject()) {
      typeProblem(p, v, "a list", "a list of values, each " + what);
      return null;
    }
    paths.add(p);
    return List.of(v);
  }

  /** Integer list items (each type-checked as an integer in [min, max]), or null if the list itself is bad. */
  private List<Item> integers(String p, JsonNode v, String what, long min, long max) {
    List<String> paths = new ArrayList<>();
    List<JsonNode> nodes = items(p, v, what, paths);
    if (nodes == null) {
      return null;
    }
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      String ip = paths.get(i);
      if (!n.isIntegralNumber()) {
        typeProblem(ip, n, "an integer", what);
      } else if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
        problems.add(ip + ": " + show(n) + " is out of range; expected " + what);
      } else {
        out.add(new Item(ip, n.longValue()));
      }
    }
    return distinct(out);
  }

  /** Reports repeated values ("grid.n_temp[2]: 10 repeats grid.n_temp[0]") and returns the first of each. */
  private List<Item> distinct(List<Item> items) {
    Map<Long, Item> first = new LinkedHashMap<>();
    for (Item it : items) {
      Item seen = first.putIfAbsent(it.value(), it);
      if (seen != null) {
        problems.add(it.path() + ": " + it.value() + " repeats " + seen.path() + "; expected distinct values");
      }
    }
    return new ArrayList<>(first.values());
  }

  // ---- top-level values -----------------------------------------------------------------------------------

  private String name(JsonNode v) {
    String allowed = "a name matching " + SweepSpec.NAME.pattern() + " (letters, digits, '.', '_', '-'; 1 to 64)";
    if (v == null) {
      problems.add("name: missing; expected " + allowed);
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      typeProblem("name", v, "a string", allowed);
      return null;
    }
    String s = v.asText();
    if (!SweepSpec.NAME.matcher(s).matches() || s.equals(".") || s.equals("..")) {
      problems.add("name: " + show(v) + " is not a valid name; expected " + allowed + ", not . or ..");
      return null;
    }
    return s;
  }

  private String output(JsonNode v) {
    String allowed = "a path or a file:, hdfs: or s3a: URI";
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      typeProblem("output", v, "a string", allowed);
      return null;
    }
    if (v.textValue().isBlank()) {
      problems.add("output: an empty string; expected " + allowed + " (or no output key)");
      return null;
    }
    return v.textValue().strip();
  }

  /**
   * The {@code limits} section: {@code point_timeout} in seconds ({@code 600}) or as a multiple of the point's cost
   * estimate ({@code 3x}); no limit when absent.
   */
  private Limits limits(JsonNode v) {
    JsonNode node = mappingOrNull("limits", v, LIMITS_KEYS);
    JsonNode t = node == null ? null : node.get("point_timeout");
    if (t == null) {
      return Limits.NONE;
    }
    String allowed = "seconds in (0, " + (long) Limits.MAX_SECONDS + "], or a multiple of the point's estimate in (0, "
        + (long) Limits.MAX_FACTOR + "] written like 3x";
    try {
      if (t.isNumber()) {
        return new Limits(t.doubleValue(), Double.NaN);
      }
      if (t.isTextual() && t.textValue().strip().matches("[0-9]+(\\.[0-9]+)?x")) {
        String x = t.textValue().strip();
        return new Limits(Double.NaN, Double.parseDouble(x.substring(0, x.length() - 1)));
      }
    } catch (IllegalArgumentException e) {
      // out of range: reported below
    }
    problems.add("limits.point_timeout: " + show(t) + " is not allowed; expected " + allowed);
    return Limits.NONE;
  }

  /** The {@code aggregate} section: what the sweep's closing aggregation does (defaults when absent). */
  private SweepSpec.Aggregate aggregate(JsonNode v) {
    JsonNode node = mappingOrNull("aggregate", v, AGGREGATE_KEYS);
    SweepSpec.Aggregate d = SweepSpec.Aggregate.DEFAULT;
    if (node == null) {
      return d;
    }
    boolean enabled = d.enabled();
    int nTempMin = d.settings().nTempMin();
    AggregateSettings.Candidates candidates = d.settings().candidates();
    JsonNode e = node.get("enabled");
    if (e != null) {
      Boolean b = boolValue("aggregate.enabled", e);
      enabled = b == null ? enabled : b;
    }
    JsonNode n = node.get("n_temp_min");
    String range = "an integer in [1, 1000000]";
    if (n != null) {
      Integer i = intValue("aggregate.n_temp_min", n, range);
      if (i != null && (i < 1 || i > 1_000_000)) {
        problems.add("aggregate.n_temp_min: " + i + " is out of range; expected " + range);
      } else if (i != null) {
        nTempMin = i;
      }
    }
    JsonNode c = node.get("best_n_h");
    if (c != null) {
      AggregateSettings.Candidates parsed = c.isTextual() ? AggregateSettings.Candidates.parse(c.textValue()) : null;
      if (parsed == null) {
        problems.add("aggregate.best_n_h: " + show(c) + " is not allowed; expected squares or all");
      } else {
        candidates = parsed;
      }
    }
    return new SweepSpec.Aggregate(enabled, new AggregateSettings(nTempMin, candidates));
  }

  /** The field values H (canonical), in spec order; the default {0} when absent. */
  private double[] fields(JsonNode v) {
    if (v == null) {
      return DEFAULT_FIELDS.clone();
    }
    String what = "a number with |H| ≤ " + fmt(MonteCarlo.MAX_FIELD) + " or a range \"start:end:step\"";
    List<String> paths = new ArrayList<>();
    List<JsonNode> nodes;
    if (v.isTextual()) {
      // "0,0.5" or "-1:1:0.5": comma-separated items, all at the path "fields"
      nodes = new ArrayList<>();
      for (String part : v.textValue().split(",", -1)) {
        nodes.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(part.strip()));
        paths.add("fields");
      }
    } else {
      nodes = items("fields", v, what, paths);
      if (nodes == null) {
        return DEFAULT_FIELDS.clone();
      }
    }
    List<Double> values = new ArrayList<>();
    Map<Double, String> seen = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      String p = paths.get(i);
      double[] expanded;
      if (n.isNumber()) {
        expanded = new double[] {n.doubleValue()};
      } else if (n.isTextual()) {
        expanded = range(p, n.textValue(), what);
        if (expanded == null) {
          continue;
        }
      } else {
        typeProblem(p, n, "a number", what);
        continue;
      }
      for (double h : expanded) {
        if (!Double.isFinite(h) || Math.abs(h) > MonteCarlo.MAX_FIELD) {
          problems.add(p + ": " + fmt(h) + " is out of range; expected " + what);
          continue;
        }
        double c = MonteCarlo.canonical(h);
        String before = seen.putIfAbsent(c, p);
        if (before != null) {
          problems.add(p + ": " + fmt(c) + " repeats a value of " + before + "; expected distinct values");
          continue;
        }
        values.add(c);
      }
      if (values.size() > MAX_FIELD_VALUES) {
        problems.add(p + ": more than " + MAX_FIELD_VALUES + " values; expected at most " + MAX_FIELD_VALUES);
        return DEFAULT_FIELDS.clone();
      }
    }
    if (values.isEmpty()) {
      return DEFAULT_FIELDS.clone();
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A number or an inclusive range start:end:step (values start + k·step, never accumulated). */
  private double[] range(String p, String text, String what) {
    String[] parts = text.split(":", -1);
    double[] x = new double[parts.length];
    if (parts.length != 1 && parts.length != 3) {
      problems.add(p + ": \"" + text + "\" is neither a number nor start:end:step; expected " + what);
      return null;
    }
    for (int k = 0; k < parts.length; k++) {
      try {
        x[k] = Double.parseDouble(parts[k].strip());
      } catch (NumberFormatException e) {
        x[k] = Double.NaN;
      }
      if (!Double.isFinite(x[k])) {
        problems.add(p + ": \"" + text + "\" is not a number or start:end:step; expected " + what);
        return null;
      }
    }
    if (parts.length == 1) {
      return x;
    }
    double start = x[0];
    double end = x[1];
    double step = x[2];
    if (!(step > 0) || end < start) {
      problems.add(p + ": \"" + text + "\" is not a valid range; expected start:end:step with step > 0 and end ≥ start");
      return null;
    }
    double count = Math.floor((end - start) / step + 1e-9) + 1;
    if (count > MAX_FIELD_VALUES) {
      problems.add(p + ": \"" + text + "\" expands to more than " + MAX_FIELD_VALUES + " values; expected at most "
          + MAX_FIELD_VALUES);
      return null;
    }
    double[] out = new double[(int) count];
    for (int k = 0; k < out.length; k++) {
      out[k] = start + k * step;
    }
    return out;
  }

  // ---- grid -----------------------------------------------------------------------------------------------

  private List<LatticeItem> lattices(ObjectNode g, Integer dim) {
    JsonNode l = g.get("l");
    JsonNode nv = g.get("n_v");
    if (l != null && nv != null) {
      problems.add("grid: both l and n_v given; expected exactly one of them");
      return List.of();
    }
    List<LatticeItem> out = new ArrayList<>();
    if (l == null && nv == null) {
      if (dim != null) {
        out.add(new LatticeItem(new Lattice(dim, DEFAULT_L), "the default l = " + DEFAULT_L));
      }
      return out;
    }
    boolean sides = l != null;
    String p = sides ? "grid.l" : "grid.n_v";
    String what = sides ? "an integer side ≥ 2" : "an integer site count ≥ 2 (a perfect square l² in 2D)";
    List<Item> items = integers(p, sides ? l : nv, what, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (items == null || dim == null) {
      return out;
    }
    for (Item it : items) {
      int v = (int) it.value();
      int side = v;
      if (!sides && dim == 2 && v > 0) {
        side = (int) Math.round(Math.sqrt(v));
        if ((long) side * side != v) {
          int lo = (int) Math.floor(Math.sqrt(v));
          problems.add(it.path() + ": " + v + " is not a perfect square; expected n_v = l² in 2D (e.g. " + lo * lo
              + " or " + (lo + 1) * (lo + 1) + ")");
          continue;
        }
      }
      try {
        Lattice lattice = new Lattice(dim, side);
        out.add(new LatticeItem(lattice, it.path() + " = " + v));
      } catch (InvalidValueException e) {
        problems.add(it.path() + ": " + v + " is out of range; expected "
            + (!sides && dim == 2 ? "n_v = l² with l " + e.allowed() : e.allowed()));
      }
    }
    return out;
  }

  private SweepSpec.NhAxis nhAxis(JsonNode v, List<LatticeItem> lattices) {
    if (v == null) {
      return checkedList(List.of(new Item("grid.n_h (default)", DEFAULT_NH)), lattices);
    }
    if (v.isObject()) {
      return nhRule((ObjectNode) v, lattices);
    }
    if (!v.isArray() && !v.isIntegralNumber()) {
      typeProblem("grid.n_h", v, "a list", NH_FORMS);
      return null;
    }
    List<Item> items = integers("grid.n_h", v, "an integer ≥ 1", 1, Integer.MAX_VALUE);
    return items == null ? null : checkedList(items, lattices);
  }

  /** An explicit n_h list: every value must fit every lattice (n_h ≤ n_v). */
  private SweepSpec.NhAxis checkedList(List<Item> items, List<LatticeItem> lattices) {
    int before = problems.size();
    for (Item it : items) {
      for (LatticeItem l : lattices.stream().sorted(Comparator.comparingInt(x -> x.lattice().sites())).toList()) {
        if (it.value() > l.lattice().sites()) {
          problems.add(it.path() + ": " + it.value() + " exceeds the cap n_v = " + l.lattice().sites() + " of "
              + l.origin() + "; expected n_h ≤ n_v for every lattice (or {list: [...], max_fraction: 1.0} to keep "
              + "per lattice only the values that fit)");
          break;
        }
      }
    }
    return problems.size() > before ? null
        : new SweepSpec.NhAxis.Listed(items.stream().map(i -> (int) i.value()).toList());
  }

  private SweepSpec.NhAxis nhRule(ObjectNode v, List<LatticeItem> lattices) {
    int before = problems.size();
    unknownKeys("grid.n_h", v, NH_RULE_KEYS);
    JsonNode squares = v.get("squares_up_to");
    JsonNode list = v.get("list");
    JsonNode maxFraction = v.get("max_fraction");
    String fractionAllowed = "a fraction in (0, 1]";
    if (squares != null && list != null) {
      problems.add("grid.n_h: both squares_up_to and list given; expected one of them");
      return null;
    }
    if (squares == null && list == null) {
      problems.add("grid.n_h: a mapping without squares_up_to or list; expected " + NH_FORMS);
      return null;
    }
    if (squares != null) {
      if (maxFraction != null) {
        problems.add("grid.n_h.max_fraction: not allowed with squares_up_to; expected it only with list");
      }
      Double f = doubleValue("grid.n_h.squares_up_to", squares, fractionAllowed);
      if (f == null) {
        return null;
      }
      if (!(f > 0 && f <= 1)) {
        problems.add("grid.n_h.squares_up_to: " + show(squares) + " is out of range; expected " + fractionAllowed);
        return null;
      }
      SweepSpec.NhAxis.SquaresUpTo rule = new SweepSpec.NhAxis.SquaresUpTo(f);
      for (LatticeItem l : lattices) {
        if (rule.values(l.lattice().sites()).isEmpty()) {
          problems.add("grid.n_h.squares_up_to: " + show(squares) + " leaves no n_h for n_v = " + l.lattice().sites()
              + " (" + l.origin() + "); expected a fraction with fraction·n_v ≥ 1");
        }
      }
      return problems.size() > before ? null : rule;
    }
    double mf = 1.0;
    if (maxFraction != null) {
      Double f = doubleValue("grid.n_h.max_fraction", maxFraction, fractionAllowed);
      if (f == null) {
        return null;
      }
      if (!(f > 0 && f <= 1)) {
        problems.add("grid.n_h.max_fraction: " + show(maxFraction) + " is out of range; expected " + fractionAllowed);
        return null;
      }
      mf = f;
    }
    List<Item> items = integers("grid.n_h.list", list, "an integer ≥ 1", 1, Integer.MAX_VALUE);
    if (items == null || problems.size() > before) {
      return null;
    }
    SweepSpec.NhAxis.Capped rule = new SweepSpec.NhAxis.Capped(items.stream().map(i -> (int) i.value()).toList(), mf);
    if (!lattices.isEmpty()) {
      int largest = lattices.stream().mapToInt(l -> l.lattice().sites()).max().getAsInt();
      long cap = SweepSpec.NhAxis.cap(mf, largest);
      for (Item it : items) {
        if (it.value() > cap) {
          problems.add(it.path() + ": " + it.value() + " exceeds max_fraction·n_v = " + cap + " of every lattice; "
              + "expected a value that some lattice admits");
        }
      }
      for (LatticeItem l : lattices) {
        if (rule.values(l.lattice().sites()).isEmpty()) {
          problems.add("grid.n_h.list: no value is ≤ max_fraction·n_v = " + SweepSpec.NhAxis.cap(mf, l.lattice().sites())
              + " for " + l.origin() + "; expected at least one n_h per lattice");
        }
      }
    }
    return problems.size() > before ? null : rule;
  }

  private List<Item> nTemps(JsonNode v, List<Double> tSteps) {
    if (v == null) {
      return List.of(new Item("grid.n_temp (default)", DEFAULT_NTEMP));
    }
    String allowedCore = allowedNTemp(Integer.MIN_VALUE, 1e-6);
    List<Item> items = integers("grid.n_temp", v, allowedCore, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (items == null) {
      return List.of();
    }
    List<Item> out = new ArrayList<>();
    for (Item it : items) {
      String bad = null;
      Double tStep = null;
      for (double t : tSteps == null ? List.of(1e-6) : tSteps) {
        bad = allowedNTemp((int) it.value(), t);
        if (bad != null) {
          tStep = tSteps == null ? null : t;
          break;
        }
      }
      if (bad != null) {
        problems.add(it.path() + ": " + it.value() + (tStep != null && it.value() >= 1 && it.value() <= 100_000
            ? " with t_step = " + fmt(tStep) + " is out of range" : " is out of range") + "; expected " + bad);
      } else {
        out.add(it);
      }
    }
    return out;
  }

  /** GridPoint's verdict on n_temp at this t_step: null if allowed, else the allowed text. */
  private static String allowedNTemp(int nTemp, double tStep) {
    try {
      new GridPoint("probe", PROBE_LATTICE, 1, nTemp, tStep, DEFAULT_FIELDS, 1, 1, DEFAULT_MC, DEFAULT_TRAINING,
          PROBE_FLOW, DEFAULT_ANALYSIS);
      return null;
    } catch (InvalidValueException e) {
      return e.allowed();
    }
  }

  /**
   * training.checkpoints: increasing epochs below training.epochs at which each point's RBM is also evaluated
   * ({@link PointRunner#runAll}); empty when absent.
   */
  private List<Integer> checkpoints(JsonNode v, Integer leastEpochs) {
    if (v == null) {
      return List.of();
    }
    int epochs = leastEpochs == null ? Integer.MAX_VALUE : leastEpochs;
    String allowed = "increasing integers in [1, training.epochs − 1"
        + (leastEpochs == null ? "" : " = " + (epochs - 1)) + "]";
    List<Item> items = integers("training.checkpoints", v, allowed, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (items == null) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (Item it : items) {
      if (it.value() < 1 || it.value() >= epochs || (!out.isEmpty() && it.value() <= out.get(out.size() - 1))) {
        problems.add(it.path() + ": " + it.value() + " is not allowed; expected " + allowed);
        return List.of();
      }
      out.add((int) it.value());
    }
    return out;
  }

  private List<Long> seeds(JsonNode v, long masterSeed, boolean masterSeedGiven) {
    String allowed = "a count in [1, " + MAX_SEED_COUNT + "] or a list of distinct integers";
    if (v == null) {
      return derivedSeeds(masterSeed, DEFAULT_SEED_COUNT);
    }
    if (v.isArray()) {
      if (masterSeedGiven) {
        problems.add("master_seed: has no effect with an explicit list grid.seeds; expected master_seed only with a "
            + "seed count");
      }
      List<Item> items = integers("grid.seeds", v, "an integer", Long.MIN_VALUE, Long.MAX_VALUE);
      return items == null ? List.of() : items.stream().map(Item::value).sorted().toList();
    }
    if (v.isIntegralNumber()) {
      if (!v.canConvertToInt() || v.intValue() < 1 || v.intValue() > MAX_SEED_COUNT) {
        problems.add("grid.seeds: " + show(v) + " is out of range; expected " + allowed);
        return List.of();
      }
      return derivedSeeds(masterSeed, v.intValue());
    }
    typeProblem("grid.seeds", v, "a count or a list", allowed);
    return List.of();
  }

  /** seed_k = SplitMix64.derive(master_seed, tag("seed"), k), k = 0 … count − 1. */
  static List<Long> derivedSeeds(long masterSeed, int count) {
    List<Long> out = new ArrayList<>(count);
    long tag = SplitMix64.tag("seed");
    for (int k = 0; k < count; k++) {
      out.add(SplitMix64.derive(masterSeed, tag, k));
    }
    return out;
  }

  // ---- flow starts ----------------------------------------------------------------------------------------

  /** The starts, normalised (data, random, T=min, T=max, T=<canonical value>); null if any is bad. */
  private List<String> starts(JsonNode v) {
    if (v == null) {
      return DEFAULT_STARTS;
    }
    List<String> paths = new ArrayList<>();
    List<JsonNode> nodes = items("flow.starts", v, "one of " + STARTS_ALLOWED, paths);
    if (nodes == null) {
      return null;
    }
    int before = problems.size();
    Map<String, String> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      String p = paths.get(i);
      if (!n.isTextual()) {
        typeProblem(p, n, "a string", STARTS_ALLOWED);
        continue;
      }
      String s = normaliseStart(n.textValue());
      if (s == null) {
        problems.add(p + ": " + show(n) + " is not a flow start; expected " + STARTS_ALLOWED);
        continue;
      }
      String first = seen.putIfAbsent(s, p);
      if (first != null) {
        problems.add(p + ": " + show(n) + " repeats " + first + "; expected distinct starts");
        continue;
      }
      out.add(s);
    }
    return problems.size() > before ? null : out;
  }

  static String normaliseStart(String text) {
    String s = text.strip();
    if (s.equalsIgnoreCase("T=min")) {
      return "T=min";
    }
    if (s.equalsIgnoreCase("T=max")) {
      return "T=max";
    }
    if (s.regionMatches(true, 0, "T=", 0, 2) && s.length() > 2) {
      try {
        double t = Double.parseDouble(s.substring(2).strip());
        return new FlowStart(FlowStart.Kind.TEMPERATURE, MonteCarlo.canonical(t)).label();
      } catch (NumberFormatException | InvalidValueException e) {
        return null;
      }
    }
    try {
      return FlowStart.parse(s).label();
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /** Each T=<value> start must be on the training grid of every n_temp; the resolved starts must stay distinct. */
  private void checkStarts(List<String> starts, List<Item> nTemps, double tStep) {
    for (int i = 0; i < starts.size(); i++) {
      String s = starts.get(i);
      if (!s.startsWith("T=") || s.equals("T=min") || s.equals("T=max")) {
        continue;
      }
      for (Item nt : nTemps) {
        String bad = startProblem(FlowStart.parse(s), (int) nt.value(), tStep);
        if (bad != null) {
          problems.add("flow.starts[" + i + "]: " + s + " is not a training temperature of " + nt.path() + " = "
              + nt.value() + " (t_step = " + fmt(tStep) + "); expected " + bad + " (for every n_temp)");
          break;
        }
      }
    }
    for (Item nt : nTemps) {
      List<FlowStart> resolved = SweepSpec.resolveStarts(starts, (int) nt.value(), tStep);
      Map<String, Integer> first = new HashMap<>();
      boolean clash = false;
      for (int i = 0; i < resolved.size() && !clash; i++) {
        Integer j = first.putIfAbsent(resolved.get(i).label(), i);
        if (j != null) {
          problems.add("flow.starts: " + starts.get(j) + " and " + starts.get(i) + " are the same start "
              + resolved.get(i).label() + " for " + nt.path() + " = " + nt.value()
              + "; expected starts that differ for every n_temp");
          clash = true;
        }
      }
      if (clash) {
        break;
      }
    }
  }

  private static String startProblem(FlowStart start, int nTemp, double tStep) {
    try {
      new GridPoint("probe", PROBE_LATTICE, 1, nTemp, tStep, DEFAULT_FIELDS, 1, 1, DEFAULT_MC, DEFAULT_TRAINING,
          new FlowConfig(List.of(start), 2, 2, 1, 0), DEFAULT_ANALYSIS);
      return null;
    } catch (InvalidValueException e) {
      return e.allowed();
    }
  }

  // ---- canonical text -------------------------------------------------------------------------------------

  /**
   * The canonical rendering of a spec's result-determining values (see {@link SweepSpec}): sorted-key JSON; a
   * parameter with one value renders as that value, one with several as their list in spec order. Parameters that
   * change no result ({@link Param#identity()} false) are left out.
   */
  static String canonical(String name, int dim, List<Lattice> lattices, SweepSpec.NhAxis nh, List<Integer> nTemps,
      List<Long> seeds, double[] fields, Settings settings, List<Integer> checkpoints, List<String> flowStarts) {
    Map<String, Object> m = new TreeMap<>();
    m.put("format", "rbmflow-sweep-spec/1");
    m.put("name", name);
    List<Object> ls = new ArrayList<>();
    for (Lattice l : lattices) {
      Map<String, Object> e = new TreeMap<>();
      e.put("l", l.l());
      e.put("n_v", l.sites());
      e.put("n_h", nh.values(l.sites()));
      ls.add(e);
    }
    m.put("lattices", ls);
    m.put("n_temp", nTemps);
    m.put("seeds", seeds);
    m.put("fields", Arrays.stream(fields).mapToObj(SpecParams::num).toList());
    for (Section sec : SpecParams.SECTIONS) {
      Map<String, Object> target = m;
      if (!sec.name().isEmpty()) {
        target = new TreeMap<>();
        m.put(sec.name(), target);
      }
      for (Param q : sec.params()) {
        if (q.identity() && !q.key().equals("master_seed")) {   // the seeds are rendered as values
          List<Object> v = settings.of(q);
          target.put(q.key(), v.size() == 1 ? q.canonical(v.get(0)) : v.stream().map(q::canonical).toList());
        }
      }
    }
    if (dim != (int) settings.first(SpecParams.TOP.params().get(0))) {
      throw new IllegalArgumentException("dim " + dim + " differs from the settings' " + settings.first(
          SpecParams.TOP.params().get(0)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) m.get("training");
    if (!checkpoints.isEmpty()) {
      t.put("checkpoints", checkpoints);   // absent when empty: specs without checkpoints keep their fingerprints
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) m.get("flow");
    f.put("starts", flowStarts);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the canonical spec", e);
    }
  }

  /**
   * The spec as a document this parser reads back to an equal spec (JSON, which is YAML): every effective value,
   * defaults included; a parameter with several values as its list; seeds as a count with master_seed when they are
   * the derived ones, else as their list.
   */
  static String document(SweepSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    Map<String, Object> grid = new LinkedHashMap<>();
    grid.put("l", s.lattices().stream().map(Lattice::l).toList());
    SweepSpec.NhAxis nh = s.nh();
    grid.put("n_h", nh instanceof SweepSpec.NhAxis.SquaresUpTo x ? Map.of("squares_up_to", SpecParams.num(x.fraction()))
        : nh instanceof SweepSpec.NhAxis.Capped x ? Map.of("list", x.list(), "max_fraction",
            SpecParams.num(x.maxFraction()))
        : ((SweepSpec.NhAxis.Listed) nh).list());
    grid.put("n_temp", s.nTemps());
    boolean derived = s.seeds().equals(derivedSeeds(s.masterSeed(), s.seeds().size()));
    grid.put("seeds", derived ? (Object) s.seeds().size() : s.seeds());
    m.put("grid", grid);
    m.put("fields", Arrays.stream(s.fields()).mapToObj(SpecParams::num).toList());
    for (Section sec : SpecParams.SECTIONS) {
      Map<String, Object> target = m;
      if (!sec.name().isEmpty()) {
        target = new LinkedHashMap<>();
        m.put(sec.name(), target);
      }
      for (Param q : sec.params()) {
        if (q.key().equals("master_seed")) {
          if (derived) {
            target.put(q.key(), s.masterSeed());
          }
          continue;
        }
        List<Object> v = s.settings().of(q);
        target.put(q.key(), v.size() == 1 ? q.canonical(v.get(0)) : v.stream().map(q::canonical).toList());
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> training = (Map<String, Object>) m.get("training");
    if (!s.checkpoints().isEmpty()) {
      training.put("checkpoints", s.checkpoints());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> flow = (Map<String, Object>) m.get("flow");
    flow.put("starts", s.flowStarts());
    m.put("aggregate", Map.of("enabled", s.aggregate().enabled(), "n_temp_min", s.aggregate().settings().nTempMin(),
        "best_n_h", s.aggregate().settings().candidates().label()));
    if (s.limits().bounded()) {
      m.put("limits", Map.of("point_timeout", s.limits().yaml()));
    }
    if (s.output() != null) {
      m.put("output", s.output());
    }
    try {
      return JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build()
          .writerWithDefaultPrettyPrinter().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the spec", e);
    }
  }

  private static String fmt(double x) {
    return SpecParams.num(x).toPlainString();
  }
}
