package io.nabla.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session the in-process tests share: {@code local[2]} (two task threads in this JVM),
 * bound to the loopback address, no web UI. Started on first use, stopped when the test JVM
 * exits; the tests that need separate JVMs start their own clusters.
 */
final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("nabla-spark-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .getOrCreate();
      SparkSession started = session;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return session;
  }

  /** Stops the shared session (a test that needs another master); the next {@link #session} starts a new one. */
  static synchronized void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
