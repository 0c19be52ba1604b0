package io.nabla.train;

import io.nabla.data.LabeledData;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/** Small synthetic problems for the trainer's tests: 8 features, 3 classes. */
final class TrainingData {

  private TrainingData() {}

  /** Three Gaussian blobs, row r of class r % 3: easy to learn. */
  static LabeledData blobs(int rows, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor centers = Tensors.randomNormal(new SeededRandom(99), 0, 1.5, DType.FLOAT64, 3, 8);
    Tensor x = Tensors.zeros(DType.FLOAT32, rows, 8);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < 8; c++) {
        x.set(centers.get(labels[r], c) + 0.5 * random.nextGaussian(), r, c);
      }
    }
    return new LabeledData(x, labels, 3);
  }

  /** Noise with random labels: nothing to learn, so confident wrong answers cost a lot. */
  static LabeledData noise(int rows, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor x = Tensors.randomUniform(random, 0, 1, DType.FLOAT32, rows, 8);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = (int) random.nextDouble(0, 3);
    }
    return new LabeledData(x, labels, 3);
  }
}
