/**
 * Nabla on Apache Spark: data-parallel training over a {@code Dataset<Row>} ({@link
 * io.nabla.spark.DistributedTrainer}) and a Spark ML classifier on top of it ({@link
 * io.nabla.spark.NablaClassifier}, {@link io.nabla.spark.NablaClassificationModel}).
 */
package io.nabla.spark;
