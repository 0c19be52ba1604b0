package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backends;
import io.nabla.model.FeedForwardNet;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Training on real separate executor JVMs: Spark's {@code local-cluster[2,1,1024]} starts two
 * worker JVMs from this build's class path (no Spark distribution). Their process ids differ from
 * this one's, and they compute the same bits as {@code local[2]} does in this JVM.
 */
class LocalClusterTest {

  private static final Blobs DATA = Blobs.of(300, 6, 3, 17);
  private static final int[] LAYERS = {6, 8, 3};

  private static FeedForwardNet fit(SparkSession spark, TrainingMode mode) {
    return DistributedTrainer.builder(LAYERS).mode(mode).optimizer(OptimizerKind.MOMENTUM).batchSize(40)
        .maxIter(mode == TrainingMode.SYNC_GRADIENT ? 10 : 3).localSteps(2).dtype(DType.FLOAT64)
        .backend(Backends.current().name()).build()
        .fit(DATA.dataset(spark, 2), "features", "label").net();
  }

  @Test
  void separateExecutorJvmsTrainTheSameBitsAsLocalMode() throws Exception {
    FeedForwardNet localSync = fit(LocalSpark.session(), TrainingMode.SYNC_GRADIENT);
    FeedForwardNet localSteps = fit(LocalSpark.session(), TrainingMode.LOCAL_STEPS);
    LocalSpark.stop();

    // The workers find Spark's launcher settings here; their executors get this JVM's class path.
    Path sparkHome = Path.of(System.getenv("SPARK_HOME"));
    Files.createDirectories(sparkHome.resolve("jars"));
    SparkSession cluster = SparkSession.builder().master("local-cluster[2,1,1024]").appName("nabla-local-cluster")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
        .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
        .config("spark.executor.extraClassPath", System.getProperty("surefire.test.class.path"))
        .getOrCreate();
    List<Long> executors = List.of();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(cluster.sparkContext());
      executors = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
          .map(x -> ProcessHandle.current().pid()).distinct().collect();
      long driver = ProcessHandle.current().pid();
      assertEquals(2, executors.size(), "two executor JVMs: " + executors);
      assertFalse(executors.contains(driver), "executors " + executors + " run outside the driver " + driver);

      FeedForwardNet clusterSync = fit(cluster, TrainingMode.SYNC_GRADIENT);
      assertTrue(SingleMachine.sameBits(localSync, clusterSync),
          "sync mode differs by " + SingleMachine.maxDifference(localSync, clusterSync));
      FeedForwardNet clusterSteps = fit(cluster, TrainingMode.LOCAL_STEPS);
      assertTrue(SingleMachine.sameBits(localSteps, clusterSteps),
          "local mode differs by " + SingleMachine.maxDifference(localSteps, clusterSteps));
    } finally {
      cluster.stop();
      // Spark stops its executors itself; make sure, by process id, that none outlives the test.
      for (long pid : executors) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
