package io.nabla.benchmarks;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.Parallelism;
import io.nabla.backend.DType;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
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
 * The GEMM shapes of one MNIST training step of the chapter's TwoLayerNet, and a large square,
 * per backend, dtype and thread count. GFLOP/s = 2 m n k / time. The shape names read
 * {@code m x k x n}, with {@code T} marking a transposed operand:
 * {@code 100x784x50} is the forward {@code x . W1}, {@code T784x100x50} the backward {@code x^T .
 * dz1}, {@code 100x50x10} the forward {@code z1 . W2}, {@code 1024x1024x1024} a large square.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Gemm {

  /** Backend name, selected through {@link Backends#get}. */
  @Param({"pure", "jblas", "simd"})
  public String backend;

  /** Element type. */
  @Param({"float32", "float64"})
  public String dtype;

  /** The product's shape (see the class comment). */
  @Param({"100x784x50", "T784x100x50", "100x50x10", "1024x1024x1024"})
  public String shape;

  /** Threads the kernel may use: a number or "all". */
  @Param({"1", "all"})
  public String threads;

  private Tensor a;
  private Tensor b;
  private Tensor c;
  private boolean transA;

  /** Builds the operands on the chosen backend. */
  @Setup(Level.Trial)
  public void setUp() {
    Backend chosen = Backends.get(backend);
    Parallelism.setThreads(BenchmarkData.threads(threads));
    DType type = DType.parse(dtype);
    transA = shape.startsWith("T");
    int[] mkn = dims(shape);
    int m = mkn[0];
    int k = mkn[1];
    int n = mkn[2];
    SeededRandom random = new SeededRandom(1);
    a = transA ? Tensors.randomUniform(chosen, random, -1, 1, type, k, m)
        : Tensors.randomUniform(chosen, random, -1, 1, type, m, k);
    b = Tensors.randomUniform(chosen, random, -1, 1, type, k, n);
    c = Tensors.zeros(chosen, type, m, n);
  }

  /** {m, k, n} of a shape name such as {@code T784x100x50}. */
  static int[] dims(String shape) {
    String[] parts = shape.replace("T", "").split("x");
    return new int[] {
      Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])
    };
  }

  /** Floating-point operations of a shape: 2 m k n. */
  static double flops(String shape) {
    int[] mkn = dims(shape);
    return 2.0 * mkn[0] * mkn[1] * mkn[2];
  }

  /** One product {@code c = op(a) . b}. */
  @Benchmark
  public Tensor gemm() {
    MatrixOps.gemm(transA, false, 1.0, a, b, 0.0, c);
    return c;
  }
}
