/**
 * The jblas backend: GEMM through jblas's native BLAS on the tensors' own heap arrays, one
 * native call at a time under a global lock (the bundled BLAS and jblas's JNI array copies are not
 * safe for concurrent calls); every other kernel is the plain loop of {@link
 * io.nabla.backend.FloatArrayKernels} (small, memory-bound operations where a JNI call would cost more
 * than it saves).
 */
package io.nabla.backend.jblas;
