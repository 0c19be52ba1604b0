package io.nabla.benchmarks;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.backend.Parallelism;
import io.nabla.data.LabeledData;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Adam step of one of the book's convolutional nets (a {@link Preset}: SimpleConvNet, {@code
 * conv(30,5) relu maxpool(2) affine(100) relu affine(10)}, or DeepConvNet), lr 0.001, on a batch
 * of MNIST images [batch, 1, 28, 28]: forward, gradient by automatic differentiation, update.
 * Real MNIST when {@code MNIST_DIR} is set (synthetic data of the same shape otherwise; the log
 * says which). One SimpleConvNet step of batch 100 is about 0.43 GFLOP, one DeepConvNet step
 * about 5.3.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvTrainingStep {

  /** The net: a {@link Preset}'s label. */
  @Param({"simple-conv"})
  public String net;

  /** Backend name, selected through {@link Backends#get}. */
  @Param({"pure", "jblas", "simd"})
  public String backend;

  /** Element type. */
  @Param({"float32", "float64"})
  public String dtype;

  /** Rows per mini-batch. */
  @Param({"100"})
  public int batch;

  /** Threads the kernels may use: a number or "all". */
  @Param({"all"})
  public String threads;

  private io.nabla.train.TrainingStep trainingStep;
  private List<Parameter> parameters;
  private Tensor x;
  private Targets t;

  /** Builds the net and the batch on the chosen backend. */
  @Setup(Level.Trial)
  public void setUp() {
    Backend chosen = Backends.get(backend);
    Parallelism.setThreads(BenchmarkData.threads(threads));
    DType type = DType.parse(dtype);
    Preset preset = Preset.named(net).orElseThrow(() -> new IllegalArgumentException(
        "net '" + net + "' is not a preset: " + Preset.labels()));
    Net model = Net.builder(preset.architecture(), 1, 28, 28).weightInit(preset.weightInit()).dtype(type).seed(42)
        .backend(chosen).build();
    trainingStep = new io.nabla.train.TrainingStep(model, preset.optimizer().create(preset.learningRate()));
    parameters = model.parameters();
    LabeledData data = BenchmarkData.rows(batch, false, type, chosen);
    x = data.images();
    t = Targets.labels(data.labels());
  }

  /** Gradient by automatic differentiation of the net's layers, then the Adam update. */
  @Benchmark
  public List<Parameter> step() {
    trainingStep.take(x, t);
    return parameters;
  }
}
