package io.nabla.tensor;

/**
 * The number of in-place writes into one storage, shared by every tensor viewing it: what {@link
 * Tensor#version()} reports. Not synchronized: a tensor is not written by two threads at once.
 */
final class WriteCount {
  long count;
}
