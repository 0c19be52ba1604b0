package io.nabla.backend;

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
 * <p><b>Contract for every kernel.</b> A kernel works on {@link Storage} and the sizes it is
 * given, never on tensors: matrices and blocks are row-major, and an operand read as a view (a
 * broadcast, a transpose, the rows of a batch) comes with a {@link View} of offsets and strides.
 * Core validates before calling, so a kernel may assume: every storage is one this backend
 * {@link #accepts}, non-null, open, of one dtype ({@link DType#FLOAT32} or {@link DType#FLOAT64}),
 * and large enough for the sizes and views given. Only the arguments documented as outputs are
 * modified. Results are computed in the storage's dtype and must agree with the double-precision
 * definition of the operation to within that dtype's rounding (the conformance suite states the
 * tolerances). Zero sizes are legal and do nothing beyond writing the (empty) outputs. Kernels
 * must be safe to call from several threads at once on different outputs.
 *
 * <p><b>The fifteen kernels</b>, each there because an operation of core needs it and no
 * composition of the others does it in one pass: {@link #gemm} (matrix products: affine layers,
 * and convolution through im2col); {@link #axpy} (the optimizers' {@code w -= lr * g}, fused);
 * {@link #fill}; {@link #map} (elementwise functions and activations); {@link #binary} (arithmetic
 * with NumPy broadcasting: bias adds, losses); {@link #binaryScalar} (arithmetic with a scalar
 * that stays in double precision, such as an epsilon or {@code 1 / N}); {@link #ternary} ({@code
 * where} and the activations' backward passes); {@link #copy} (transpose, permute, broadcastTo
 * and the gather of a batch's rows); {@link #reduce} and {@link #argmax} (along any axis);
 * {@link #softmaxRows}; {@link #im2col} and {@link #col2im} (the windows of convolutions and
 * poolings as matrix columns, and their gradients back onto the images); {@link #maxPool} (each
 * window's maximum and where it is, in one pass) and {@link #scatterAdd} (a gradient sent back
 * to the elements a gather or a pooling read). Two more are optional, fusions a backend may
 * decline (by default every backend does, and core composes them from the others): {@link
 * #convolve}, a convolution computed without the im2col matrix, and {@link #adamStep}, Adam's
 * update in one pass over its four tensors instead of ten.
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
  default void warmUp(DType dtype) {}

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
  default void awaitWarmUp(DType dtype) throws InterruptedException {}

  // ---- Memory ----------------------------------------------------------------------------------

  /**
   * New zeroed storage of {@code length} elements of {@code dtype}, for a tensor of this backend:
   * every tensor's memory comes from here. By default a Java array ({@link HeapStorage}); a
   * backend that keeps data elsewhere (off the heap, on a device) returns its own kind.
   */
  default Storage allocate(DType dtype, int length) {
    return HeapStorage.allocate(dtype, length);
  }

  /**
   * Whether this backend's kernels can work on {@code storage} as it is, so that moving a tensor
   * here shares it instead of copying. By default: heap storage, which the
   * three shipped backends share. Must agree with {@link #allocate}: storage this backend
   * allocates is accepted.
   */
  default boolean accepts(Storage storage) {
    return storage instanceof HeapStorage;
  }

  // ---- Kernels ---------------------------------------------------------------------------------

  /**
   * General matrix multiply of row-major matrices: {@code c = alpha * op(a) * op(b) + beta * c},
   * where {@code op(x)} is {@code x} or its transpose as the flags say, {@code op(a)} is [m, k],
   * {@code op(b)} is [k, n] and {@code c} is [m, n] (so {@code a} is stored [k, m] when
   * transposed). When {@code beta == 0} the old contents of {@code c} are ignored (even NaN).
   * Modifies {@code c} only, which never shares storage with {@code a} or {@code b}.
   *
   * <p>Not batched: a convolution that the backend does not {@link #convolve} itself runs as one
   * product of the filters with its whole batch's im2col matrix [C*KH*KW, N*OH*OW], as the book's
   * chapter 7 does, which is a larger and so faster product than one per image.
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Storage a, Storage b, double beta, Storage c);

  /**
   * {@code y[i] = alpha * x[i] + y[i]} for i below {@code n}. Modifies {@code y} only, which
   * never is {@code x}.
   */
  void axpy(int n, double alpha, Storage x, Storage y);

  /** Sets elements {@code [0, n)} of {@code x} to {@code value} (rounded to the dtype). */
  void fill(int n, Storage x, double value);

  /**
   * {@code out[i] = op(x[i])} for i below {@code n}. Modifies {@code out}, which may be {@code x}.
   */
  void map(UnaryOp op, int n, Storage x, Storage out);

  /**
   * Elementwise {@code op} with broadcasting: for every index {@code i} of {@code shape}, {@code
   * out[i] = op(a[av(i)], b[bv(i)])}, where {@code out} is contiguous row-major over {@code shape}
   * and each view says where its operand's element lies ({@link View}; stride 0 along a broadcast
   * dimension). One kernel for {@code a + b} of equal shapes, a bias row added to every row of a
   * batch, a column, or a scalar tensor. Modifies {@code out}, which may be {@code a} or {@code
   * b} only where that operand is read contiguously.
   */
  void binary(BinaryOp op, int[] shape, Storage a, View av, Storage b, View bv, Storage out);

  /**
   * {@code out[i] = op(a[i], scalar)} for i below {@code n}, with {@code scalar} in double
   * precision. A float32 kernel may round the scalar to float32 first (the SIMD backend does,
   * within the conformance suite's tolerance); for a product that changes nothing, the product of
   * two floats being exact in double, which is why core scales by rounding the factor first.
   * Modifies {@code out}, which may be {@code a}.
   */
  void binaryScalar(BinaryOp op, int n, Storage a, double scalar, Storage out);

  /**
   * {@code out[i] = op(a[i], b[i], c[i])} for i below {@code n}: {@code where}, and the fused
   * backward passes of the activations (see {@link TernaryOp} for the operands' order). Modifies
   * {@code out}, which may be any of the inputs.
   */
  void ternary(TernaryOp op, int n, Storage a, Storage b, Storage c, Storage out);

  /**
   * A strided and gathered copy: for every index {@code (i0, ..., i(r-1))} of {@code shape}, the
   * element at {@code dstOffset} plus its row-major position in {@code shape} receives {@code
   * src[view(i)]}, where, when {@code rows} is not null, index {@code i0} reads row {@code
   * rows[i0]} ({@code i0} is replaced by {@code rows[i0]} before the strides apply). Transpose,
   * permute and broadcastTo are views; the rows of a mini-batch are a gather. Both storages have
   * one dtype. Modifies {@code dst} only, which never shares storage with {@code src}.
   */
  void copy(int[] shape, Storage src, View view, int[] rows, Storage dst, int dstOffset);

  /**
   * Reduction along one axis: {@code x} is read as [outer, length, inner] (any tensor is, for the
   * right three numbers) and {@code out}, of size outer * inner, receives {@code out[o, i] =
   * op over l of x[o, l, i]}. The column sums of a matrix [r, c] are {@code (1, r, c)}, the row
   * sums {@code (r, c, 1)}, the total {@code (1, size, 1)}. Modifies {@code out} only, which
   * never shares storage with {@code x}.
   */
  void reduce(ReduceOp op, int outer, int length, int inner, Storage x, Storage out);

  /**
   * Index of the largest element along one axis, with {@code x} read as [outer, length, inner]
   * and {@code out} of length outer * inner; ties go to the lowest index and a NaN wins, as in
   * NumPy's argmax. {@code length} is at least 1. Modifies {@code out} only.
   */
  void argmax(int outer, int length, int inner, Storage x, int[] out);

  /**
   * Numerically stable softmax of each of {@code rows} rows of length {@code n}: {@code out[i, j]
   * = exp(x[i, j] - max_j x[i, :]) / sum_j exp(x[i, j] - max_j x[i, :])}. Modifies {@code out},
   * which may be {@code x}.
   */
  void softmaxRows(int rows, int n, Storage x, Storage out);

  /**
   * The windows of a convolution as the columns of a matrix, im2col (the book's, transposed):
   * {@code images} is [batch, channels, height, width] and {@code columns} [g.windowSize(),
   * g.windows()], whose column {@code (n, oh, ow)} holds the window at output position (oh, ow) of
   * image n, its rows in the order {@code (c, i, j)}: {@code columns[(c, i, j), (n, oh, ow)] =
   * images[n, c, oh * stride + i - padding, ow * stride + j - padding]}, 0 where that falls in the
   * padding. A convolution is then one matrix product of the filters [filters, windowSize] with
   * these columns, and each row is runs of pixels of one image row (block copies at stride 1).
   * Modifies {@code columns} only.
   */
  void im2col(ConvGeometry g, Storage images, Storage columns);

  /**
   * The adjoint of {@link #im2col}, col2im: every element of {@code images} [batch, channels,
   * height, width] receives the sum of the elements of {@code columns} [g.windowSize(),
   * g.windows()] that im2col would copy from it (0 if none), as accurate as a sum
   * of those terms in the dtype allows. A convolution's input
   * gradient is this of the gradient of its columns. Writes every element of {@code images}, and
   * only those.
   */
  void col2im(ConvGeometry g, Storage columns, Storage images);

  /**
   * Max pooling: for each window of {@code g} over {@code images} [batch, channels, height, width]
   * (each channel pooled on its own; positions in the padding, at most half a window, are left
   * out), {@code out[n, c, oh,
   * ow]} receives the window's largest element and {@code argmax} at the same position the flat
   * index into {@code images} of that element: the first in row order, or the first NaN, as
   * NumPy's argmax picks. {@code out} has batch * channels * outHeight * outWidth elements, and so
   * has {@code argmax}. Modifies {@code out} and {@code argmax} only.
   */
  void maxPool(ConvGeometry g, Storage images, Storage out, int[] argmax);

  /**
   * {@code dst[index[i]] += src[i]} for i below {@code n}, in that order, each sum rounded to the
   * dtype: a gather's gradient sent back where it was read from, such as max pooling's to each
   * window's maximum. Every index is below {@code dst}'s length. Modifies {@code dst} only, which
   * never shares storage with {@code src}.
   */
  void scatterAdd(int n, Storage src, int[] index, Storage dst);

  /**
   * A convolution computed directly, where this backend has a kernel for {@code g} and the dtype:
   * {@code out[n, f, oh, ow] = bias[f] + sum over (c, i, j) of weights[f, (c, i, j)] *
   * images[n, c, oh * stride + i - padding, ow * stride + j - padding]} (0 in the padding), for
   * {@code images} [batch, channels, height, width], {@code weights} [filters, g.windowSize()],
   * {@code bias} [filters] or null (no bias) and {@code out} [batch, filters, outHeight,
   * outWidth]. Returns whether it did; where it returns false it has written nothing, and core
   * composes the convolution from {@link #im2col}, {@link #gemm}, {@link #binary} and {@link
   * #copy} (the book's method). By default it returns false. A backend that computes it is
   * expected to give its composition's bits (the SIMD backend does: each sum is the product's
   * chain of fused multiply-adds in the order of im2col's rows, then the bias added), so a net
   * trains to the same parameters either way. Modifies {@code out} only, which never shares
   * storage with the others.
   */
  default boolean convolve(ConvGeometry g, int filters, Storage images, Storage weights,
      Storage bias, Storage out) {
    return false;
  }

  /**
   * One step of Adam over {@code n} parameters in one pass, where this backend has the kernel:
   * for each element, in the dtype and in this order, what core otherwise runs as kernels one
   * after another ({@code io.nabla.tensor.OptimizerOps.adamStep}): {@code t = grad - first};
   * {@code first = first + firstRate * t} (as {@link #axpy}); {@code t = grad * grad}; {@code t =
   * t - second}; {@code second = second + secondRate * t} (as axpy); {@code t = sqrt(second)};
   * {@code t = t + epsilon} (epsilon as this backend's {@link #binaryScalar} takes it); {@code t =
   * first / t}; {@code t = t * stepSize} (stepSize rounded to the dtype first); {@code weights =
   * weights - t}. The four storages are distinct. Returns
   * whether it did; where it returns false it has written nothing. By default it returns false.
   * A backend that fuses is expected to give the bits of its own kernels run one after another
   * (the SIMD backend does). Modifies {@code first}, {@code second} and {@code weights} only.
   */
  default boolean adamStep(int n, double firstRate, double secondRate, double epsilon,
      double stepSize, Storage grad, Storage first, Storage second, Storage weights) {
    return false;
  }
}
