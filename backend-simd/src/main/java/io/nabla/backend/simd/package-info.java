/**
 * The SIMD backend: hand-written kernels on the JDK Vector API ({@code jdk.incubator.vector}) at
 * the preferred species of the machine (512-bit on AVX-512). GEMM is register-blocked with a
 * zero-padded packed panel so that no inner loop needs a mask; the elementwise and reduction
 * kernels of the training path are vectorized; the rest fall back to the plain loops of {@link
 * io.nabla.backend.FloatArrayKernels}.
 */
package io.nabla.backend.simd;
