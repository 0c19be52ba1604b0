/**
 * The jblas backend: GEMM through jblas's native BLAS on the tensors' own heap arrays, split by
 * rows over {@link io.nabla.backend.Parallelism}'s threads for large products; every other
 * kernel is the plain loop of {@link io.nabla.backend.LoopKernels} (these are small, memory-bound
 * operations where a JNI call would cost more than it saves).
 */
package io.nabla.backend.jblas;
