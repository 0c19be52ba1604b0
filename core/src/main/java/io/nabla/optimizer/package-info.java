/**
 * Optimizers that update parameters from their gradients ({@link
 * io.nabla.optimizer.Optimizer}): the chapter's {@link io.nabla.optimizer.Sgd}, and {@link
 * io.nabla.optimizer.Momentum}, {@link io.nabla.optimizer.AdaGrad} and {@link
 * io.nabla.optimizer.Adam}.
 */
package io.nabla.optimizer;
