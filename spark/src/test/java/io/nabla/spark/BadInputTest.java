package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
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
import org.junit.jupiter.api.Test;

/**
 * Data Nabla cannot train on ends the fit with one message naming the column, the value and the
 * row, before any round starts; never a bare stack trace from a Spark task.
 */
class BadInputTest {

  private static final int[] LAYERS = {3, 4, 2};

  private static final StructType NULLABLE = new StructType(new StructField[] {
      new StructField("features", new VectorUDT(), true, Metadata.empty()),
      new StructField("label", DataTypes.DoubleType, true, Metadata.empty())});

  /** Eight good rows in two partitions, with row {@code bad} (of the whole set) replaced. */
  private static Dataset<Row> withRow(int bad, Object features, Object label) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(i == bad ? RowFactory.create(features, label)
          : RowFactory.create(Vectors.dense(i, 1, 2), (double) (i % 2)));
    }
    SparkSession spark = LocalSpark.session();
    return spark.createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
        NULLABLE);
  }

  /** The error of a fit that must fail, after checking that no round ran. */
  private static NablaDataException failure(Dataset<Row> data) {
    AtomicInteger rounds = new AtomicInteger();
    NablaDataException e = assertThrows(NablaDataException.class, () -> DistributedTrainer.builder(LAYERS)
        .listener(r -> rounds.incrementAndGet()).build().fit(data, "features", "label"));
    assertEquals(0, rounds.get(), "no round may start on bad data");
    return e;
  }

  @Test
  void aLabelOutsideTheClassesNamesColumnValueAndRow() {
    // Row 6 of the set is row 2 of partition 1 (four rows per partition).
    NablaDataException e = failure(withRow(6, Vectors.dense(1, 2, 3), 2.0));
    assertEquals("label column 'label', row 2 of partition 1 is 2.0, outside [0, 2): the net has 2 classes",
        e.getMessage());
    e = failure(withRow(1, Vectors.dense(1, 2, 3), -1.0));
    assertEquals("label column 'label', row 1 of partition 0 is -1.0, outside [0, 2): the net has 2 classes",
        e.getMessage());
  }

  @Test
  void aLabelThatIsNotAWholeNumberIsNamed() {
    assertEquals("label column 'label', row 3 of partition 0 is 0.5, not a whole number (a class index)",
        failure(withRow(3, Vectors.dense(1, 2, 3), 0.5)).getMessage());
    assertEquals("label column 'label', row 3 of partition 0 is NaN, not a whole number (a class index)",
        failure(withRow(3, Vectors.dense(1, 2, 3), Double.NaN)).getMessage());
  }

  @Test
  void aFeaturesVectorOfTheWrongLengthIsNamed() {
    assertEquals("features column 'features', row 0 of partition 1 has 2 values; the net takes 3",
        failure(withRow(4, Vectors.dense(1, 2), 0.0)).getMessage());
    assertEquals("features column 'features', row 0 of partition 1 has 4 values; the net takes 3",
        failure(withRow(4, Vectors.sparse(4, new int[] {1}, new double[] {1}), 0.0)).getMessage());
  }

  @Test
  void aNaNOrInfiniteFeatureIsNamedWithItsIndex() {
    assertEquals("features column 'features', row 1 of partition 1 has NaN at index 2; features must be finite",
        failure(withRow(5, Vectors.dense(1, 2, Double.NaN), 0.0)).getMessage());
    assertEquals("features column 'features', row 1 of partition 1 has -Infinity at index 0; features must be"
        + " finite", failure(withRow(5, Vectors.dense(Double.NEGATIVE_INFINITY, 2, 3), 0.0)).getMessage());
  }

  @Test
  void nullsAreNamed() {
    assertEquals("features column 'features', row 2 of partition 0 is null",
        failure(withRow(2, null, 1.0)).getMessage());
    assertEquals("label column 'label', row 2 of partition 0 is null",
        failure(withRow(2, Vectors.dense(1, 2, 3), null)).getMessage());
  }

  @Test
  void anEmptyDataSetIsNamed() {
    Dataset<Row> empty = withRow(-1, null, null).limit(0);
    NablaDataException e = failure(empty);
    assertTrue(e.getMessage().startsWith("the training data has no rows (features column 'features', label"
        + " column 'label'"), e.getMessage());
  }

  @Test
  void columnsThatAreMissingOrOfTheWrongTypeAreNamedBeforeAnyJob() {
    Dataset<Row> data = withRow(-1, null, null);
    NablaDataException missing = assertThrows(NablaDataException.class,
        () -> DistributedTrainer.builder(LAYERS).build().fit(data, "pixels", "label"));
    assertEquals("there is no features column 'pixels'; the columns are [features, label]", missing.getMessage());
    Dataset<Row> text = data.withColumn("label", org.apache.spark.sql.functions.lit("three"));
    NablaDataException type = assertThrows(NablaDataException.class,
        () -> DistributedTrainer.builder(LAYERS).build().fit(text, "features", "label"));
    assertEquals("label column 'label' is string; expected a number (the class index 0, 1, ...)", type.getMessage());
    Dataset<Row> strings = data.withColumn("features", org.apache.spark.sql.functions.lit("1,2,3"));
    NablaDataException features = assertThrows(NablaDataException.class,
        () -> new NablaClassifier().setLayers(LAYERS).fit(strings));
    assertEquals("features column 'features' is string; expected a Spark ML Vector, array<float> or array<double>",
        features.getMessage());
  }

  @Test
  void theClassifierReportsTheSameMessagesAndANullInAnArrayToo() {
    NablaDataException e = assertThrows(NablaDataException.class,
        () -> new NablaClassifier().setLayers(LAYERS).fit(withRow(6, Vectors.dense(1, 2, 3), 7.0)));
    assertEquals("label column 'label', row 2 of partition 1 is 7.0, outside [0, 2): the net has 2 classes",
        e.getMessage());
    assertTrue(e.getCause() != null && e.getCause().getMessage().contains(e.getMessage()),
        "the Spark failure stays attached, with Nabla's message in it");
    UnaryOperator<Dataset<Row>> asArrays = d -> d.withColumn("features",
        org.apache.spark.ml.functions.vector_to_array(org.apache.spark.sql.functions.col("features"), "float64"));
    Dataset<Row> arrays = asArrays.apply(withRow(-1, null, null)).withColumn("features",
        org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("features").getItem(0).equalTo(5.0),
            org.apache.spark.sql.functions.array(org.apache.spark.sql.functions.lit(1.0),
                org.apache.spark.sql.functions.lit(null).cast("double"), org.apache.spark.sql.functions.lit(2.0)))
            .otherwise(org.apache.spark.sql.functions.col("features")));
    NablaDataException nullElement = assertThrows(NablaDataException.class,
        () -> new NablaClassifier().setLayers(LAYERS).fit(arrays));
    assertEquals("features column 'features', row 1 of partition 1 has a null at index 1", nullElement.getMessage());
  }

  @Test
  void scoringBadFeaturesFailsNamingTheRow() {
    NablaClassificationModel model = new NablaClassifier().setLayers(LAYERS).setMaxIter(1).fit(withRow(-1, null, null));
    Exception e = assertThrows(Exception.class,
        () -> model.transform(withRow(5, Vectors.dense(1, Double.NaN, 3), 0.0)).collectAsList());
    assertTrue(e.getMessage().contains("features column 'features', row 1 of partition 1 has NaN at index 1"),
        e.getMessage());
  }
}
