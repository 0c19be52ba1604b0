package io.nabla.spark.examples;

import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.data.MnistData;
import io.nabla.data.MnistDownloader;
import io.nabla.data.MnistLoader;
import io.nabla.data.MnistLocator;
import io.nabla.backend.DType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes MNIST or Fashion-MNIST as two Parquet tables, {@code OUT/train.parquet} (60,000 rows)
 * and {@code OUT/test.parquet} (10,000), with columns {@code label} (int) and {@code features}
 * ({@code array<float>}: the 784 pixels scaled to [0, 1], as the chapter normalizes them), in the
 * files' order.
 */
@Command(name = "mnist-to-parquet", mixinStandardHelpOptions = true,
    description = "Writes MNIST (or Fashion-MNIST) as Parquet: OUT/train.parquet and OUT/test.parquet.")
public final class MnistToParquet implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory with the four IDX files (default: MNIST_DIR or FASHION_MNIST_DIR, else the cache).")
  Path data;

  @Option(names = "--dataset", defaultValue = "mnist", description = "${COMPLETION-CANDIDATES} (default: mnist).")
  MnistLocator.Dataset dataset;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the two tables.")
  String out;

  @Option(names = "--partitions", defaultValue = "2", description = "Files per table (default: 2).")
  int partitions;

  @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[2]).")
  String master;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--partitions must be at least 1, got "
          + partitions);
    }
    Path dir = new MnistLocator(new MnistDownloader(MnistDownloader.DEFAULT_MIRRORS)).locate(dataset, data,
        (file, done, total) -> { });
    MnistData mnist = MnistLoader.load(dir, true, true, DType.FLOAT32, Backends.current());
    SparkSession spark = Sessions.start("nabla mnist-to-parquet", master);
    try {
      write(spark, mnist.train(), out + "/train.parquet");
      write(spark, mnist.test(), out + "/test.parquet");
    } finally {
      spark.stop();
    }
    System.out.printf("wrote %s/train.parquet (%d rows) and %s/test.parquet (%d rows) from %s%n", out,
        mnist.train().size(), out, mnist.test().size(), dir);
    return 0;
  }

  private void write(SparkSession spark, LabeledData data, String path) {
    int width = data.images().dim(1);
    float[] pixels = data.images().toFloatArray();
    List<Digit> rows = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      rows.add(new Digit(data.labels()[i], java.util.Arrays.copyOfRange(pixels, i * width, (i + 1) * width)));
    }
    org.apache.spark.api.java.JavaSparkContext sc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    // A bean encoder turns each float[] into array<float> without boxing a pixel.
    spark.createDataset(sc.parallelize(rows, partitions).rdd(), Encoders.bean(Digit.class))
        .select("label", "features").write().mode(SaveMode.Overwrite).parquet(path);
  }

  /** One image as a Java bean, for Spark's bean encoder. */
  public static final class Digit implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private int label;
    private float[] features;

    /** An empty row, for the encoder. */
    public Digit() {}

    Digit(int label, float[] features) {
      this.label = label;
      this.features = features;
    }

    /** The class. */
    public int getLabel() {
      return label;
    }

    /** Sets the class. */
    public void setLabel(int label) {
      this.label = label;
    }

    /** The pixels in [0, 1]. */
    public float[] getFeatures() {
      return features;
    }

    /** Sets the pixels. */
    public void setFeatures(float[] features) {
      this.features = features;
    }
  }

  /** Runs the program; exit code 0 when the tables were written. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MnistToParquet()).execute(args));
  }
}
