/**
 * The programs of the Spark module: {@link io.nabla.spark.examples.MnistToParquet} writes MNIST
 * (or Fashion-MNIST) as Parquet, {@link io.nabla.spark.examples.TrainOnParquet} trains {@link
 * io.nabla.spark.NablaClassifier} on such files and prints each round's accuracy. Both run with
 * {@code java} against {@code local[N]} or {@code local-cluster}, and through {@code spark-submit}
 * against a cluster.
 */
package io.nabla.spark.examples;
