package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.model.Net;
import io.nabla.tensor.SeededRandom;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Mutations of a valid exported model (every truncation, random byte flips, varints that claim
 * huge lengths): each either reads as a net that scores a sample, or fails with an IOException of
 * one line naming the file; never another exception, an OutOfMemoryError or a hang. Graphs too
 * long or too deeply nested are in {@link BadFilesTest}.
 */
class ReaderFuzzTest {

  private final Backend backend = Backends.get("pure");

  private void readOrRefuse(String name, byte[] bytes) {
    try {
      Net net = OnnxImport.read(name, bytes, backend).net();
      // What reads must also score: one sample of the shape it takes.
      int[] shape = new int[net.inputShape().size() + 1];
      shape[0] = 1;
      for (int d = 0; d < net.inputShape().size(); d++) {
        shape[d + 1] = net.inputShape().get(d);
      }
      assertTrue(net.scores(io.nabla.tensor.Tensors.zeros(backend, net.dtype(), shape)).dim(0) == 1, name);
    } catch (IOException e) {
      assertTrue(e.getMessage().startsWith(name + ": ") && !e.getMessage().contains("\n"),
          "one line naming the file: " + e.getMessage());
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      throw new AssertionError(name + " raised " + e, e);
    }
  }

  @Test
  // "never a hang" must be able to fail: a thread of its own, as a loop that ignores interrupts is stopped too
  @org.junit.jupiter.api.Timeout(value = 300, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void mutatedModelsAreReadOrRefusedInOneLine() {
    Net net = Net.builder("conv(2,3) batchnorm relu maxpool(2) dropout(0.5) affine(8) residual(affine(8) tanh)"
        + " affine(10)", 1, 6, 6).seed(2).backend(backend).build();
    byte[] valid = OnnxExport.bytes(net);
    int cases = 0;
    for (int length = 0; length < valid.length; length++) {
      readOrRefuse("cut" + cases++, Arrays.copyOf(valid, length));
    }
    SeededRandom random = new SeededRandom(11);
    for (int i = 0; i < 3000; i++) {
      byte[] mutated = valid.clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      readOrRefuse("flip" + cases++, mutated);
    }
    for (int i = 0; i < 500; i++) {
      // A length or dimension varint made huge: ten bytes of 0xff (then 0x01) in place.
      byte[] mutated = valid.clone();
      int at = random.nextInt(mutated.length - 10);
      Arrays.fill(mutated, at, at + 9, (byte) 0xff);
      mutated[at + 9] = 0x01;
      readOrRefuse("huge" + cases++, mutated);
    }
    assertTrue(cases > 4000, cases + " cases");
  }
}
