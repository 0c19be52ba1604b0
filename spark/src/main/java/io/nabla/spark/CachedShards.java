package io.nabla.spark;

import io.nabla.model.TrainingRecord;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * A data set's partitions as cached {@link Shard}s, built and checked by one job, kept in the
 * executors' memory for the rounds of one fit and released by {@link #close}. Rows are numbered
 * in partition order ({@link #offset}), the order {@code collect()} gives them in.
 */
final class CachedShards implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DistributedTrainer.class);

  private final JavaRDD<Shard> rdd;
  private final int[] rows;
  private final long[] offsets;
  private final long total;
  private final List<ShardCount> counts;

  private CachedShards(JavaRDD<Shard> rdd, int[] rows, List<ShardCount> counts) {
    this.rdd = rdd;
    this.rows = rows;
    this.counts = counts;
    this.offsets = new long[rows.length];
    long sum = 0;
    for (int p = 0; p < rows.length; p++) {
      offsets[p] = sum;
      sum += rows[p];
    }
    this.total = sum;
  }

  /**
   * Checks the columns (on the driver), then converts and caches every partition (one job that
   * reads and checks every row).
   *
   * @param role what the data is, for messages: {@code "training data"}
   * @param fingerprint whether the same job computes each partition's {@link ShardDigest} (for
   *     {@link #sha256()})
   * @throws NablaDataException naming the column, value and row at fault, or if there are no rows
   */
  static CachedShards build(Dataset<Row> data, String featuresCol, String labelCol, NetSpec spec, String role,
      boolean fingerprint) {
    FeatureColumn kind = FeatureColumn.of(data.schema(), featuresCol);
    FeatureColumn.checkLabel(data.schema(), labelCol);
    JavaRDD<Shard> shards = data.select(functions.col(featuresCol), functions.col(labelCol)).javaRDD()
        .mapPartitionsWithIndex(new ShardBuilder(spec, kind, featuresCol, labelCol), true)
        .persist(StorageLevel.MEMORY_ONLY());
    shards.setName("nabla shards of the " + role);
    long start = System.nanoTime();
    List<ShardCount> counts;
    try {
      counts = SparkFailures.run("reading the " + role,
          () -> shards.map(shard -> ShardCount.of(shard, fingerprint)).collect());
    } catch (RuntimeException e) {
      shards.unpersist(true);
      throw e;
    }
    int[] rows = new int[counts.size()];
    for (ShardCount c : counts) {
      rows[c.partition()] = c.rows();
    }
    warnIfExecutorsRunSlowerBackend(spec, counts);
    CachedShards cached = new CachedShards(shards, rows, counts);
    LOG.info("the {}: {} rows in {} partitions, checked and cached as tensors in {} ms", role, cached.total,
        rows.length, (System.nanoTime() - start) / 1_000_000);
    if (cached.total == 0) {
      cached.close();
      throw new NablaDataException("the " + role + " has no rows (features column '" + featuresCol
          + "', label column '" + labelCol + "', " + rows.length + " partitions)");
    }
    return cached;
  }

  /**
   * A partition's row count, the backend its executor holds its tensors on, that executor's Java
   * runtime ({@link TrainingRecord#currentJdk()}) and, if asked for, the rows' {@link ShardDigest}
   * (else null).
   */
  private record ShardCount(int partition, int rows, String backend, String jdk, byte[] sha256)
      implements java.io.Serializable {
    static ShardCount of(Shard shard, boolean fingerprint) {
      return new ShardCount(shard.partition(), shard.rows(), shard.features().backend().name(),
          TrainingRecord.currentJdk(), fingerprint ? ShardDigest.of(shard) : null);
    }
  }

  /**
   * An executor's warning that it fell back to a slower backend stays in that executor's log,
   * which few users read: with the backend left to choose, the driver repeats it where it is seen.
   */
  private static void warnIfExecutorsRunSlowerBackend(NetSpec spec, List<ShardCount> counts) {
    if (!spec.backendIsAutomatic()) {
      return;
    }
    String driver = spec.backend().name();
    List<String> others = counts.stream().filter(c -> !c.backend().equals(driver))
        .map(c -> "partition " + c.partition() + " on '" + c.backend() + "'").toList();
    if (!others.isEmpty()) {
      LOG.warn("the executors do not run the backend this driver runs ('{}'): {}. If the driver's is faster,"
          + " start the executors as the driver (for 'simd': spark.executor.extraJavaOptions="
          + "--add-modules=jdk.incubator.vector), or set the classifier's backend", driver,
          String.join(", ", others.size() > 4 ? others.subList(0, 4) : others) + (others.size() > 4 ? ", ..." : ""));
    }
  }

  /** The cached shards, one per partition. */
  JavaRDD<Shard> rdd() {
    return rdd;
  }

  /** The partitions (empty ones included). */
  int partitions() {
    return rows.length;
  }

  /** The partitions that hold rows. */
  int nonEmptyPartitions() {
    return (int) Arrays.stream(rows).filter(r -> r > 0).count();
  }

  /** The rows of partition {@code p}. */
  int rows(int p) {
    return rows[p];
  }

  /** Every partition's row count. */
  int[] rowsPerPartition() {
    return rows.clone();
  }

  /** The number, in partition order, of partition {@code p}'s first row. */
  long offset(int p) {
    return offsets[p];
  }

  /** Every partition's first row number. */
  long[] offsets() {
    return offsets.clone();
  }

  /** All rows. */
  long totalRows() {
    return total;
  }

  /** The backends the partitions that hold rows were cached on, each once, in partition order. */
  List<String> backends() {
    return counts.stream().filter(c -> c.rows() > 0).map(ShardCount::backend).distinct().toList();
  }

  /** The Java runtimes of the executors that cached the partitions that hold rows, each once. */
  List<String> jdks() {
    return counts.stream().filter(c -> c.rows() > 0).map(ShardCount::jdk).distinct().toList();
  }

  /**
   * The rows' fingerprint ({@link ShardDigest#combine}), in hex.
   *
   * @throws IllegalStateException if these shards were built without one
   */
  String sha256() {
    List<byte[]> digests = counts.stream().filter(c -> c.rows() > 0).map(ShardCount::sha256).toList();
    if (digests.contains(null)) {
      throw new IllegalStateException("these shards were cached without their digests");
    }
    return ShardDigest.combine(digests);
  }

  /** Drops the cached shards from every executor, waiting until they are gone. */
  @Override
  public void close() {
    rdd.unpersist(true);
  }

  /** A one-element iterator, or none for an empty shard: what a task returns. */
  static <T> Iterator<T> single(T value) {
    return value == null ? java.util.Collections.emptyIterator() : List.of(value).iterator();
  }
}
