package io.nabla.spark;

import io.nabla.model.Activation;
import io.nabla.model.ModelDescription;
import io.nabla.model.ModelFile;
import io.nabla.model.TrainingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader.Metadata;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/**
 * Loads what {@link NablaModelWriter} saved: the uid and params from the metadata, the net and its
 * training record (if the file has one) from its npz. The net may be of any architecture its file
 * records ({@code nabla train --net}, {@link ModelFile#save}), not only a fully connected one; a
 * file without a description (one NumPy wrote) is read as a fully connected sigmoid net.
 */
final class NablaModelReader extends MLReader<NablaClassificationModel> {

  @Override
  public NablaClassificationModel load(String path) {
    Metadata metadata =
        DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), NablaClassificationModel.class.getName());
    NetWeights weights;
    TrainingRecord training;
    try {
      // Any backend will do: the weights are copied out of it at once.
      ModelFile.Loaded loaded = HadoopFiles.read(new Path(path, NablaModelWriter.MODEL_FILE),
          sc().hadoopConfiguration(), local -> ModelFile.load(local, NetSpec.backendNamed(""), Activation.SIGMOID));
      weights = NetWeights.of(loaded.net());
      training = loaded.description().flatMap(ModelDescription::training).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("loading the Nabla model from " + path + ": " + e.getMessage(), e);
    }
    NablaClassificationModel model = new NablaClassificationModel(metadata.uid(), weights, List.of(), training);
    metadata.getAndSetParams(model, Option.empty());
    return model;
  }
}
