package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.ModelFile;
import io.nabla.backend.DType;
import io.nabla.train.Evaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier where Spark ML users put it: after a {@code VectorAssembler} in a {@code
 * Pipeline}, scored by Spark's evaluator, saved and loaded as a {@code PipelineModel}, tuned by
 * {@code CrossValidator}; and its numbers checked against Nabla's own.
 */
class PipelineTest {

  private static final Blobs ALL = Blobs.of(550, 6, 3, 21);
  private static final Blobs TRAIN = ALL.slice(0, 400);
  private static final Blobs TEST = ALL.slice(400, 550);

  @TempDir Path dir;

  /** The blobs as one double column per feature and a label, as a table would hold them. */
  private static Dataset<Row> columns(Blobs blobs, int partitions) {
    List<StructField> fields = new ArrayList<>();
    for (int j = 0; j < blobs.width(); j++) {
      fields.add(DataTypes.createStructField("x" + j, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < blobs.labels().length; i++) {
      Object[] values = new Object[blobs.width() + 1];
      for (int j = 0; j < blobs.width(); j++) {
        values[j] = blobs.features()[i][j];
      }
      values[blobs.width()] = blobs.labels()[i];
      rows.add(RowFactory.create(values));
    }
    SparkSession spark = LocalSpark.session();
    return spark.createDataFrame(spark.sparkContext().parallelize(
        scala.jdk.javaapi.CollectionConverters.asScala(rows).toSeq(), partitions,
        scala.reflect.ClassTag$.MODULE$.apply(Row.class)), DataTypes.createStructType(fields));
  }

  private static Pipeline pipeline(NablaClassifier classifier) {
    String[] inputs = {"x0", "x1", "x2", "x3", "x4", "x5"};
    return new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(inputs).setOutputCol("features"), classifier});
  }

  private static NablaClassifier classifier() {
    return new NablaClassifier().setLayers(new int[] {6, 10, 3}).setMaxIter(6).setBatchSize(20).setStepSize(0.3);
  }

  @Test
  void thePipelineScoresAsNablaDoesAndSurvivesSaveAndLoad() throws Exception {
    PipelineModel model = pipeline(classifier()).fit(columns(TRAIN, 2));
    Dataset<Row> scored = model.transform(columns(TEST, 3));
    assertTrue(List.of(scored.columns()).containsAll(List.of("features", "rawPrediction", "probability",
        "prediction")), List.of(scored.columns()).toString());

    List<Row> rows = scored.select("rawPrediction", "probability", "prediction").collectAsList();
    assertEquals(TEST.labels().length, rows.size());
    for (Row row : rows) {
      double[] raw = ((Vector) row.get(0)).toArray();
      double[] p = ((Vector) row.get(1)).toArray();
      double sum = 0;
      int argmax = 0;
      for (int k = 0; k < p.length; k++) {
        sum += p[k];
        argmax = p[k] > p[argmax] ? k : argmax;
        assertTrue(p[k] >= 0 && p[k] <= 1, "a probability: " + p[k]);
      }
      assertEquals(1.0, sum, 1e-12, "probabilities sum to 1");
      assertEquals(argmax, row.getDouble(2), "prediction is the most probable class");
      double[] softmax = new double[raw.length];
      Scores.softmax(raw, softmax);
      assertArrayEquals(softmax, p, 1e-15, "probability is the softmax of rawPrediction");
    }

    double sparkAccuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
    NablaClassificationModel nabla = (NablaClassificationModel) model.stages()[1];
    FeedForwardNet net = (FeedForwardNet) nabla.net();
    LabeledData test = TEST.labeled(net.parameters().get(0).value().backend(), DType.FLOAT32);
    double nablaAccuracy = Evaluation.accuracy(net, test, Evaluation.DEFAULT_BATCH);
    assertEquals(nablaAccuracy, sparkAccuracy, 1e-12, "Spark's evaluator and Nabla's agree");
    assertTrue(sparkAccuracy > 0.8, "it learned the blobs: " + sparkAccuracy);

    String path = dir.resolve("pipeline").toString();
    model.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> again = loaded.transform(columns(TEST, 3)).select("rawPrediction", "probability", "prediction")
        .collectAsList();
    assertEquals(rows, again, "the loaded pipeline predicts the same");

    Path npz = Path.of(path, "stages", "1_" + nabla.uid(), NablaModelWriter.MODEL_FILE);
    ModelFile.Loaded file = ModelFile.load(npz, Backends.current(), io.nabla.model.Activation.RELU);
    assertEquals(List.of(6, 10, 3), file.description().orElseThrow().feedForward().orElseThrow().layerSizes());
    assertEquals(nablaAccuracy, Evaluation.accuracy(file.net(), test, Evaluation.DEFAULT_BATCH), 0.0,
        "model.npz is the same net for Nabla's own API");
  }

  @Test
  void vectorAndArrayFeatureColumnsTrainAndScoreAlike() {
    Dataset<Row> vectors = TRAIN.dataset(LocalSpark.session(), 2);
    Dataset<Row> doubles = vectors.withColumn("features", org.apache.spark.ml.functions.vector_to_array(
        functions.col("features"), "float64"));
    Dataset<Row> floats = vectors.withColumn("features", org.apache.spark.ml.functions.vector_to_array(
        functions.col("features"), "float32"));
    assertEquals("array<float>", floats.schema().apply("features").dataType().simpleString());
    NablaClassifier c = classifier().setDtype("float64");
    NablaClassificationModel fromVectors = c.fit(vectors);
    NablaClassificationModel fromDoubles = c.fit(doubles);
    assertTrue(SingleMachine.sameBits(fromVectors.net(), fromDoubles.net()), "array<double> is a vector's values");
    NablaClassificationModel fromFloats = c.fit(floats);
    assertTrue(SingleMachine.maxDifference(fromVectors.net(), fromFloats.net()) < 1e-4,
        "array<float> rounds the features only");
    List<Row> a = fromVectors.transform(TEST.dataset(LocalSpark.session(), 2)).select("prediction").collectAsList();
    Dataset<Row> testDoubles = TEST.dataset(LocalSpark.session(), 2).withColumn("features",
        org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float64"));
    List<Row> b = fromVectors.transform(testDoubles).select("prediction").collectAsList();
    assertEquals(a, b);
    Row one = TEST.dataset(LocalSpark.session(), 1).select("features").first();
    double single = fromVectors.predict((Vector) one.get(0));
    assertEquals(a.get(0).getDouble(0), single, "predict on one vector agrees with transform");
  }

  @Test
  void crossValidatorTunesItsParams() {
    NablaClassifier c = classifier().setMaxIter(3);
    ParamMap[] grid = new ParamGridBuilder().addGrid(c.stepSize(), new double[] {0.001, 0.5})
        .addGrid(c.batchSize(), new int[] {40}).build();
    CrossValidator cv = new CrossValidator().setEstimator(pipeline(c)).setEstimatorParamMaps(grid)
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setNumFolds(2).setSeed(3);
    CrossValidatorModel best = cv.fit(columns(TRAIN, 2));
    double[] metrics = best.avgMetrics();
    assertEquals(2, metrics.length);
    assertTrue(metrics[1] > metrics[0], "a learning rate of 0.5 beats 0.001 in 3 rounds: "
        + java.util.Arrays.toString(metrics));
    NablaClassificationModel chosen = (NablaClassificationModel) ((PipelineModel) best.bestModel()).stages()[1];
    assertEquals(0.5, chosen.getStepSize());
    assertEquals(40, chosen.getBatchSize());
  }
}
