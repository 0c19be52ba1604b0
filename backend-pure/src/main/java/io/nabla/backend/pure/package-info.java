/**
 * The plain-Java backend: straightforward loops, the readable reference every other backend is
 * checked against, with a cache-friendly loop order for GEMM so that it is not needlessly slow.
 */
package io.nabla.backend.pure;
