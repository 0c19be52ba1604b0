package io.nabla.benchmarks;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.model.TwoLayerNet;
import io.nabla.backend.DType;
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

/** Accuracy of TwoLayerNet over the 10000 test rows, in batches of 1000, as the trainer measures it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Evaluation {

  /** Backend name. */
  @Param({"pure", "jblas", "simd"})
  public String backend;

  /** Element type. */
  @Param({"float32", "float64"})
  public String dtype;

  private TwoLayerNet net;
  private LabeledData test;

  /** Builds the net and the test rows on the chosen backend. */
  @Setup(Level.Trial)
  public void setUp() {
    Backend chosen = Backends.get(backend);
    DType type = DType.parse(dtype);
    net = TwoLayerNet.builder(784, 50, 10).dtype(type).seed(42).backend(chosen).build();
    LabeledData data = BenchmarkData.rows(10000, true, type, chosen);
    test = data;
  }

  /** The test accuracy. */
  @Benchmark
  public double accuracy() {
    return io.nabla.train.Evaluation.accuracy(net, test, io.nabla.train.Evaluation.DEFAULT_BATCH);
  }
}
