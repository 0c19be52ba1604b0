package io.nabla.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's {@code local-cluster[2,1,1024]}, as {@link LocalClusterTest} starts it: two worker JVMs
 * from this build's class path (no Spark distribution), each with one executor. Only one Spark
 * context may run in a JVM, so starting it stops the shared {@link LocalSpark} session (the next
 * {@link LocalSpark#session()} starts a new one); closing it stops the cluster and makes sure, by
 * process id, that no executor outlives it.
 */
final class LocalCluster implements AutoCloseable {

  private final SparkSession spark;
  private final List<Long> executors;

  private LocalCluster(SparkSession spark, List<Long> executors) {
    this.spark = spark;
    this.executors = executors;
  }

  static LocalCluster start(String appName) throws Exception {
    LocalSpark.stop();
    // The workers find Spark's launcher settings here; their executors get this JVM's class path.
    Path sparkHome = Path.of(System.getenv("SPARK_HOME"));
    Files.createDirectories(sparkHome.resolve("jars"));
    SparkSession cluster = SparkSession.builder().master("local-cluster[2,1,1024]").appName(appName)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
        .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
        .config("spark.executor.extraClassPath", System.getProperty("surefire.test.class.path"))
        .getOrCreate();
    List<Long> pids = List.of();
    try {
      // The workers start their executors in the background: wait for both (the driver is listed too).
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (cluster.sparkContext().statusTracker().getExecutorInfos().length < 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      // Eight tasks over the two executors: each answers with its JVM's process id.
      pids = JavaSparkContext.fromSparkContext(cluster.sparkContext())
          .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).map(x -> ProcessHandle.current().pid()).distinct()
          .collect();
      return new LocalCluster(cluster, pids);
    } catch (Exception | Error e) {
      new LocalCluster(cluster, pids).close();
      throw e;
    }
  }

  SparkSession spark() {
    return spark;
  }

  /** The executors' process ids, none of them this JVM's. */
  List<Long> executors() {
    return executors;
  }

  @Override
  public void close() {
    spark.stop();
    for (long pid : executors) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
