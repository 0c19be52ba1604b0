package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.testing.TestData;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chapter's full run with the defaults ({@code nabla train}), on every backend and dtype:
 * test accuracy at least 0.94 (NumPy's run of the chapter's code: 0.947). Minutes long, so tagged
 * slow: {@code ./mvnw -B verify -Pslow}.
 */
@Tag("slow")
class FullTrainingTest {

  @TempDir Path out;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"simd,float32", "simd,float64", "jblas,float32", "jblas,float64", "pure,float32", "pure,float64"})
  void defaultsReachTheChaptersAccuracy(String backend, String dtype) {
    CliRun run = CliRun.of("train", "--data", TestData.mnistDir().toString(), "--backend", backend,
        "--dtype", dtype, "--out", out.toString(), "--json");
    assertEquals(0, run.exitCode(), run.err());
    Matcher m = Pattern.compile("\"final_test_accuracy\": ([0-9.]+)").matcher(run.out());
    assertTrue(m.find(), run.out());
    double accuracy = Double.parseDouble(m.group(1));
    System.out.println(backend + " " + dtype + ": " + run.out());
    assertTrue(accuracy >= 0.94, backend + " " + dtype + " test accuracy " + accuracy);
  }
}
