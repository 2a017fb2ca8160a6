package org.rbmflow.sweep;

/**
 * What a cache did: requests served from it ({@code hits}, including those that waited for another thread's
 * computation), computed ({@code misses}), values dropped for room ({@code evictions}), and what it keeps now.
 *
 * @param bytes       estimated bytes kept
 * @param budgetBytes the most it keeps
 */
public record CacheStats(String name, long hits, long misses, long evictions, int entries, long bytes,
    long budgetBytes) {
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%s: %d hits, %d misses, %d evictions, %d kept (%s of %s MiB)", name, hits, misses,
        evictions, entries, ByteBoundedCache.mib(bytes), ByteBoundedCache.mib(budgetBytes));
  }
}
