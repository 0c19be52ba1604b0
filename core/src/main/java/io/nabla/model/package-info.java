/**
 * The chapter's models, built from layers and losses: {@link io.nabla.model.SimpleNet} (one
 * weight matrix) and {@link io.nabla.model.TwoLayerNet} (affine, sigmoid, affine, softmax), both
 * {@link io.nabla.model.SoftmaxClassifier}s implementing {@link io.nabla.model.Model}.
 */
package io.nabla.model;
