package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Training on Spark" example of docs/spark.md, line for line, on MNIST-shaped Parquet files (784
 * float features, ten classes) of learnable blobs, so that the example cannot rot.
 */
class ReadmeSparkExampleTest {

  @TempDir Path tempDir;

  private static final StructType MNIST_SCHEMA = new StructType()
      .add("label", DataTypes.IntegerType, false)
      .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  /** Blobs written as MnistToParquet writes MNIST: {@code label int, features array<float>}. */
  static void writeParquet(Blobs blobs, String path) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < blobs.labels().length; i++) {
      float[] x = new float[blobs.width()];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) blobs.features()[i][j];
      }
      rows.add(RowFactory.create(blobs.labels()[i], toBoxed(x)));
    }
    LocalSpark.session().createDataFrame(rows, MNIST_SCHEMA).repartition(2).write().parquet(path);
  }

  private static Float[] toBoxed(float[] x) {
    Float[] boxed = new Float[x.length];
    for (int j = 0; j < x.length; j++) {
      boxed[j] = x[j];
    }
    return boxed;
  }

  @Test
  void readmeSparkExampleTrainsScoresAndSaves() throws Exception {
    Blobs all = Blobs.of(700, 784, 10, 5);
    String dir = tempDir.toString();
    writeParquet(all.slice(0, 500), dir + "/train.parquet");
    writeParquet(all.slice(500, 700), dir + "/test.parquet");
    LocalSpark.session(); // the session getOrCreate() returns below: local[2] on 127.0.0.1
    // ---- README example starts ----
    SparkSession spark = SparkSession.builder().getOrCreate();          // spark-submit's master and settings
    Dataset<Row> train = spark.read().parquet(dir + "/train.parquet");  // label int, features array<float>
    Dataset<Row> test = spark.read().parquet(dir + "/test.parquet");
    NablaClassifier nabla = new NablaClassifier()
        .setLayers(new int[] {784, 50, 10})  // input, hidden..., classes: three sizes are the chapter's TwoLayerNet
        .setMaxIter(17)                      // rounds: each partition runs one pass over its rows
        .setBatchSize(100).setStepSize(0.1)
        .setScaleStepSize(true)              // learning rate x partitions
        .setSeed(42);                        // same seed, same partitions: the same bits
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {nabla}).fit(train);
    Dataset<Row> scored = model.transform(test);  // + rawPrediction, probability, prediction
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
    model.write().overwrite().save(dir + "/pipeline");  // PipelineModel.load reads it back
    Net net = ((NablaClassificationModel) model.stages()[0]).net();  // the Nabla model itself
    // ---- README example ends ----
    assertTrue(accuracy > 0.9, "well-separated blobs are learned; accuracy " + accuracy);
    assertArrayEquals(new int[] {784, 50, 10}, ((FeedForwardNet) net).layerSizes().stream().mapToInt(Integer::intValue).toArray());
    PipelineModel loaded = PipelineModel.load(dir + "/pipeline");
    assertEquals(scored.select("prediction").collectAsList(), loaded.transform(test).select("prediction").collectAsList(),
        "the saved pipeline predicts what the trained one did");
  }

  @Test
  void theReadmeShowsExactlyTheCodeThisTestRuns() throws Exception {
    String source = Files.readString(Path.of("src/test/java/io/nabla/spark/ReadmeSparkExampleTest.java"));
    String code = source.substring(source.indexOf("// ---- README example starts ----\n") + 35,
        source.indexOf("    // ---- README example ends ----")).stripTrailing().stripIndent().strip();
    String readme = Files.readString(Path.of("..", "docs", "spark.md"));
    int section = readme.indexOf("# Training on Spark");
    assertTrue(section >= 0, "docs/spark.md has a heading 'Training on Spark'");
    int start = readme.indexOf("```java\n", section) + 8;
    String block = readme.substring(start, readme.indexOf("```", start)).strip();
    assertEquals(code, block, "docs/spark.md's 'Training on Spark' example and this test's code have drifted apart");
  }
}
