package org.rbmflow.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Jackson's YAML parser with aliases resolved: the events of every anchored node ({@code &name}) are recorded as
 * they go by, and an alias ({@code *name}) is replaced by a replay of them, so that the tree holds the anchor's value
 * (scalar, list or mapping) where jackson-dataformat-yaml 2.x would give the alias's name as a string. The events
 * still go through {@link YAMLParser}, so scalar typing, duplicate keys and locations are Jackson's own.
 *
 * <p>Refused with a {@link Problem} at the alias: an alias whose anchor comes later or not at all, an alias inside
 * the node it names (a node that contains itself), and aliases that expand to more than {@link #MAX_EXPANDED_NODES}
 * nodes in all (a "billion laughs" document is a few lines that expand exponentially; SnakeYAML's own guard,
 * {@link LoaderOptions#setMaxAliasesForCollections}, only applies to its composer, which Jackson does not use).
 * One instance per document.
 */
final class AliasResolvingYamlParser extends YAMLParser {
  /** Most nodes all the aliases of one document may expand to together; a spec needs a few hundred. */
  static final int MAX_EXPANDED_NODES = 100_000;

  /** An alias that cannot be resolved: where, what, and what would be allowed. */
  static final class Problem extends JsonParseException {
    private static final long serialVersionUID = 1L;
    private final String expected;

    Problem(JsonParser p, JsonLocation at, String what, String expected) {
      super(p, what, at);
      this.expected = expected;
    }

    String expected() {
      return expected;
    }
  }

  /** The events of an anchored node being read, until its end. */
  private static final class Recording {
    final String anchor;
    final List<Event> events = new ArrayList<>();
    int depth;
    int nodes;

    Recording(String anchor) {
      this.anchor = anchor;
    }
  }

  /** A completed anchor: its events (aliases in them already resolved) and how many nodes they hold. */
  private record Anchor(List<Event> events, int nodes) {}

  private final Map<String, Anchor> anchors = new HashMap<>();
  private final List<Recording> open = new ArrayList<>();
  private Iterator<Event> replay;
  private long expanded;

  AliasResolvingYamlParser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions loaderOptions,
      ObjectCodec codec, Reader reader) {
    super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
  }

  /** A factory whose parsers are of this class, configured by {@code builder}. */
  static YAMLFactory factory(YAMLFactoryBuilder builder) {
    return new Factory(builder);
  }

  @Override
  protected Event getEvent() throws IOException {
    Event e;
    if (replay != null && replay.hasNext()) {
      e = replay.next();
    } else {
      replay = null;
      e = super.getEvent();
      if (e instanceof AliasEvent alias) {
        replay = resolve(alias).events().iterator();
        e = replay.next();
      } else if (e instanceof NodeEvent node && node.getAnchor() != null) {
        // only anchors read from the text define names: one inside a replay was defined where it was written
        open.add(new Recording(node.getAnchor()));
      }
    }
    if (e != null) {
      record(e);
    }
    return e;
  }

  private Anchor resolve(AliasEvent alias) throws Problem {
    String name = alias.getAnchor();
    for (Recording r : open) {
      if (r.anchor.equals(name)) {
        throw problem(alias, "the alias *" + name + " is inside the node anchored &" + name,
            "an alias to a node that does not contain it");
      }
    }
    Anchor anchor = anchors.get(name);
    if (anchor == null) {
      throw problem(alias, "the alias *" + name + " has no anchor &" + name + " before it",
          "an alias to an anchor defined earlier in the file");
    }
    expanded += anchor.nodes();
    if (expanded > MAX_EXPANDED_NODES) {
      throw problem(alias, "the aliases expand to more than " + MAX_EXPANDED_NODES + " nodes",
          "aliases that expand to at most " + MAX_EXPANDED_NODES + " nodes in all");
    }
    return anchor;
  }

  private Problem problem(AliasEvent alias, String what, String expected) {
    return new Problem(this, _locationFor(alias.getStartMark()), what, expected);
  }

  /** Adds the event to every open recording and completes those it ends. */
  private void record(Event e) {
    Iterator<Recording> it = open.iterator();
    while (it.hasNext()) {
      Recording r = it.next();
      r.events.add(e);
      if (e instanceof NodeEvent) {
        r.nodes++;
      }
      if (e instanceof CollectionStartEvent) {
        r.depth++;
      } else if (e instanceof CollectionEndEvent) {
        r.depth--;
      }
      if (r.depth == 0) {
        anchors.put(r.anchor, new Anchor(List.copyOf(r.events), r.nodes));
        it.remove();
      }
    }
  }

  /** Jackson's YAML factory, making {@link AliasResolvingYamlParser}s. */
  private static final class Factory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    Factory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    public YAMLFactory copy() {
      return new Factory(rebuild());
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) {
      return new AliasResolvingYamlParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) {
      return _createParser(new CharArrayReader(data, offset, len), ctxt);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      return _createParser(_createReader(in, null, ctxt), ctxt);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
      return _createParser(_createReader(data, offset, len, null, ctxt), ctxt);
    }
  }
}
