/**
 * Files: NumPy's {@code .npy} and {@code .npz} formats for parameters ({@link io.nabla.io.Npz}),
 * so that NumPy opens what Nabla saves and the other way round, and atomic writes ({@link
 * io.nabla.io.AtomicFiles}) so that a crash never leaves a half-written file in place.
 */
package io.nabla.io;
