/**
 * Numerical differentiation as the chapter teaches it: central differences of plain functions
 * ({@link io.nabla.gradcheck.Derivatives}), tangent lines, gradient descent ({@link
 * io.nabla.gradcheck.GradientDescent}), the element-by-element numerical gradient of any function
 * of a tensor, and {@link io.nabla.gradcheck.GradientChecker}, which compares it with the
 * analytic (backprop) gradients of layers, losses and models.
 */
package io.nabla.gradcheck;
