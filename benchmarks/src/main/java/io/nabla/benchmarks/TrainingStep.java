package io.nabla.benchmarks;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.Parallelism;
import io.nabla.data.LabeledData;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
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
 * One SGD step of the chapter's TwoLayerNet (784-50-10, sigmoid, softmax cross-entropy, lr 0.1):
 * forward, backprop gradient and update, on a fixed batch of the real MNIST when {@code
 * MNIST_DIR} is set (synthetic data of the same shape otherwise; the log says which). One step of
 * batch 100 is about 16 MFLOP.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainingStep {

  /** Backend name, selected through {@link Backends#get}. */
  @Param({"pure", "jblas", "simd"})
  public String backend;

  /** Element type. */
  @Param({"float32", "float64"})
  public String dtype;

  /** Rows per mini-batch. */
  @Param({"100", "1000"})
  public int batch;

  /** Threads the kernels may use: a number or "all". */
  @Param({"1", "all"})
  public String threads;

  /** Core's step (named in full: this benchmark class has the same simple name). */
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
    TwoLayerNet net = TwoLayerNet.builder(784, 50, 10).dtype(type).seed(42).backend(chosen).build();
    trainingStep = new io.nabla.train.TrainingStep(net, new Sgd(0.1));
    parameters = net.parameters();
    LabeledData data = BenchmarkData.rows(batch, false, type, chosen);
    x = data.images();
    t = Targets.labels(data.labels());
  }

  /** Gradient by backprop (automatic differentiation of the net's layers), then the SGD update. */
  @Benchmark
  public List<Parameter> step() {
    trainingStep.take(x, t);
    return parameters;
  }

  /** Floating-point operations of one step: the five products (the first layer's dx is skipped). */
  static double flops(int batch) {
    return 2.0 * batch * (784 * 50 * 2 + 50 * 10 * 3);
  }
}
