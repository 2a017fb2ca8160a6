package org.rbmflow.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command run ({@link SparkRun} holds it for the services). The master comes from outside (spark-submit, or {@code -Dspark.master} set by
 * {@code submit/rbmflow}); Kryo with the sweep's registrator.
 */
public final class SparkSessions {
  /** Finished tasks the driver's status store keeps unless {@code spark.ui.retainedTasks} says otherwise. */
  static final int RETAINED_TASKS = 10_000;

  private SparkSessions() {}

  /**
   * Spark SQL's catalog creates its warehouse directory on first use; rbmflow keeps no tables there (views only),
   * so unless configured it goes to the temporary directory instead of littering the current one.
   */
  public static SparkSession start(String appName) {
    String warehouse = System.getProperty("spark.sql.warehouse.dir",
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "rbmflow-spark-warehouse").toString());
    // the driver's status store keeps every finished task of a job up to spark.ui.retainedTasks (Spark's default:
    // 100 000), about a kilobyte each: a sweep of 10⁵ points is one job of 10⁵ tasks, so unless configured the
    // driver keeps the last RETAINED_TASKS (the progress and summary come from rbmflow's own listener)
    String retainedTasks = System.getProperty("spark.ui.retainedTasks", Integer.toString(RETAINED_TASKS));
    return SparkSession.builder()
        .appName(appName)
        .config("spark.ui.retainedTasks", retainedTasks)
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", SweepKryoRegistrator.class.getName())
        .config("spark.kryo.registrationRequired", "false")
        // the points table has more columns than Spark's default (25) prints of a plan; without this every query
        // over it logs a WARN that the plan's text was truncated
        .config("spark.sql.debug.maxToStringFields", "200")
        .getOrCreate();
  }
}
