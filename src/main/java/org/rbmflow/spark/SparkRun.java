package org.rbmflow.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of one command run as the services hold it: started by {@link SparkSessions#start}, stopped on
 * {@link #close}. The jobs and tables of this package take it in place of a {@link SparkSession}, so that the services
 * start, pass and stop Spark without touching its API.
 */
public final class SparkRun implements AutoCloseable {
  private final SparkSession session;

  private SparkRun(SparkSession session) {
    this.session = session;
  }

  /** A session for the command {@code appName} (the master and the rest as {@link SparkSessions#start} says). */
  public static SparkRun start(String appName) {
    return new SparkRun(SparkSessions.start(appName));
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    session.stop();
  }
}
