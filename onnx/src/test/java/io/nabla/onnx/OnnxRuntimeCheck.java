package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nabla.backend.DType;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs an exported model in ONNX Runtime (through its Java API, the way a Java service serves one)
 * and compares its outputs with Nabla's on the same rows.
 */
final class OnnxRuntimeCheck {

  /** The largest difference allowed, relative to the largest score of the row. */
  static final double RELATIVE = 1e-5;

  private OnnxRuntimeCheck() {}

  /** What the comparison found. */
  record Agreement(int rows, int sameClass, double worstRelative) {}

  /**
   * Runs {@code onnx} on {@code x} (rows of samples, in the net's input shape after the batch) in
   * batches of {@code batch} rows, and compares both outputs with the net's scores and probabilities.
   */
  static Agreement compare(byte[] onnx, Net net, Tensor x, int batch) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int rows = x.dim(0);
    int same = 0;
    double worst = 0;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(2);
      try (OrtSession session = env.createSession(onnx, options)) {
        for (int from = 0; from < rows; from += batch) {
          int to = Math.min(rows, from + batch);
          Tensor part = x.sliceRows(from, to);
          Tensor scores = net.scores(part);
          Tensor probabilities = net.predict(part);
          long[] shape = new long[net.inputShape().size() + 1];
          shape[0] = to - from;
          for (int d = 0; d < net.inputShape().size(); d++) {
            shape[d + 1] = net.inputShape().get(d);
          }
          try (OnnxTensor input = net.dtype() == DType.FLOAT64
                  ? OnnxTensor.createTensor(env, DoubleBuffer.wrap(part.toDoubleArray()), shape)
                  : OnnxTensor.createTensor(env, FloatBuffer.wrap(part.toFloatArray()), shape);
              OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            double[][] ortScores = matrix(result.get(OnnxExport.SCORES).orElseThrow().getValue());
            double[][] ortProbabilities = matrix(result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue());
            assertEquals(to - from, ortScores.length, "rows of ONNX Runtime's scores");
            int[] nablaClasses = scores.argmax(1);
            for (int r = 0; r < ortScores.length; r++) {
              double scale = 0;
              int ortClass = 0;
              for (int c = 0; c < ortScores[r].length; c++) {
                scale = Math.max(scale, Math.abs(scores.get(r, c)));
                ortClass = ortScores[r][c] > ortScores[r][ortClass] ? c : ortClass;
              }
              for (int c = 0; c < ortScores[r].length; c++) {
                worst = Math.max(worst, Math.abs(ortScores[r][c] - scores.get(r, c)) / scale);
                worst = Math.max(worst, Math.abs(ortProbabilities[r][c] - probabilities.get(r, c)));
              }
              same += ortClass == nablaClasses[r] ? 1 : 0;
            }
          }
        }
      }
    }
    return new Agreement(rows, same, worst);
  }

  /** The first output of {@code onnx} run by ONNX Runtime on float32 rows {@code x} fed as {@code input}. */
  static double[][] run(byte[] onnx, String input, Tensor x) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] shape = java.util.Arrays.stream(x.shape()).asLongStream().toArray();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
        OrtSession.Result result = session.run(Map.of(input, in))) {
      return matrix(result.get(0).getValue());
    }
  }

  /** Asserts that every row has the same class and every output agrees within {@link #RELATIVE}. */
  static void assertAgrees(Agreement a, String what) {
    System.out.printf("%s: ONNX Runtime's class is Nabla's on %d of %d rows; largest relative difference %.2e%n", what,
        a.sameClass(), a.rows(), a.worstRelative());
    assertEquals(a.rows(), a.sameClass(), what + ": rows where ONNX Runtime's class is Nabla's");
    assertTrue(a.worstRelative() <= RELATIVE, what + ": largest relative difference " + a.worstRelative());
  }

  private static double[][] matrix(Object value) {
    if (value instanceof double[][] d) {
      return d;
    }
    float[][] f = (float[][]) value;
    double[][] d = new double[f.length][];
    for (int i = 0; i < f.length; i++) {
      d[i] = new double[f[i].length];
      for (int j = 0; j < f[i].length; j++) {
        d[i][j] = f[i][j];
      }
    }
    return d;
  }
}
