/**
 * Layers, each a forward pass over {@link io.nabla.autograd.Variable}s and its parameters ({@link
 * io.nabla.layer.Layer}; automatic differentiation gives the backward pass): {@link
 * io.nabla.layer.Affine}, the elementwise activations ({@link io.nabla.layer.ElementwiseActivation},
 * {@link io.nabla.layer.Sigmoid}, {@link io.nabla.layer.Relu}), {@link io.nabla.layer.Softmax},
 * composed with {@link io.nabla.layer.Sequential}; their trainable tensors are named {@link
 * io.nabla.layer.Parameter}s.
 */
package io.nabla.layer;
