package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.model.Activation;
import io.nabla.model.FeedForwardNet;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains a Nabla {@link FeedForwardNet} on a Spark {@code Dataset<Row>}, data-parallel over its
 * partitions, in one of two {@link TrainingMode}s. Plain Java over Spark's stable API; {@link
 * NablaClassifier} is the Spark ML face of it.
 *
 * <p>Each partition's rows become a Nabla tensor once per fit, checked on the way (a bad value
 * ends the fit before any training, naming the column, value and row), and stay cached in the
 * executors until the fit ends; each round ships only the flat parameters (broadcast, destroyed
 * after the round); results are combined in partition order, so two fits of the same data and
 * settings give the same bits whatever order tasks finish in, and a task that is run again (an
 * executor lost) gives what the first attempt would have. Each task computes with {@code
 * spark.task.cpus} kernel threads.
 *
 * <pre>{@code
 * FitResult fit = DistributedTrainer.builder(784, 50, 10).maxIter(17).build()
 *     .fit(train, "features", "label");
 * ModelFile.save(Path.of("model.npz"), fit.net());
 * }</pre>
 */
public final class DistributedTrainer {

  private final NetSpec spec;
  private final OptimizerKind optimizer;
  private final double stepSize;
  private final int batchSize;
  private final int maxIter;
  private final int localSteps;
  private final TrainingMode mode;
  private final boolean scaleStepSize;
  private final List<RoundListener> listeners;

  private DistributedTrainer(Builder b) {
    this.spec = new NetSpec(b.layers, b.activation, b.dtype, b.backend, b.seed);
    this.optimizer = b.optimizer;
    this.stepSize = b.stepSize;
    this.batchSize = b.batchSize;
    this.maxIter = b.maxIter;
    this.localSteps = b.localSteps;
    this.mode = b.mode;
    this.scaleStepSize = b.scaleStepSize;
    this.listeners = List.copyOf(b.listeners);
  }

  /** Starts configuring a trainer of a net with these layer sizes, inputs first and classes last. */
  public static Builder builder(int... layers) {
    return new Builder(layers);
  }

  /**
   * Trains on {@code data}.
   *
   * @param featuresCol a Spark ML {@code Vector}, {@code array<float>} or {@code array<double>}
   *     column with as many values per row as the net has inputs
   * @param labelCol a numeric column of class indices in {@code [0, classes)}
   * @throws NablaDataException naming the column, value and row of the first bad input, before
   *     training starts
   */
  public FitResult fit(Dataset<Row> data, String featuresCol, String labelCol) {
    return fit(data, featuresCol, labelCol, null);
  }

  /**
   * Trains on {@code data} and measures train and validation accuracy after every pass over the
   * training rows (in {@link RoundSummary}); {@code validation} has the same columns and is
   * never trained on. {@code null} means no validation data, as {@link #fit(Dataset, String,
   * String)}.
   */
  public FitResult fit(Dataset<Row> data, String featuresCol, String labelCol, Dataset<Row> validation) {
    Objects.requireNonNull(data, "data");
    Backend backend = spec.backend(); // an unknown backend fails here, on the driver, before any job
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    try (CachedShards train = CachedShards.build(data, featuresCol, labelCol, spec, "training data");
        CachedShards held = validation == null ? null
            : CachedShards.build(validation, featuresCol, labelCol, spec, "validation data")) {
      FitRun run = new FitRun(sc, spec, train, held, listeners);
      FeedForwardNet net = spec.initialNet(backend);
      if (mode == TrainingMode.SYNC_GRADIENT) {
        new SyncGradientTraining(run, optimizer.create(stepSize), batchSize, maxIter).train(net);
      } else {
        double lr = scaleStepSize ? stepSize * train.nonEmptyPartitions() : stepSize;
        new LocalStepsTraining(run, optimizer, lr, batchSize, localSteps, maxIter).train(net);
      }
      return new FitResult(net, run.rounds(), train.nonEmptyPartitions(), train.totalRows());
    } finally {
      sc.setJobDescription(null);
    }
  }

  /** The settings of a {@link DistributedTrainer}; every setter checks its value and names it. */
  public static final class Builder {
    private final int[] layers;
    private Activation activation = Activation.SIGMOID;
    private OptimizerKind optimizer = OptimizerKind.SGD;
    private double stepSize = 0.1;
    private int batchSize = 100;
    private int maxIter = 20;
    private int localSteps;
    private long seed = 42;
    private String backend = "";
    private DType dtype = DType.FLOAT32;
    private TrainingMode mode = TrainingMode.LOCAL_STEPS;
    private boolean scaleStepSize;
    private final List<RoundListener> listeners = new ArrayList<>();

    private Builder(int[] layers) {
      Objects.requireNonNull(layers, "layers");
      if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n <= 0)) {
        throw new IllegalArgumentException("layers must be at least two positive sizes (inputs, ..., classes), got "
            + Arrays.toString(layers));
      }
      this.layers = layers.clone();
    }

    /** Hidden activation (default sigmoid, the chapter's). */
    public Builder activation(Activation activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    /** The optimizer (default SGD). */
    public Builder optimizer(OptimizerKind optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    /** The learning rate (default 0.1, the chapter's). */
    public Builder stepSize(double stepSize) {
      if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
        throw new IllegalArgumentException("stepSize must be a positive finite number, got " + stepSize);
      }
      this.stepSize = stepSize;
      return this;
    }

    /**
     * Rows per mini-batch (default 100): per partition in local mode, the global batch in sync
     * mode.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Rounds in local mode, steps in sync mode (default 20). */
    public Builder maxIter(int maxIter) {
      if (maxIter < 1) {
        throw new IllegalArgumentException("maxIter must be at least 1, got " + maxIter);
      }
      this.maxIter = maxIter;
      return this;
    }

    /**
     * Local steps per partition per round, local mode only; 0 (the default): one pass over the
     * partition's rows, {@code ceil(rows / batchSize)} steps.
     */
    public Builder localSteps(int localSteps) {
      if (localSteps < 0) {
        throw new IllegalArgumentException("localSteps must be >= 0 (0: one pass per round), got " + localSteps);
      }
      this.localSteps = localSteps;
      return this;
    }

    /** Seed of the initial weights and the batch samplers (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The backend by name ({@code simd}, {@code pure}, ...); empty (the default): the fastest in each JVM. */
    public Builder backend(String backend) {
      this.backend = Objects.requireNonNull(backend, "backend").strip();
      return this;
    }

    /** The parameters' element type (default float32). */
    public Builder dtype(DType dtype) {
      this.dtype = Objects.requireNonNull(dtype, "dtype");
      return this;
    }

    /** The training mode (default {@link TrainingMode#LOCAL_STEPS}). */
    public Builder mode(TrainingMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Local mode only: multiply the learning rate by the number of partitions that hold rows
     * (default off). Averaging P copies that each took K steps moves the weights about as far as
     * K steps of one copy; scaling the rate by P moves them as far as the P times K batches would
     * on one machine.
     */
    public Builder scaleStepSizeByPartitions(boolean on) {
      this.scaleStepSize = on;
      return this;
    }

    /** Adds a listener told after every round, on the driver. */
    public Builder listener(RoundListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The trainer. */
    public DistributedTrainer build() {
      return new DistributedTrainer(this);
    }
  }
}
