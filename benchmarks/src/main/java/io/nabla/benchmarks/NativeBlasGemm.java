package io.nabla.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference row of the GEMM table: the same products as {@link Gemm}, by the machine's native
 * OpenBLAS (JavaCPP's build, which picks its kernels for the CPU at run time, as NumPy's does), on
 * off-heap operands, so the call costs no copy. Each backend's row in the report is stated as a
 * fraction of this one, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class NativeBlasGemm {

  /** Always {@value #NAME}: the report's backend column. */
  @Param({NAME})
  public String backend;

  /** Element type. */
  @Param({"float32", "float64"})
  public String dtype;

  /** The product's shape, as in {@link Gemm}. */
  @Param({"100x784x50", "T784x100x50", "100x50x10", "1024x1024x1024"})
  public String shape;

  /** Threads OpenBLAS may use: a number or "all". */
  @Param({"1", "all"})
  public String threads;

  /** The name of this reference in reports. */
  public static final String NAME = "openblas";

  private boolean single;
  private boolean transA;
  private int m;
  private int n;
  private int k;
  private FloatPointer fa;
  private FloatPointer fb;
  private FloatPointer fc;
  private DoublePointer da;
  private DoublePointer db;
  private DoublePointer dc;

  /** Loads OpenBLAS, sets its thread count and fills the operands. */
  @Setup(Level.Trial)
  public void setUp() {
    Loader.load(openblas_nolapack.class);
    org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(
        BenchmarkData.threads(threads));
    single = dtype.equals("float32");
    transA = shape.startsWith("T");
    int[] mkn = Gemm.dims(shape);
    m = mkn[0];
    k = mkn[1];
    n = mkn[2];
    SplittableRandom random = new SplittableRandom(1);
    double[] a = random.doubles((long) m * k, -1, 1).toArray();
    double[] b = random.doubles((long) k * n, -1, 1).toArray();
    if (single) {
      fa = new FloatPointer(toFloats(a));
      fb = new FloatPointer(toFloats(b));
      fc = new FloatPointer((long) m * n);
    } else {
      da = new DoublePointer(a);
      db = new DoublePointer(b);
      dc = new DoublePointer((long) m * n);
    }
  }

  private static float[] toFloats(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }

  /** Frees the off-heap operands. */
  @TearDown(Level.Trial)
  public void tearDown() {
    for (var p : new org.bytedeco.javacpp.Pointer[] {fa, fb, fc, da, db, dc}) {
      if (p != null) {
        p.close();
      }
    }
  }

  /** One product {@code c = op(a) . b}, row-major, as {@link Gemm#gemm}. */
  @Benchmark
  public Object gemm() {
    int trans = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    int lda = transA ? m : k;
    if (single) {
      openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, trans,
          openblas_nolapack.CblasNoTrans, m, n, k, 1f, fa, lda, fb, n, 0f, fc, n);
      return fc;
    }
    openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, trans,
        openblas_nolapack.CblasNoTrans, m, n, k, 1, da, lda, db, n, 0, dc, n);
    return dc;
  }
}
