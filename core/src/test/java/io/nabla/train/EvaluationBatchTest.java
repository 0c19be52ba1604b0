package io.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.data.LabeledData;
import io.nabla.model.Net;
import io.nabla.model.TwoLayerNet;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** Which batch a model is evaluated in, and that the batch does not change an accuracy. */
class EvaluationBatchTest {

  private static final Backend BACKEND = Backends.get(ReferenceBackend.NAME);

  @Test
  void aNetOfImagesIsEvaluatedInSmallerBatchesThanAVectorNet() {
    Net conv = Net.builder("conv(2,3) relu maxpool(2) affine(10)", 1, 8, 8).backend(BACKEND).build();
    assertEquals(Evaluation.IMAGE_BATCH, Evaluation.batchFor(conv));
    assertEquals(Evaluation.DEFAULT_BATCH,
        Evaluation.batchFor(TwoLayerNet.builder(784, 50, 10).backend(BACKEND).build()), "the chapter's, as before");
    assertEquals(Evaluation.IMAGE_BATCH, Evaluation.batchFor(Net.builder("relu conv(2,3) affine(10)", 1, 8, 8)
        .backend(BACKEND).build()), "an activation first: the net still takes images");
  }

  @Test
  void theAccuracyOfANetOfImagesIsTheSameInBatchesOf100Or1000() {
    Net conv = Net.builder("conv(3,3) relu maxpool(2) affine(10)", 1, 8, 8).seed(3).weightInitStd(0.5)
        .backend(BACKEND).build();
    Tensor images = Tensors.randomUniform(BACKEND, new SeededRandom(5), 0, 1, DType.FLOAT32, 1234, 64);
    int[] labels = new int[1234];
    SeededRandom random = new SeededRandom(6);
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(10);
    }
    LabeledData data = new LabeledData(images, labels, 10);
    double inHundreds = Evaluation.accuracy(conv, data, Evaluation.IMAGE_BATCH);
    assertEquals(inHundreds, Evaluation.accuracy(conv, data, Evaluation.DEFAULT_BATCH));
    assertEquals(inHundreds, Evaluation.accuracy(conv, data, 1234));
  }
}
