package io.nabla.backend;

import io.nabla.tensor.Tensor;

/**
 * The SPI every matrix backend implements: a name, a priority, an availability report and the
 * kernels that Nabla's tensors, layers, losses and optimizers are written on.
 *
 * <p>Backends are found with {@link java.util.ServiceLoader}: a backend module lists its class in
 * {@code META-INF/services/io.nabla.backend.Backend}. The class needs a public no-argument
 * constructor that does no work; anything expensive (loading a native library, starting threads)
 * waits for {@link #availability()} or the first kernel.
 *
 * <p><b>Memory.</b> A backend owns its tensors' memory: {@link #allocate} makes every tensor's
 * {@link Storage}, and {@link #accepts} says which storage its kernels can read and write in
 * place; anything else is copied when a tensor moves here.
 *
 * <p><b>Contract for every kernel.</b> Core validates before calling, so a kernel may assume: all
 * tensors are on this backend (their storage is one this backend {@link #accepts}), contiguous
 * row-major, non-null, of one dtype ({@link io.nabla.tensor.DType#FLOAT32}
 * or {@link io.nabla.tensor.DType#FLOAT64}), with the sizes the kernel's Javadoc states. Only the
 * arguments documented as outputs are modified. Results are computed in the tensors' dtype and
 * must agree with the double-precision definition of the operation to within that dtype's
 * rounding (the conformance suite states the tolerances). Zero-size tensors are legal and do
 * nothing beyond writing the (empty) outputs. Kernels must be safe to call from several threads at
 * once on different output tensors.
 */
public interface Backend {

  /** The short name users select this backend by, for example {@code "pure"}. */
  String name();

  /**
   * How strongly this backend is preferred when the user names none; the available backend with
   * the highest priority is the default. By convention the plain-Java reference has priority 0.
   */
  int priority();

  /** Whether this backend can run on this JVM and operating system, and if not, why. */
  Availability availability();

  /**
   * Facts about this backend for the diagnostic report, such as its vector width or native
   * library; empty when there is nothing to add. Must not fail, even when unavailable.
   */
  default String details() {
    return "";
  }

  /**
   * Gets the kernels for {@code dtype} ready ahead of their first real use, for example by having
   * a JIT compile them in the background while the caller loads data; may return before that is
   * done and never changes a result. Call it once, early, when a long run is about to start. By
   * default it does nothing.
   */
  default void warmUp(io.nabla.tensor.DType dtype) {}

  /**
   * Waits until the warm-up that {@link #warmUp} started for {@code dtype} has finished; returns
   * at once if none was started or it is done, and never changes a result. A program that warms
   * up and then loads its data calls this before it trains, so that training starts on compiled
   * kernels rather than running them cold beside the compiler (measured on a 2-core AMD EPYC Zen
   * 5, AVX-512, JDK 17, the chapter's MNIST run with the SIMD backend, 5 runs each in turns:
   * median 5.5 s of training without the wait, 4.0 s with it, 7.5 and 6.6 s for the whole
   * command). By default it returns at once.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  default void awaitWarmUp(io.nabla.tensor.DType dtype) throws InterruptedException {}

  // ---- Memory ----------------------------------------------------------------------------------

  /**
   * New zeroed storage of {@code length} elements of {@code dtype}, for a tensor of this backend:
   * every tensor's memory comes from here. By default a Java array ({@link HeapStorage}); a
   * backend that keeps data elsewhere (off the heap, on a device) returns its own kind.
   */
  default Storage allocate(io.nabla.tensor.DType dtype, int length) {
    return HeapStorage.allocate(dtype, length);
  }

  /**
   * Whether this backend's kernels can work on {@code storage} as it is, so that moving a tensor
   * here ({@link Tensor#on}) shares it instead of copying. By default: heap storage, which the
   * three shipped backends share. Must agree with {@link #allocate}: storage this backend
   * allocates is accepted.
   */
  default boolean accepts(Storage storage) {
    return storage instanceof HeapStorage;
  }

  // ---- BLAS-style kernels --------------------------------------------------------------------

  /**
   * General matrix multiply: {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is
   * {@code x} or its transpose as the flags say. With {@code op(a)} of shape [m, k] and {@code
   * op(b)} of shape [k, n], {@code c} has shape [m, n]. When {@code beta == 0} the old contents of
   * {@code c} are ignored (even NaN). Modifies {@code c} only; {@code c} never aliases {@code a}
   * or {@code b}.
   */
  void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

  /** {@code y = alpha * x + y}, elementwise over tensors of equal size. Modifies {@code y} only. */
  void axpy(double alpha, Tensor x, Tensor y);

  /** {@code x = alpha * x}, elementwise. Modifies {@code x}. */
  void scale(double alpha, Tensor x);

  /** Sets every element of {@code x} to {@code value} (rounded to the dtype). Modifies {@code x}. */
  void fill(Tensor x, double value);

  // ---- Elementwise kernels -------------------------------------------------------------------

  /**
   * {@code out[i] = op(x[i])} over tensors of equal size. Modifies {@code out}, which may be
   * {@code x} itself.
   */
  void map(UnaryOp op, Tensor x, Tensor out);

  /**
   * {@code out[i] = op(a[i], b[i])} over tensors of equal size. Modifies {@code out}, which may be
   * {@code a} or {@code b}.
   */
  void zip(BinaryOp op, Tensor a, Tensor b, Tensor out);

  /**
   * {@code out[i] = op(a[i], scalar)}. Modifies {@code out}, which may be {@code a}.
   */
  void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out);

  /**
   * Row-vector broadcast: with {@code a} read as [rows, n] where n is the size of {@code row},
   * {@code out[i, j] = op(a[i, j], row[j])}. Adding a bias to every row of a batch is {@code
   * zipRowVector(ADD, ...)}. Modifies {@code out}, which may be {@code a} (never {@code row}).
   */
  void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out);

  /**
   * Column-vector broadcast: with {@code a} read as [n, cols] where n is the size of {@code
   * column}, {@code out[i, j] = op(a[i, j], column[i])}. Modifies {@code out}, which may be {@code
   * a} (never {@code column}).
   */
  void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out);

  // ---- Reductions ----------------------------------------------------------------------------

  /**
   * Reduction along one axis. {@code x} is read as [outer, length, inner] (any tensor is, for the
   * right three numbers) and {@code out}, of size outer * inner, receives {@code out[o, i] =
   * op over l of x[o, l, i]}. The column sums of a matrix [r, c] are {@code (1, r, c)}, the row
   * sums {@code (r, c, 1)}, the total {@code (1, size, 1)}. Modifies {@code out} only.
   */
  void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out);

  /**
   * Index of the largest element along one axis, with {@code x} read as [outer, length, inner]
   * and {@code out} of length outer * inner; ties go to the lowest index, as NumPy's argmax.
   * {@code length} is at least 1. Modifies {@code out} only.
   */
  void argmax(Tensor x, int outer, int length, int inner, int[] out);

  // ---- Neural-network kernels ----------------------------------------------------------------

  /**
   * Numerically stable softmax of each row: with {@code x} read as [rows, n] where n is the last
   * dimension, {@code out[i, j] = exp(x[i, j] - max_j x[i, :]) / sum_j exp(x[i, j] - max_j x[i,
   * :])}. Modifies {@code out}, which may be {@code x}.
   */
  void softmaxRows(Tensor x, Tensor out);

  /**
   * Backward pass of the sigmoid given its output {@code y}: {@code gradIn = gradOut * y * (1 -
   * y)}, elementwise over tensors of equal size. Modifies {@code gradIn}, which may be {@code
   * gradOut}.
   */
  void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn);

  /**
   * Backward pass of ReLU given its input {@code x}: {@code gradIn = x > 0 ? gradOut : 0},
   * elementwise over tensors of equal size. Modifies {@code gradIn}, which may be {@code gradOut}.
   */
  void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn);
}
