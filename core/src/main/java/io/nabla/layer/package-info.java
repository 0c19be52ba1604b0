/**
 * Layers with a forward and a backward pass ({@link io.nabla.layer.Layer}): {@link
 * io.nabla.layer.Affine}, {@link io.nabla.layer.Sigmoid}, {@link io.nabla.layer.Relu}, {@link
 * io.nabla.layer.Softmax}, composed with {@link io.nabla.layer.Sequential}; their trainable
 * tensors are named {@link io.nabla.layer.Parameter}s.
 */
package io.nabla.layer;
