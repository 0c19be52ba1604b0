/**
 * The jblas backend: GEMM through jblas's native BLAS on the tensors' own heap arrays, one
 * native call per product (jblas's JNI copies whole arrays, so a product cannot be split over
 * threads); every other kernel is the plain loop of {@link io.nabla.backend.LoopKernels} (small,
 * memory-bound operations where a JNI call would cost more than it saves).
 */
package io.nabla.backend.jblas;
