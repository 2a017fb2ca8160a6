package org.rbmflow.service;

import org.apache.spark.sql.SparkSession;
import org.rbmflow.spark.SweepKryoRegistrator;

/**
 * The Spark session of a service (one per command run). The master comes from outside (spark-submit, or {@code -Dspark.master} set by
 * {@code submit/rbmflow}); Kryo with the sweep's registrator.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Spark SQL's catalog creates its warehouse directory on first use; rbmflow keeps no tables there (views only),
   * so unless configured it goes to the temporary directory instead of littering the current one.
   */
  public static SparkSession start(String appName) {
    String warehouse = System.getProperty("spark.sql.warehouse.dir",
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "rbmflow-spark-warehouse").toString());
    return SparkSession.builder()
        .appName(appName)
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
