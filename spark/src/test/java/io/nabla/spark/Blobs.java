package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.data.LabeledData;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A small learnable data set for the tests: {@code classes} Gaussian blobs in {@code features}
 * dimensions, the same rows as a Spark {@code Dataset<Row>} cut into contiguous partitions and as
 * Nabla {@link LabeledData} in the same order (the order {@code collect()} gives).
 */
record Blobs(double[][] features, int[] labels, int classes) {

  static Blobs of(int rows, int features, int classes, long seed) {
    SeededRandom random = new SeededRandom(seed);
    double[][] centres = new double[classes][features];
    for (double[] c : centres) {
      for (int j = 0; j < features; j++) {
        c[j] = random.nextDouble(-2, 2);
      }
    }
    double[][] x = new double[rows][features];
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = random.nextInt(classes);
      for (int j = 0; j < features; j++) {
        x[i][j] = centres[y[i]][j] + random.nextGaussian();
      }
    }
    return new Blobs(x, y, classes);
  }

  static final StructType VECTOR_SCHEMA = new StructType(new StructField[] {
      new StructField("features", new VectorUDT(), false, Metadata.empty()),
      new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});

  /** The rows as (features vector, label) in {@code partitions} contiguous partitions. */
  Dataset<Row> dataset(SparkSession spark, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(RowFactory.create(Vectors.dense(features[i]), (double) labels[i]));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(sc.parallelize(rows, partitions), VECTOR_SCHEMA);
  }

  /** How many rows each partition of {@code data} holds, in partition order. */
  static int[] rowsPerPartition(Dataset<Row> data) {
    return data.javaRDD().mapPartitions(rows -> {
      int n = 0;
      for (; rows.hasNext(); rows.next()) {
        n++;
      }
      return List.of(n).iterator();
    }).collect().stream().mapToInt(Integer::intValue).toArray();
  }

  /** The same rows as Nabla data on {@code backend}. */
  LabeledData labeled(Backend backend, DType dtype) {
    return new LabeledData(Tensors.matrix(backend, dtype, features), labels.clone(), classes);
  }

  /** Rows {@code [from, to)}: a train and a test set from the same blobs. */
  Blobs slice(int from, int to) {
    return new Blobs(java.util.Arrays.copyOfRange(features, from, to), java.util.Arrays.copyOfRange(labels, from, to),
        classes);
  }

  int width() {
    return features[0].length;
  }
}
