package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.optimizer.OptimizerState;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The references the distributed runs are compared with, written with core's API alone (none of
 * the spark module's code): a single-machine run, and an in-process average of runs on the
 * partitions' rows.
 */
final class SingleMachine {

  private SingleMachine() {}

  static FeedForwardNet initialNet(int[] layers, DType dtype, long seed, Backend backend) {
    return FeedForwardNet.builder(layers).dtype(dtype).seed(seed).backend(backend).build();
  }

  /** {@code steps} SGD-family steps on batches of core's shuffled-epoch sampler over all rows. */
  static FeedForwardNet train(int[] layers, LabeledData data, OptimizerKind kind, double lr, int batch, int steps,
      long seed, Backend backend) {
    FeedForwardNet net = initialNet(layers, data.images().dtype(), seed, backend);
    Optimizer optimizer = kind.create(lr);
    BatchSampler sampler = BatchSampler.shuffledEpochs(data.size(), batch, seed);
    for (int s = 0; s < steps; s++) {
      step(net, optimizer, data, sampler.nextBatch());
    }
    return net;
  }

  /**
   * {@code steps} steps of {@code net} (any architecture; trained in place and returned) on
   * batches of core's shuffled-epoch sampler over all rows.
   */
  static Net train(Net net, LabeledData data, OptimizerKind kind, double lr, int batch, int steps, long seed) {
    Optimizer optimizer = kind.create(lr);
    BatchSampler sampler = BatchSampler.shuffledEpochs(data.size(), batch, seed);
    for (int s = 0; s < steps; s++) {
      step(net, optimizer, data, sampler.nextBatch());
    }
    return net;
  }

  static void step(Net net, Optimizer optimizer, LabeledData data, int[] rows) {
    Tensor x = data.images().gatherRows(rows);
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = data.labels()[rows[i]];
    }
    net.gradient(x, Targets.labels(labels));
    optimizer.step(net.parameters());
  }

  /**
   * Local SGD simulated in one process: each round, a copy of the net per partition takes
   * {@code k} steps on its own rows from its own sampler (kept from round to round), with an
   * optimizer restored from the averaged state; then parameters and optimizer tensors are averaged
   * weighted by rows, in partition order, in double precision.
   *
   * @param partitions the row count of each partition, in order (contiguous slices of {@code data})
   */
  static FeedForwardNet averagedRuns(int[] layers, LabeledData data, int[] partitions, OptimizerKind kind, double lr,
      int batch, int k, int rounds, long seed, Backend backend) {
    DType dtype = data.images().dtype();
    FeedForwardNet global = initialNet(layers, dtype, seed, backend);
    List<BatchSampler> samplers = new ArrayList<>();
    List<LabeledData> slices = new ArrayList<>();
    int from = 0;
    for (int p = 0; p < partitions.length; p++) {
      slices.add(data.slice(from, from + partitions[p]));
      samplers.add(BatchSampler.shuffledEpochs(partitions[p], batch, PartitionSeeds.of(seed, p)));
      from += partitions[p];
    }
    OptimizerState state = kind.create(lr).state(global.parameters());
    for (int r = 0; r < rounds; r++) {
      Map<String, double[]> sums = new LinkedHashMap<>();
      Map<String, double[]> stateSums = new LinkedHashMap<>();
      long steps = 0;
      for (int p = 0; p < partitions.length; p++) {
        FeedForwardNet copy = FeedForwardNet.fromParameters(copies(global), global.activation());
        Optimizer optimizer = kind.create(lr);
        optimizer.restore(copy.parameters(), state);
        for (int s = 0; s < k; s++) {
          step(copy, optimizer, slices.get(p), samplers.get(p).nextBatch());
        }
        double weight = (double) partitions[p] / data.size();
        for (Parameter param : copy.parameters()) {
          accumulate(sums, param.name(), weight, param.value());
        }
        OptimizerState after = optimizer.state(copy.parameters());
        after.tensors().forEach((key, t) -> accumulate(stateSums, key, weight, t));
        steps = after.steps();
      }
      for (Parameter param : global.parameters()) {
        param.value().assign(tensorOf(sums.get(param.name()), param.value()));
      }
      Map<String, Tensor> stateTensors = new LinkedHashMap<>();
      state.tensors().forEach((key, t) -> stateTensors.put(key, tensorOf(stateSums.get(key), t)));
      state = new OptimizerState(steps, stateTensors);
    }
    return global;
  }

  private static void accumulate(Map<String, double[]> sums, String key, double weight, Tensor t) {
    double[] values = t.toDoubleArray();
    double[] sum = sums.get(key);
    if (sum == null) {
      for (int i = 0; i < values.length; i++) {
        values[i] = weight * values[i];
      }
      sums.put(key, values);
    } else {
      for (int i = 0; i < values.length; i++) {
        sum[i] += weight * values[i];
      }
    }
  }

  private static Tensor tensorOf(double[] values, Tensor like) {
    return Tensors.of(like.backend(), values, like.dtype(), like.shape());
  }

  private static Map<String, Tensor> copies(FeedForwardNet net) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    net.parameters().forEach(p -> out.put(p.name(), p.value().copy()));
    return out;
  }

  /** The largest absolute difference between two nets' parameters. */
  static double maxDifference(Net a, Net b) {
    double max = 0;
    for (Parameter p : a.parameters()) {
      double[] x = p.value().toDoubleArray();
      double[] y = b.parametersByName().get(p.name()).value().toDoubleArray();
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }

  /** Whether two nets' parameters are the same bits. */
  static boolean sameBits(Net a, Net b) {
    for (Parameter p : a.parameters()) {
      Tensor other = b.parametersByName().get(p.name()).value();
      if (p.value().dtype() == DType.FLOAT32) {
        if (!Arrays.equals(p.value().toFloatArray(), other.toFloatArray())) {
          return false;
        }
      } else if (!Arrays.equals(p.value().toDoubleArray(), other.toDoubleArray())) {
        return false;
      }
    }
    return true;
  }
}
