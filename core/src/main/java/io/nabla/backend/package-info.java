/**
 * The backend SPI: the small set of matrix kernels every backend implements ({@link
 * io.nabla.backend.Backend}), the operation codes they take, and discovery and selection of
 * backends through {@link java.util.ServiceLoader} ({@link io.nabla.backend.Backends}).
 *
 * <p>Core validates shapes and dtypes before any kernel runs; kernels assume valid input.
 */
package io.nabla.backend;
