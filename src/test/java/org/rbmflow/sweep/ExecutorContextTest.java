package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.SampleSet;

/**
 * Every N_h of one data key shares one generation; the caches keep within their byte budgets, count what they do,
 * and never change the data.
 */
class ExecutorContextTest {
  private static final long PLENTY = 1L << 30;

  private static GridPoint point(int nh, long seed) {
    GridPoint p = PointRunnerTest.small(seed, PointRunnerTest.training());
    return new GridPoint(p.sweep(), p.lattice(), nh, p.nTemp(), p.tStep(), p.fields(), p.configsPerTemp(), p.seed(),
        p.mc(), p.training(), p.flow(), p.analysis());
  }

  private static GridPoint withFields(GridPoint p, double... fields) {
    return new GridPoint(p.sweep(), p.lattice(), p.nh(), p.nTemp(), p.tStep(), fields, p.configsPerTemp(), p.seed(),
        p.mc(), p.training(), p.flow(), p.analysis());
  }

  private static void assertSameData(IsingDataset a, IsingDataset b) {
    assertEquals(a.sets().size(), b.sets().size());
    for (int i = 0; i < a.sets().size(); i++) {
      SampleSet x = a.sets().get(i);
      SampleSet y = b.sets().get(i);
      assertArrayEquals(x.spins().bits(), y.spins().bits());
      assertArrayEquals(x.energy(), y.energy());
      assertArrayEquals(x.magnetization(), y.magnetization());
    }
  }

  private static CacheStats data(ExecutorContext c) {
    return c.stats().get(0);
  }

  @Test
  void pointsThatDifferOnlyInNhShareOneDataSetAndAreCounted() {
    ExecutorContext c = new ExecutorContext(new ExecutorContext.Budget(PLENTY, PLENTY, PLENTY));
    IsingDataset a = c.trainingData(point(4, 3), 1);
    assertSame(a, c.trainingData(point(9, 3), 1));
    assertSame(a, c.trainingData(point(4, 3).withEpochs(17), 2));
    assertNotSame(a, c.trainingData(point(4, 4), 1));
    CacheStats s = data(c);
    assertEquals(2, s.hits());
    assertEquals(2, s.misses());
    assertEquals(0, s.evictions());
    assertEquals(2, s.entries());
    assertEquals(a.estimatedBytes() + c.trainingData(point(4, 4), 1).estimatedBytes(), s.bytes());
  }

  @Test
  void keysOfEqualInputsAreEqualHoweverBuilt() {
    GridPoint p = withFields(point(4, 3), 0.5, -0.5);
    GridPoint q = withFields(point(9, 3), new double[] {0.5, -0.5}.clone());
    assertEquals(Thermometers.DataKey.of(p), Thermometers.DataKey.of(q));
    assertEquals(Thermometers.DataKey.of(p).hashCode(), Thermometers.DataKey.of(q).hashCode());
    assertEquals(Thermometers.EnergyKey.of(p), Thermometers.EnergyKey.of(q.withEpochs(3)));
    // the data sets are ordered as the fields are given; the classifier sees them sorted
    GridPoint swapped = withFields(p, -0.5, 0.5);
    assertEquals(Thermometers.ClassifierKey.of(p), Thermometers.ClassifierKey.of(swapped));
    assertEquals(List.of(0.5, -0.5), Thermometers.DataKey.of(p).fields());
    assertEquals(List.of(-0.5, 0.5), Thermometers.DataKey.of(swapped).fields());
    assertArrayEquals(new double[] {0.5, -0.5}, p.fields(), "building a key leaves the point alone");
  }

  @Test
  void theDataBudgetEvictsTheLeastRecentlyUsedAndRegenerationGivesTheSameBits() {
    long one = new ExecutorContext(new ExecutorContext.Budget(PLENTY, 0, 0)).trainingData(point(4, 3), 1)
        .estimatedBytes();
    // room for two sets of this size, not three
    ExecutorContext c = new ExecutorContext(new ExecutorContext.Budget(2 * one + one / 2, 0, 0));
    IsingDataset a = c.trainingData(point(4, 3), 1);
    c.trainingData(point(4, 4), 1);
    c.trainingData(point(4, 3), 1);          // seed 3 is now the most recently used
    c.trainingData(point(4, 5), 2);          // evicts seed 4
    assertEquals(1, data(c).evictions());
    assertEquals(2, data(c).entries());
    assertSame(a, c.trainingData(point(16, 3), 1));
    c.trainingData(point(4, 6), 1);          // evicts seed 5
    c.trainingData(point(4, 7), 1);          // evicts seed 3
    IsingDataset again = c.trainingData(point(16, 3), 2);
    assertNotSame(a, again);
    assertSameData(a, again);
    assertEquals(4, data(c).evictions());
    assertEquals(true, data(c).bytes() <= data(c).budgetBytes());
  }

  @Test
  void aValueLargerThanTheBudgetIsHandedOutButNotKept() {
    ExecutorContext c = new ExecutorContext(new ExecutorContext.Budget(1000, 0, 0));
    IsingDataset a = c.trainingData(point(4, 3), 1);
    IsingDataset b = c.trainingData(point(4, 3), 1);
    assertNotSame(a, b);
    assertSameData(a, b);
    assertEquals(0, data(c).entries());
    assertEquals(2, data(c).misses());
  }

  @Test
  void concurrentRequestsForOneKeyWaitForOneComputation() throws Exception {
    ByteBoundedCache<Key, byte[]> cache = new ByteBoundedCache<>("test", PLENTY, v -> v.length);
    AtomicInteger computations = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<byte[]>> requests = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        requests.add(CompletableFuture.supplyAsync(() -> cache.get(new Key("x", 1), k -> {
          computations.incrementAndGet();
          started.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new byte[100];
        }), pool));
      }
      started.await(30, TimeUnit.SECONDS);
      release.countDown();
      byte[] first = requests.get(0).get(30, TimeUnit.SECONDS);
      for (CompletableFuture<byte[]> r : requests) {
        assertSame(first, r.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, computations.get());
    assertEquals(1, cache.stats().misses());
    assertEquals(7, cache.stats().hits());
    assertEquals(100, cache.stats().bytes());
  }

  @Test
  void theDataOfTwoThreadsAtOnceIsOneSet() throws Exception {
    ExecutorContext c = new ExecutorContext(new ExecutorContext.Budget(PLENTY, 0, 0));
    CompletableFuture<IsingDataset> x = CompletableFuture.supplyAsync(() -> c.trainingData(point(4, 11), 1));
    CompletableFuture<IsingDataset> y = CompletableFuture.supplyAsync(() -> c.trainingData(point(9, 11), 1));
    assertSame(x.get(), y.get());
    assertEquals(1, data(c).misses());
  }

  @Test
  void aFailedComputationIsForgottenAndTriedAgain() {
    ByteBoundedCache<Key, byte[]> cache = new ByteBoundedCache<>("test", PLENTY, v -> v.length);
    assertThrows(IllegalStateException.class, () -> cache.get(new Key("x", 1), k -> {
      throw new IllegalStateException("no");
    }));
    assertEquals(0, cache.stats().entries());
    assertEquals(3, cache.get(new Key("x", 1), k -> new byte[3]).length);
    assertEquals(2, cache.stats().misses());
  }

  @Test
  void resourcesAreSharedByEqualKeys() {
    ExecutorContext c = new ExecutorContext(new ExecutorContext.Budget(0, 0, PLENTY));
    StringBuilder a = c.resource(new Key("conf", 1), StringBuilder.class, k -> new StringBuilder(k.name()));
    assertSame(a, c.resource(new Key("conf", 1), StringBuilder.class, k -> new StringBuilder("other")));
    assertNotSame(a, c.resource(new Key("conf", 2), StringBuilder.class, k -> new StringBuilder(k.name())));
    assertEquals(1, c.stats().get(2).hits());
  }

  @Test
  void budgetsFollowTheHeapFraction() {
    ExecutorContext.Budget b = ExecutorContext.Budget.of(0.25, 4L << 30);
    assertEquals(1L << 30, b.dataBytes());
    assertEquals(1L << 27, b.thermometerBytes());
    assertThrows(IllegalArgumentException.class, () -> ExecutorContext.Budget.of(1.5, 1L << 30));
  }

  private record Key(String name, int n) {}
}
