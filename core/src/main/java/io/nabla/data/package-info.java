/**
 * Data for training: mini-batch samplers ({@link io.nabla.data.BatchSampler}) that draw row
 * indices reproducibly from a seed.
 */
package io.nabla.data;
