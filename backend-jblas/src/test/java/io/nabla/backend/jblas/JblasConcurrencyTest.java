package io.nabla.backend.jblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.testing.BackendAssumptions;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Products computed by several threads at once through one jblas backend, each into its own
 * output (the kernel contract), equal the product computed alone (the backend serializes its
 * native calls).
 */
class JblasConcurrencyTest {

  @ParameterizedTest
  @EnumSource(DType.class)
  void concurrentProductsAreCorrect(DType dtype) throws Exception {
    Backend backend = BackendAssumptions.availableOrSkip(new JblasBackend());
    Tensor a = Tensors.randomUniform(new SeededRandom(1), -1, 1, dtype, 128, 96).on(backend);
    Tensor b = Tensors.randomUniform(new SeededRandom(2), -1, 1, dtype, 96, 64).on(backend);
    double[] alone = a.matmul(b).toDoubleArray();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int task = 0; task < 40; task++) {
        results.add(pool.submit(() -> {
          Tensor c = a.zerosLike(128, 64);
          MatrixOps.gemm(false, false, 1.0, a, b, 0.0, c);
          return c.toDoubleArray();
        }));
      }
      for (Future<double[]> result : results) {
        assertArrayEquals(alone, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
