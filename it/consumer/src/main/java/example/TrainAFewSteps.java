package example;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.loss.Targets;
import io.nabla.model.Net;
import io.nabla.model.TwoLayerNet;
import io.nabla.onnx.OnnxExport;
import io.nabla.onnx.OnnxImport;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * Trains a small TwoLayerNet for a few steps on separable random data; prints backend and losses;
 * writes the net as ONNX and reads it back.
 */
public final class TrainAFewSteps {

  public static void main(String[] args) {
    Backend backend = Backends.current();
    System.out.println("backend " + backend.name());
    int rows = 90;
    int[] labels = new int[rows];
    Tensor x = Tensors.zeros(backend, DType.FLOAT32, rows, 4);
    SeededRandom random = new SeededRandom(7);
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < 4; c++) {
        x.set((c == labels[r] ? 2.0 : 0.0) + 0.3 * random.nextGaussian(), r, c);
      }
    }
    Targets t = Targets.labels(labels);
    TwoLayerNet net = TwoLayerNet.builder(4, 8, 3).weightInitStd(0.5).seed(1).backend(backend).build();
    Sgd sgd = new Sgd(0.5);
    double first = net.loss(x, t);
    for (int step = 0; step < 50; step++) {
      net.gradient(x, t);
      sgd.step(net.parameters());
    }
    double last = net.loss(x, t);
    System.out.printf("loss %.4f -> %.4f%n", first, last);
    // The net as ONNX and back, through the deployed nabla-onnx and its protobuf runtime.
    try {
      Net back = OnnxImport.read("consumer net", OnnxExport.bytes(net), backend).net();
      System.out.printf("onnx round trip: loss %.4f%n", back.loss(x, t));
      if (back.loss(x, t) != last) {
        System.err.println("the net read back from ONNX scores differently");
        System.exit(1);
      }
    } catch (java.io.IOException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
    // Asking again must not repeat the warning about skipped backends.
    System.out.println("still " + Backends.current().name());
    if (!(last < first)) {
      System.err.println("the loss did not go down");
      System.exit(1);
    }
  }
}
