package io.nabla.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.layer.Parameter;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An optimizer's state taken after some steps and restored into a fresh optimizer continues the
 * run exactly: the same bits as never stopping.
 */
class OptimizerStateTest {

  private static final double[][] GRADS = {
      {0.2, -0.4, 1.0}, {0.1, 0.3, -0.5}, {-0.3, 0.2, 0.05}, {0.7, -0.1, 0.2}, {-0.2, -0.6, 0.4}};

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd", (Supplier<Optimizer>) () -> new Sgd(0.1), List.of()),
        Arguments.of("momentum", (Supplier<Optimizer>) () -> new Momentum(0.1, 0.9), List.of("W.velocity")),
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> new AdaGrad(0.1), List.of("W.h")),
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.01, 0.9, 0.999), List.of("W.m", "W.v")));
  }

  private static void steps(Optimizer optimizer, Parameter p, int from, int to) {
    for (int i = from; i < to; i++) {
      p.setGrad(Tensors.vector(p.value().dtype(), GRADS[i]));
      optimizer.step(List.of(p));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void aRestoredOptimizerContinuesBitForBit(String name, Supplier<Optimizer> make, List<String> keys) {
    Parameter straight = new Parameter("W", Tensors.vector(DType.FLOAT64, 1.0, -2.0, 0.5));
    steps(make.get(), straight, 0, GRADS.length);

    Parameter resumed = new Parameter("W", Tensors.vector(DType.FLOAT64, 1.0, -2.0, 0.5));
    Optimizer first = make.get();
    steps(first, resumed, 0, 2);
    OptimizerState state = first.state(List.of(resumed));
    assertEquals(2, state.steps());
    assertEquals(keys, List.copyOf(state.tensors().keySet()));
    Optimizer second = make.get();
    second.restore(List.of(resumed), state);
    steps(second, resumed, 2, GRADS.length);
    assertArrayEquals(straight.value().toDoubleArray(), resumed.value().toDoubleArray(), 0.0, name);
    assertEquals(GRADS.length, second.state(List.of(resumed)).steps());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void theStateIsACopyAndAFreshOptimizersStateIsZero(String name, Supplier<Optimizer> make, List<String> keys) {
    Parameter p = new Parameter("W", Tensors.vector(DType.FLOAT32, 1.0, 2.0, 3.0));
    Optimizer optimizer = make.get();
    OptimizerState fresh = optimizer.state(List.of(p));
    assertEquals(0, fresh.steps());
    for (Tensor t : fresh.tensors().values()) {
      assertArrayEquals(new double[3], t.toDoubleArray(), 0.0);
    }
    steps(optimizer, p, 0, 1);
    for (Tensor t : fresh.tensors().values()) {
      assertArrayEquals(new double[3], t.toDoubleArray(), 0.0, "a step changed an earlier snapshot");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void aStateThatDoesNotFitNamesTheKey(String name, Supplier<Optimizer> make, List<String> keys) {
    if (keys.isEmpty()) {
      return; // SGD has no tensors that could fail to fit
    }
    Parameter p = new Parameter("W", Tensors.vector(DType.FLOAT64, 1.0, 2.0, 3.0));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> make.get().restore(List.of(p), new OptimizerState(1, Map.of())));
    assertTrue(missing.getMessage().contains("the state has no '" + keys.get(0) + "'"), missing.getMessage());
    Map<String, Tensor> wrong = new java.util.LinkedHashMap<>();
    keys.forEach(k -> wrong.put(k, Tensors.zeros(DType.FLOAT64, 2)));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> make.get().restore(List.of(p), new OptimizerState(1, wrong)));
    assertTrue(shape.getMessage().contains("'" + keys.get(0) + "' is float64[2] but parameter W is float64[3]"),
        shape.getMessage());
  }
}
