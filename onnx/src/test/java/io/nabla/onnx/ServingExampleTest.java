package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.data.MnistData;
import io.nabla.data.MnistLoader;
import io.nabla.model.Activation;
import io.nabla.model.ModelFile;
import io.nabla.model.Net;
import io.nabla.optimizer.Adam;
import io.nabla.testing.TestData;
import io.nabla.train.Trainer;
import io.nabla.train.TrainingConfig;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving example of {@code docs/onnx.md}, line for line: a model Nabla saved is exported and
 * ONNX Runtime's Java API classifies images with it, as Nabla does.
 */
class ServingExampleTest {

  private static final String STARTS = "// ---- docs/onnx.md serving starts ----\n";
  private static final String ENDS = "    // ---- docs/onnx.md serving ends ----";

  @TempDir Path dir;

  @Test
  void theDocsServingExampleClassifiesAsNablaDoes() throws Exception {
    MnistData mnist = MnistLoader.load(TestData.mnistDir(), true, true, DType.FLOAT32, Backends.get("simd"));
    Net trained = Net.builder("conv(8,5) relu maxpool(2) affine(10)", 1, 28, 28).seed(1)
        .backend(Backends.get("simd")).build();
    new Trainer(TrainingConfig.chapterDefaults().withIterations(200)).train(trained, new Adam(0.005, 0.9, 0.999),
        mnist.train(), mnist.test());
    Path saved = dir.resolve("model.npz");
    ModelFile.save(saved, trained);
    Path onnxFile = dir.resolve("model.onnx");
    float[] pixels = Arrays.copyOf(mnist.test().images().toFloatArray(), 16 * 784); // 16 test images, [0, 1]
    int rows = 16;
    // ---- docs/onnx.md serving starts ----
    Net net = ModelFile.load(saved, Backends.current(), Activation.SIGMOID).net(); // a model nabla train saved
    OnnxExport.save(onnxFile, net);                  // or: nabla export --model model.npz --onnx model.onnx

    int[] classes = new int[rows];
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnxFile.toString(), new OrtSession.SessionOptions());
        OnnxTensor images = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {rows, 1, 28, 28});
        OrtSession.Result result = session.run(Map.of("input", images))) {
      float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
      for (int i = 0; i < rows; i++) {
        int digit = 0;
        for (int c = 1; c < 10; c++) {
          digit = probabilities[i][c] > probabilities[i][digit] ? c : digit;
        }
        classes[i] = digit;
      }
    }
    // ---- docs/onnx.md serving ends ----
    int[] nabla = trained.scores(mnist.test().images().sliceRows(0, 16)).argmax(1);
    assertArrayEquals(nabla, classes, "ONNX Runtime's classes are Nabla's");
  }

  @Test
  void theDocsShowExactlyTheServingExampleThisTestRuns() throws Exception {
    String source = Files.readString(Paths.get("src/test/java/io/nabla/onnx/ServingExampleTest.java"));
    String code = source.substring(source.indexOf(STARTS) + STARTS.length(), source.lastIndexOf(ENDS))
        .stripTrailing().stripIndent().strip();
    String page = Files.readString(Paths.get("..", "docs", "onnx.md"));
    int section = page.indexOf("## Serving a Nabla model");
    assertNotNull(section >= 0 ? page : null, "docs/onnx.md has a section 'Serving a Nabla model'");
    int open = page.indexOf("```java\n", section);
    String block = page.substring(open + 8, page.indexOf("```", open + 8)).strip();
    assertEquals(code, block, "docs/onnx.md's serving example and this test's code have drifted apart");
  }
}
