package io.nabla.backend.jblas;

/**
 * The one lock every native BLAS call of the process holds: jblas's JNI layer and its bundled BLAS
 * are not safe for concurrent calls (see {@link JblasFloatKernels}).
 */
final class NativeBlasLock {

  /** Held around each native call, by both dtypes. */
  static final Object LOCK = new Object();

  private NativeBlasLock() {}
}
