package io.nabla.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.autograd.Variable;
import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.model.Activation;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nabla's layers that compute inference without a graph ({@code forward(Tensor)}) give exactly the
 * value of their recorded forward pass, in evaluation and in training: every activation, the affine
 * layer with and without a bias and on one sample, dropout, and the compositions.
 */
class InferencePassTest {

  private static final Backend BACKEND = Backends.get(ReferenceBackend.NAME);

  private static Tensor random(long seed, DType dtype, int... shape) {
    return Tensors.randomNormal(BACKEND, new SeededRandom(seed), 0, 1, dtype, shape);
  }

  private static List<Layer> layers(DType dtype) {
    List<Layer> layers = new ArrayList<>();
    for (Activation a : Activation.values()) {
      layers.add(a.newLayer());
    }
    Affine affine = new Affine("W", random(1, dtype, 5, 5), "b", random(2, dtype, 5));
    layers.add(affine);
    layers.add(Affine.withoutBias("V", random(3, dtype, 5, 5)));
    Affine inner = new Affine("W2", random(4, dtype, 5, 5), "b2", random(5, dtype, 5));
    layers.add(new Sequential(affine, new Relu(), new Residual(new Sequential(inner, new Sigmoid()))));
    layers.add(new Sequential(affine, new Dropout(0.5), new Relu()));
    return layers;
  }

  @Test
  void theInferencePassOfEveryLayerIsItsRecordedValueBitForBit() {
    for (DType dtype : DType.values()) {
      for (Layer layer : layers(dtype)) {
        for (int[] shape : new int[][] {{4, 5}, {5}}) {
          for (boolean training : new boolean[] {false, true}) {
            Tensor x = random(9, dtype, shape);
            Tensor inference;
            Tensor recorded;
            // In training, each pass draws from a generator seeded alike: the same dropout mask.
            try (TrainingMode.Scope mode = training ? TrainingMode.on(new SeededRandom(3)) : TrainingMode.off()) {
              inference = layer.forward(x);
            }
            try (TrainingMode.Scope mode = training ? TrainingMode.on(new SeededRandom(3)) : TrainingMode.off()) {
              recorded = layer.forward(Variable.constant(x)).value();
            }
            String what = layer.getClass().getSimpleName() + " " + dtype + " " + java.util.Arrays.toString(shape)
                + (training ? " training" : "");
            assertArrayEquals(recorded.shape(), inference.shape(), what);
            for (int i = 0; i < recorded.size(); i++) {
              assertEquals(Double.doubleToLongBits(recorded.getFlat(i)), Double.doubleToLongBits(inference.getFlat(i)),
                  what + " element " + i);
            }
          }
        }
      }
    }
  }
}
