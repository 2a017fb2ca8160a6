package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.SampleSet;

/** Every N_h of one data key shares one generation; eviction and concurrency never change the data. */
class TrainingDataCacheTest {

  private static GridPoint point(int nh, long seed) {
    GridPoint p = PointRunnerTest.small(seed, PointRunnerTest.training());
    return new GridPoint(p.sweep(), p.lattice(), nh, p.nTemp(), p.tStep(), p.fields(), p.configsPerTemp(), p.seed(),
        p.mc(), p.training(), p.flow(), p.analysis());
  }

  private static void assertSameData(IsingDataset a, IsingDataset b) {
    for (int i = 0; i < a.sets().size(); i++) {
      SampleSet x = a.sets().get(i);
      SampleSet y = b.sets().get(i);
      assertArrayEquals(x.energy(), y.energy());
      assertArrayEquals(x.magnetization(), y.magnetization());
    }
  }

  @Test
  void pointsThatDifferOnlyInNhShareOneDataSet() throws Exception {
    TrainingDataCache.clear();
    IsingDataset a = TrainingDataCache.get(point(4, 3), 1);
    assertSame(a, TrainingDataCache.get(point(9, 3), 1));
    IsingDataset other = TrainingDataCache.get(point(4, 4), 1);
    assertNotSame(a, other);
    // a third key evicts the least recently used (seed 3); regenerating it gives the same bits
    TrainingDataCache.get(point(4, 5), 2);
    IsingDataset again = TrainingDataCache.get(point(16, 3), 2);
    assertNotSame(a, again);
    assertSameData(a, again);
  }

  @Test
  void concurrentRequestsWaitForOneGeneration() throws Exception {
    TrainingDataCache.clear();
    CompletableFuture<IsingDataset> x = CompletableFuture.supplyAsync(() -> TrainingDataCache.get(point(4, 11), 1));
    CompletableFuture<IsingDataset> y = CompletableFuture.supplyAsync(() -> TrainingDataCache.get(point(9, 11), 1));
    assertSame(x.get(), y.get());
  }
}
