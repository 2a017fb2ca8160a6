package org.rbmflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.TrainingConfig;

class Cd1BenchTest {
  private static Map<String, String> fields(String line) {
    Map<String, String> out = new HashMap<>();
    for (String kv : line.split(" ")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return out;
  }

  @Test
  void theLineGivesTheEpochItsProductsAloneAndTheirRatio() {
    Cd1Bench.Result r = new Cd1Bench.Result(100, 16, 25000, 100, "openblas-jni", 0.03, 4.0, 0.006, 1234, true);
    Map<String, String> f = fields(r.line());
    assertEquals("0.0300", f.get("seconds_per_epoch"));
    assertEquals("0.0060", f.get("products_seconds_per_epoch"));
    assertEquals("5.00", f.get("epoch_over_products"));
    assertEquals(5.0, r.ratio(), 1e-12);
  }

  @Test
  void runReportsTheEpochAndItsProductsOfTheSameShape() {
    TrainingConfig config = new TrainingConfig(2, 0.01, 10, 1, 0, 0, false, 0.01, 0);
    Cd1Bench bench = new Cd1Bench(40, 8, 400, config, 3);
    double products = bench.productsPerEpoch(Linalg.best(), new Xoshiro256PlusPlus(1));
    assertTrue(products > 0 && Double.isFinite(products), "products " + products);
    Cd1Bench.Result r = bench.run();
    assertTrue(r.productsSecondsPerEpoch() > 0 && r.secondsPerEpoch() > 0, r.line());
    assertTrue(r.line().contains(" epoch_over_products="), r.line());
  }
}
