package org.rbmflow.sweep;

import java.util.IdentityHashMap;
import java.util.Map;
import org.rbmflow.random.SplitMix64;

/**
 * {@code SplitMix64.tag(settings.toString())} of the settings a point's id hashes by their text (flow starts,
 * analysis settings), remembered: every point of a grid shares the same few settings objects, and rendering a
 * record's text for each of 10⁵ points took most of a dry run.
 */
final class SettingsTags {
  /** More distinct settings than any grid holds; past it the cache starts over. */
  private static final int MAX_ENTRIES = 4096;
  /** By identity: a record's hashCode and equals walk its fields, which costs as much as the tag itself. */
  private static final Map<Object, Long> TAGS = new IdentityHashMap<>();

  private SettingsTags() {}

  /** The tag of {@code settings}' text; {@code settings} is immutable (a record of values, or an immutable list). */
  static synchronized long of(Object settings) {
    Long t = TAGS.get(settings);
    if (t == null) {
      if (TAGS.size() >= MAX_ENTRIES) {
        TAGS.clear();
      }
      t = SplitMix64.tag(settings.toString());
      TAGS.put(settings, t);
    }
    return t;
  }
}
