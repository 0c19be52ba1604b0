package io.nabla.spark.examples;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a program: the master given, else spark-submit's, else {@code local[2]}. */
final class Sessions {

  private Sessions() {}

  static SparkSession start(String appName, String master) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[2]");
    }
    SparkSession spark = builder.getOrCreate();
    // Spark's INFO lines would bury the program's own output; warnings and errors stay.
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
