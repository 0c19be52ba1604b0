package io.nabla.spark;

import io.nabla.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link NablaClassificationModel} the way Spark ML saves its own: {@code metadata/} (the
 * class, uid and every param, by Spark's {@code DefaultParamsWriter}) and, beside it, {@value
 * #MODEL_FILE}: the net, of whatever architecture, as Nabla's {@link ModelFile}, with the model's
 * training record when it has one. The directory may be on any file system Hadoop reaches (local, HDFS, S3).
 */
final class NablaModelWriter extends MLWriter {

  /** Where in a saved model's directory the net is. */
  static final String MODEL_FILE = "nabla/model.npz";

  private final NablaClassificationModel model;

  NablaModelWriter(NablaClassificationModel model) {
    this.model = model;
  }

  @Override
  public void saveImpl(String path) {
    DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
    try {
      HadoopFiles.write(new Path(path, MODEL_FILE), sc().hadoopConfiguration(), local -> {
        if (model.trainingRecord().isPresent()) {
          ModelFile.save(local, model.net(), model.trainingRecord().get());
        } else {
          ModelFile.save(local, model.net());
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("saving the Nabla model to " + path + ": " + e.getMessage(), e);
    }
  }
}
