package io.nabla.benchmarks;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.DType;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;
import io.nabla.loss.Targets;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.train.TrainingStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a training step of one of the book's nets spends its time, kernel by kernel: the net is
 * built on a backend wrapped so that every kernel call is timed, warmed up, then stepped, and the
 * time per step of each kernel and shape is printed, largest first, beside the whole step. The
 * inputs are random images (uniform in [0, 1)) and labels 0 to 9 in turn, so the figures are the
 * kernels' own, not MNIST's. Not a JMH benchmark: the timing of each call adds a little, and the
 * step's figure is for comparing the kernels' share, while {@code ConvTrainingStep} gives the
 * step's speed. Run it alone: two timed runs at once spoil both.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.nabla.benchmarks.KernelProfile [NET [BACKEND [STEPS]]]
 * </pre>
 *
 * with NET a preset ({@code simple-conv}, the default, or {@code deep-conv}), BACKEND a backend's
 * name ({@code simd} by default) and STEPS the steps timed (300 by default, after twice as many
 * of warm-up); batch 100, float32, the threads of {@code nabla.threads} or all.
 */
public final class KernelProfile {

  private KernelProfile() {}

  /** Profiles the step; see the class comment for the arguments. */
  public static void main(String[] args) {
    String netName = args.length > 0 ? args[0] : "simple-conv";
    String backendName = args.length > 1 ? args[1] : "simd";
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    Preset preset = Preset.named(netName).orElseThrow(() -> new IllegalArgumentException(
        "net '" + netName + "' is not a preset: " + Preset.labels()));
    TimedBackend backend = new TimedBackend(Backends.get(backendName));
    DType dtype = DType.FLOAT32;
    Net model = Net.builder(preset.architecture(), 1, 28, 28).weightInit(preset.weightInit())
        .dtype(dtype).seed(42).backend(backend).build();
    TrainingStep step = new TrainingStep(model, preset.optimizer().create(preset.learningRate()));
    Tensor images = Tensors.randomUniform(backend, new SeededRandom(3), 0, 1, dtype, 100, 1, 28, 28);
    int[] labels = new int[100];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    Targets targets = Targets.labels(labels);
    for (int i = 0; i < 2 * steps; i++) {
      step.take(images, targets);
    }
    backend.totals.clear();
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      step.take(images, targets);
    }
    double stepMs = (System.nanoTime() - start) / 1e6 / steps;
    System.out.print(MachineDescription.markdown());
    System.out.printf(Locale.ROOT, "%s on %s, float32, batch 100: ms per step of each kernel and shape%n",
        netName, backendName);
    List<Map.Entry<String, long[]>> rows = new ArrayList<>(backend.totals.entrySet());
    rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
    double kernels = 0;
    for (Map.Entry<String, long[]> row : rows) {
      double ms = row.getValue()[0] / 1e6 / steps;
      kernels += ms;
      System.out.printf(Locale.ROOT, "%8.3f ms  %5.1f calls  %s%n", ms,
          row.getValue()[1] / (double) steps, row.getKey());
    }
    System.out.printf(Locale.ROOT, "kernels %.3f ms of a step of %.3f ms%n", kernels, stepMs);
  }

  /** A backend that runs another's kernels and adds up the time of each kernel and shape. */
  private static final class TimedBackend implements Backend {
    private final Backend inner;
    /** Nanoseconds and calls of each kernel and shape. */
    final Map<String, long[]> totals = new TreeMap<>();

    TimedBackend(Backend inner) {
      this.inner = inner;
    }

    private void add(String kernel, long since) {
      long[] total = totals.computeIfAbsent(kernel, k -> new long[2]);
      total[0] += System.nanoTime() - since;
      total[1]++;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public int priority() {
      return inner.priority();
    }

    @Override
    public Availability availability() {
      return inner.availability();
    }

    @Override
    public Storage allocate(DType dtype, int length) {
      long t = System.nanoTime();
      Storage storage = inner.allocate(dtype, length);
      add("allocate " + length, t);
      return storage;
    }

    @Override
    public boolean accepts(Storage storage) {
      return inner.accepts(storage);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Storage a,
        Storage b, double beta, Storage c) {
      long t = System.nanoTime();
      inner.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
      add("gemm " + (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k, t);
    }

    @Override
    public void axpy(int n, double alpha, Storage x, Storage y) {
      long t = System.nanoTime();
      inner.axpy(n, alpha, x, y);
      add("axpy " + n, t);
    }

    @Override
    public void fill(int n, Storage x, double value) {
      long t = System.nanoTime();
      inner.fill(n, x, value);
      add("fill " + n, t);
    }

    @Override
    public void map(UnaryOp op, int n, Storage x, Storage out) {
      long t = System.nanoTime();
      inner.map(op, n, x, out);
      add("map " + op + " " + n, t);
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Storage a, View av, Storage b, View bv, Storage out) {
      long t = System.nanoTime();
      inner.binary(op, shape, a, av, b, bv, out);
      add("binary " + op + " " + Arrays.toString(shape) + ", b strides " + Arrays.toString(bv.strides()), t);
    }

    @Override
    public void binaryScalar(BinaryOp op, int n, Storage a, double scalar, Storage out) {
      long t = System.nanoTime();
      inner.binaryScalar(op, n, a, scalar, out);
      add("binaryScalar " + op + " " + n, t);
    }

    @Override
    public void ternary(TernaryOp op, int n, Storage a, Storage b, Storage c, Storage out) {
      long t = System.nanoTime();
      inner.ternary(op, n, a, b, c, out);
      add("ternary " + op + " " + n, t);
    }

    @Override
    public void copy(int[] shape, Storage src, View view, int[] rows, Storage dst, int dstOffset) {
      long t = System.nanoTime();
      inner.copy(shape, src, view, rows, dst, dstOffset);
      add("copy " + Arrays.toString(shape), t);
    }

    @Override
    public void reduce(ReduceOp op, int outer, int length, int inner, Storage x, Storage out) {
      long t = System.nanoTime();
      this.inner.reduce(op, outer, length, inner, x, out);
      add("reduce " + op + " " + outer + "x" + length + "x" + inner, t);
    }

    @Override
    public void argmax(int outer, int length, int inner, Storage x, int[] out) {
      long t = System.nanoTime();
      this.inner.argmax(outer, length, inner, x, out);
      add("argmax " + outer + "x" + length + "x" + inner, t);
    }

    @Override
    public void softmaxRows(int rows, int n, Storage x, Storage out) {
      long t = System.nanoTime();
      inner.softmaxRows(rows, n, x, out);
      add("softmaxRows " + rows + "x" + n, t);
    }

    @Override
    public void im2col(ConvGeometry g, Storage images, Storage columns) {
      long t = System.nanoTime();
      inner.im2col(g, images, columns);
      add("im2col " + g.windowSize() + "x" + g.windows(), t);
    }

    @Override
    public void col2im(ConvGeometry g, Storage columns, Storage images) {
      long t = System.nanoTime();
      inner.col2im(g, columns, images);
      add("col2im " + g.windowSize() + "x" + g.windows(), t);
    }

    @Override
    public void maxPool(ConvGeometry g, Storage images, Storage out, int[] argmax) {
      long t = System.nanoTime();
      inner.maxPool(g, images, out, argmax);
      add("maxPool " + g.kernelHeight() + "x" + g.kernelWidth() + " of " + g.imageSize(), t);
    }

    @Override
    public boolean convolve(ConvGeometry g, int filters, Storage images, Storage weights,
        Storage bias, Storage out) {
      long t = System.nanoTime();
      boolean done = inner.convolve(g, filters, images, weights, bias, out);
      add("convolve " + filters + " filters " + g.kernelHeight() + "x" + g.kernelWidth() + " over "
          + g.batch() + "x" + g.channels() + "x" + g.height() + "x" + g.width()
          + (done ? "" : " (declined)"), t);
      return done;
    }

    @Override
    public boolean adamStep(int n, double firstRate, double secondRate, double epsilon,
        double stepSize, Storage grad, Storage first, Storage second, Storage weights) {
      long t = System.nanoTime();
      boolean done = inner.adamStep(n, firstRate, secondRate, epsilon, stepSize, grad, first, second, weights);
      add("adamStep " + n + (done ? "" : " (declined)"), t);
      return done;
    }

    @Override
    public void scatterAdd(int n, Storage src, int[] index, Storage dst) {
      long t = System.nanoTime();
      inner.scatterAdd(n, src, index, dst);
      add("scatterAdd " + n, t);
    }
  }
}
