package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.model.Activation;
import io.nabla.model.Architecture;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.model.TrainingRecord;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.train.DivergenceRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains a Nabla {@link Net} on a Spark {@code Dataset<Row>}, data-parallel over its partitions,
 * in one of two {@link TrainingMode}s: a fully connected net given by its layer sizes ({@link
 * #builder(int...)}), or any net Nabla can write as text, convolutional ones included, given by
 * its layers' text or a preset's name and the shape of one sample ({@link #builder(String,
 * int...)}). Plain Java over Spark's stable API; {@link NablaClassifier} is the Spark ML face of
 * it.
 *
 * <p>Each partition's rows become a Nabla tensor once per fit, checked on the way (a bad value
 * ends the fit before any training, naming the column, value and row), and stay cached in the
 * executors until the fit ends; each round ships only the flat parameters (broadcast, destroyed
 * after the round); results are combined in partition order, so two fits of the same data and
 * settings give the same bits whatever order tasks finish in, and a task that is run again (an
 * executor lost) gives what the first attempt would have. Each task computes with {@code
 * spark.task.cpus} kernel threads.
 *
 * <p>A fit whose loss diverges stops after the round that shows it, with one {@link
 * FitDivergedException} naming the round and the step size: the single-machine trainer's rule
 * ({@link DivergenceRule#standard()}), applied to the batch losses the tasks report. A fit that
 * returns says how it was trained ({@link FitResult#training()}), for the model file.
 *
 * <pre>{@code
 * FitResult fit = DistributedTrainer.builder(784, 50, 10).maxIter(17).build()
 *     .fit(train, "features", "label");
 * ModelFile.save(Path.of("model.npz"), fit.net(), fit.training());
 *
 * // The book's SimpleConvNet on MNIST rows of 784 pixels, each read as one 1x28x28 image:
 * FitResult conv = DistributedTrainer.builder("simple-conv", 1, 28, 28)
 *     .optimizer(OptimizerKind.ADAM).stepSize(0.001).maxIter(3).build()
 *     .fit(train, "features", "label");
 * }</pre>
 *
 * <p>Each task builds its net from the parameters and buffers (batch normalization's running
 * statistics) it is sent; the training draws of its layers
 * (dropout's masks) are seeded from the fit's seed, the partition and the round (local mode) or
 * step (sync mode), as the batches are, so a fit is reproducible and a task run again draws the
 * same masks.
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
    this.spec = b.spec();
    this.optimizer = b.optimizer;
    this.stepSize = b.stepSize;
    this.batchSize = b.batchSize;
    this.maxIter = b.maxIter;
    this.localSteps = b.localSteps;
    this.mode = b.mode;
    this.scaleStepSize = b.scaleStepSize;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * Starts configuring a trainer of a fully connected net with these layer sizes, inputs first and
   * classes last, and the {@link Builder#activation activation} between them.
   *
   * @throws IllegalArgumentException naming {@code layers} unless there are at least two, all
   *     positive
   */
  public static Builder builder(int... layers) {
    return new Builder(layers);
  }

  /**
   * Starts configuring a trainer of the net {@code net} describes, for samples of {@code
   * inputShape}: layers as text, as {@link Architecture#parse} reads them ({@code "conv(30,5) relu
   * maxpool(2) affine(100) relu affine(10)"}), or a {@link Preset}'s name ({@code simple-conv},
   * {@code deep-conv}, whose weight initialization becomes the default; its optimizer and learning
   * rate do not, set them). The features column then holds the product of {@code inputShape}
   * values per row, which the net reads as one sample of that shape (784 pixels as [1, 28, 28]).
   *
   * @param inputShape one sample's shape without the batch dimension: [channels, height, width]
   *     for a net of images, [inputs] for one of vectors
   * @throws IllegalArgumentException naming {@code net} if it is neither a preset nor text that
   *     parses, cannot take samples of {@code inputShape}, or does not end in a vector of class
   *     scores; naming {@code inputShape} if it is empty or has a size below 1
   */
  public static Builder builder(String net, int... inputShape) {
    return new Builder(net, inputShape);
  }

  /** The net as the tasks receive it. */
  NetSpec spec() {
    return spec;
  }

  /**
   * Trains on {@code data}.
   *
   * @param featuresCol a Spark ML {@code Vector}, {@code array<float>} or {@code array<double>}
   *     column with as many values per row as the net has inputs (the product of its input shape,
   *     each row read as one sample of that shape)
   * @param labelCol a numeric column of class indices in {@code [0, classes)}
   * @throws NablaDataException naming the column, value and row of the first bad input, before
   *     training starts
   * @throws FitDivergedException naming the round and the step size if the loss diverged
   */
  public FitResult fit(Dataset<Row> data, String featuresCol, String labelCol) {
    return fit(data, featuresCol, labelCol, null);
  }

  /**
   * Trains on {@code data} and measures train and validation accuracy after every pass over the
   * training rows (in {@link RoundSummary}); {@code validation} has the same columns and is
   * never trained on. {@code null} means no validation data, as {@link #fit(Dataset, String,
   * String)}.
   *
   * @throws NablaDataException naming the column, value and row of the first bad input, before
   *     training starts
   * @throws FitDivergedException naming the round and the step size if the loss diverged (became
   *     NaN or infinite, or stayed far beyond its start, as {@link DivergenceRule#standard()} says)
   */
  public FitResult fit(Dataset<Row> data, String featuresCol, String labelCol, Dataset<Row> validation) {
    Objects.requireNonNull(data, "data");
    Backend backend = spec.backend(); // an unknown backend fails here, on the driver, before any job
    Instant started = Instant.now();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    try (CachedShards train = CachedShards.build(data, featuresCol, labelCol, spec, "training data", true);
        CachedShards held = validation == null ? null
            : CachedShards.build(validation, featuresCol, labelCol, spec, "validation data", false)) {
      double learningRate = mode == TrainingMode.LOCAL_STEPS && scaleStepSize
          ? stepSize * train.nonEmptyPartitions() : stepSize;
      FitRun run = new FitRun(sc, spec, train, held, listeners,
          new DivergenceWatch(DivergenceRule.standard(), stepSize, learningRate));
      Net net = spec.initialNet(backend);
      if (mode == TrainingMode.SYNC_GRADIENT) {
        new SyncGradientTraining(run, optimizer.create(learningRate), batchSize, maxIter).train(net);
      } else {
        new LocalStepsTraining(run, optimizer, learningRate, batchSize, localSteps, maxIter).train(net);
      }
      List<RoundSummary> rounds = run.rounds();
      TrainingRecord record = FitTrainingRecord.of(spec, optimizer.create(learningRate), batchSize,
          rounds.get(rounds.size() - 1).steps(), train, featuresCol, labelCol, started);
      return new FitResult(net, rounds, train.nonEmptyPartitions(), train.totalRows(), record);
    } finally {
      sc.setJobDescription(null);
    }
  }

  /**
   * The settings of a {@link DistributedTrainer}; every setter checks its value and names it. The
   * defaults and the rules are those of {@link FitSettings}, which the Spark ML params share.
   */
  public static final class Builder {
    // Exactly one of the two ways to give a net: layer sizes (and an activation), or text (and a shape).
    private final int[] layers;
    private final String net;
    private final Architecture architecture;
    private final int[] inputShape;
    private Activation activation = FitSettings.ACTIVATION.defaultValue();
    private WeightInit weightInit; // null: the preset's, else the chapter's
    private double weightDecay = FitSettings.WEIGHT_DECAY.defaultValue();
    private OptimizerKind optimizer = FitSettings.OPTIMIZER.defaultValue();
    private double stepSize = FitSettings.STEP_SIZE.defaultValue();
    private int batchSize = FitSettings.BATCH_SIZE.defaultValue();
    private int maxIter = FitSettings.MAX_ITER.defaultValue();
    private int localSteps = FitSettings.LOCAL_STEPS.defaultValue();
    private long seed = FitSettings.SEED.defaultValue();
    private String backend = FitSettings.BACKEND.defaultValue();
    private DType dtype = FitSettings.DTYPE.defaultValue();
    private TrainingMode mode = FitSettings.MODE.defaultValue();
    private boolean scaleStepSize = FitSettings.SCALE_STEP_SIZE.defaultValue();
    private final List<RoundListener> listeners = new ArrayList<>();

    private Builder(int[] layers) {
      this.layers = FitSettings.LAYERS.check(layers).clone();
      this.net = null;
      this.architecture = null;
      this.inputShape = null;
    }

    private Builder(String net, int[] inputShape) {
      String text = Objects.requireNonNull(net, FitSettings.NET.name()).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(FitSettings.NET.name() + " is empty: give layers as text or a preset's"
            + " name (" + Preset.labels() + "), or layer sizes with builder(int... layers)");
      }
      this.inputShape = FitSettings.INPUT_SHAPE.check(inputShape).clone();
      this.architecture = NetSpec.architectureOf(text);
      NetSpec.checkTakes(architecture, text, this.inputShape);
      this.net = text;
      this.layers = null;
    }

    /**
     * Hidden activation (default sigmoid, the chapter's), for a net given by layer sizes.
     *
     * @throws IllegalStateException for a net given as text, which names its own activations
     */
    public Builder activation(Activation activation) {
      if (net != null) {
        throw new IllegalStateException(FitSettings.ACTIVATION.name() + " applies to a net given by layer sizes;"
            + " net '" + net + "' names its own activations");
      }
      this.activation = FitSettings.ACTIVATION.check(activation);
      return this;
    }

    /**
     * How the initial weights are drawn ({@code WeightInit.he()}, {@code WeightInit.normal(0.01)},
     * ...); without this call, the preset's rule when the net is a preset, else the chapter's
     * {@link WeightInit#CHAPTER normal(0.01)}.
     */
    public Builder weightInit(WeightInit weightInit) {
      this.weightInit = Objects.requireNonNull(weightInit, FitSettings.WEIGHT_INIT.name());
      return this;
    }

    /**
     * The L2 weight decay's lambda, finite and at least 0 (default 0: none): every step's loss adds
     * {@code lambda / 2} times the sum of the weights' squares and each weight's gradient {@code
     * lambda * W} (biases are not decayed), as {@link io.nabla.model.SoftmaxClassifier#weightDecay}
     * does on one machine.
     */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = FitSettings.WEIGHT_DECAY.check(weightDecay);
      return this;
    }

    /** The optimizer (default SGD). */
    public Builder optimizer(OptimizerKind optimizer) {
      this.optimizer = FitSettings.OPTIMIZER.check(optimizer);
      return this;
    }

    /** The learning rate, positive and finite (default 0.1, the chapter's). */
    public Builder stepSize(double stepSize) {
      this.stepSize = FitSettings.STEP_SIZE.check(stepSize);
      return this;
    }

    /**
     * Rows per mini-batch, at least 1 (default 100): per partition in local mode, the global batch
     * in sync mode.
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = FitSettings.BATCH_SIZE.check(batchSize);
      return this;
    }

    /** Rounds in local mode, steps in sync mode, at least 1 (default 20). */
    public Builder maxIter(int maxIter) {
      this.maxIter = FitSettings.MAX_ITER.check(maxIter);
      return this;
    }

    /**
     * Local steps per partition per round, local mode only; 0 (the default): one pass over the
     * partition's rows, {@code ceil(rows / batchSize)} steps.
     */
    public Builder localSteps(int localSteps) {
      this.localSteps = FitSettings.LOCAL_STEPS.check(localSteps);
      return this;
    }

    /** Seed of the initial weights and the batch samplers (default 42). */
    public Builder seed(long seed) {
      this.seed = FitSettings.SEED.check(seed);
      return this;
    }

    /**
     * The backend by name ({@code simd}, {@code pure}, ...); {@code auto} (the default), or empty,
     * for the fastest in each JVM.
     */
    public Builder backend(String backend) {
      String name = Objects.requireNonNull(backend, "backend").strip();
      this.backend = FitSettings.BACKEND.check(name.isEmpty() ? FitSettings.AUTO_BACKEND : name);
      return this;
    }

    /** The parameters' element type (default float32). */
    public Builder dtype(DType dtype) {
      this.dtype = FitSettings.DTYPE.check(dtype);
      return this;
    }

    /** The training mode (default {@link TrainingMode#LOCAL_STEPS}). */
    public Builder mode(TrainingMode mode) {
      this.mode = FitSettings.MODE.check(mode);
      return this;
    }

    /**
     * Local mode only: multiply the learning rate by the number of partitions that hold rows
     * (default off). Averaging P copies that each took K steps moves the weights about as far as
     * K steps of one copy; scaling the rate by P moves them as far as the P times K batches would
     * on one machine.
     */
    public Builder scaleStepSizeByPartitions(boolean on) {
      this.scaleStepSize = FitSettings.SCALE_STEP_SIZE.check(on);
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

    /** The net as it travels to the executors: layer sizes become the equivalent text. */
    private NetSpec spec() {
      Architecture layered = layers == null ? architecture
          : Architecture.feedForward(activation, Arrays.stream(layers).boxed().toList());
      int[] shape = layers == null ? inputShape : new int[] {layers[0]};
      WeightInit init = weightInit != null ? weightInit
          : Preset.named(net == null ? "" : net).map(Preset::weightInit).orElse(WeightInit.CHAPTER);
      return new NetSpec(layered.text(), shape, init.label(), weightDecay, dtype, backend, seed);
    }
  }
}
