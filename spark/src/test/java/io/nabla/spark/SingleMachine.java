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
 * The references the distributed runs are compared with, written with core's API (of the spark
 * module's code, only {@link PartitionSeeds}' rule for a partition's sampler seed): a
 * single-machine run, an in-process average of runs on the partitions' rows, and synchronous
 * steps over the partitions' rows of each batch.
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
    net.gradient(data.images().gatherRows(rows), Targets.labels(labelsOf(data, rows)));
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
  static Net averagedRuns(int[] layers, LabeledData data, int[] partitions, OptimizerKind kind, double lr,
      int batch, int k, int rounds, long seed, Backend backend) {
    return averagedRuns(initialNet(layers, data.images().dtype(), seed, backend), data, partitions, kind, lr, batch, k,
        rounds, seed);
  }

  /**
   * {@link #averagedRuns(int[], LabeledData, int[], OptimizerKind, double, int, int, int, long,
   * Backend)} from {@code global} (any architecture; trained in place and returned), its buffers
   * (batch normalization's running statistics) averaged with its parameters.
   */
  static Net averagedRuns(Net global, LabeledData data, int[] partitions, OptimizerKind kind, double lr, int batch,
      int k, int rounds, long seed) {
    List<BatchSampler> samplers = new ArrayList<>();
    List<LabeledData> slices = slices(data, partitions);
    for (int p = 0; p < partitions.length; p++) {
      samplers.add(BatchSampler.shuffledEpochs(partitions[p], batch, PartitionSeeds.of(seed, p)));
    }
    OptimizerState state = kind.create(lr).state(global.parameters());
    for (int r = 0; r < rounds; r++) {
      Map<String, double[]> sums = new LinkedHashMap<>();
      Map<String, double[]> stateSums = new LinkedHashMap<>();
      long steps = 0;
      for (int p = 0; p < partitions.length; p++) {
        Net copy = copyOf(global);
        Optimizer optimizer = kind.create(lr);
        optimizer.restore(copy.parameters(), state);
        for (int s = 0; s < k; s++) {
          step(copy, optimizer, slices.get(p), samplers.get(p).nextBatch());
        }
        double weight = (double) partitions[p] / data.size();
        copy.state().forEach((name, t) -> accumulate(sums, name, weight, t));
        OptimizerState after = optimizer.state(copy.parameters());
        after.tensors().forEach((key, t) -> accumulate(stateSums, key, weight, t));
        steps = after.steps();
      }
      global.state().forEach((name, t) -> t.assign(tensorOf(sums.get(name), t)));
      Map<String, Tensor> stateTensors = new LinkedHashMap<>();
      state.tensors().forEach((key, t) -> stateTensors.put(key, tensorOf(stateSums.get(key), t)));
      state = new OptimizerState(steps, stateTensors);
    }
    return global;
  }

  /**
   * Synchronous steps simulated in one process: each step's batch comes from one sampler over
   * all rows; each partition's rows of it (in the batch's order) give a gradient and moved
   * running statistics on a copy of the net; both are averaged weighted by the partition's share
   * of the batch, in partition order, in double precision; then the optimizer steps.
   *
   * @param net trained in place and returned
   * @param partitions the row count of each partition, in order (contiguous slices of {@code data})
   */
  static Net syncSteps(Net net, LabeledData data, int[] partitions, OptimizerKind kind, double lr, int batch,
      int steps, long seed) {
    List<LabeledData> slices = slices(data, partitions);
    Optimizer optimizer = kind.create(lr);
    BatchSampler sampler = BatchSampler.shuffledEpochs(data.size(), batch, seed);
    for (int s = 0; s < steps; s++) {
      int[] rows = sampler.nextBatch();
      Map<String, double[]> sums = new LinkedHashMap<>();
      int first = 0;
      for (int p = 0; p < partitions.length; p++) {
        final int from = first;
        final int to = first + partitions[p];
        int[] mine = Arrays.stream(rows).filter(r -> r >= from && r < to).map(r -> r - from).toArray();
        first = to;
        if (mine.length == 0) {
          continue;
        }
        Net copy = copyOf(net);
        LabeledData slice = slices.get(p);
        copy.lossAndGradient(slice.images().gatherRows(mine), Targets.labels(labelsOf(slice, mine)));
        double weight = (double) mine.length / rows.length;
        for (Parameter param : copy.parameters()) {
          accumulate(sums, param.name(), weight, param.grad());
        }
        copy.buffers().forEach((name, buffer) -> accumulate(sums, name, weight, buffer));
      }
      for (Parameter param : net.parameters()) {
        param.setGrad(tensorOf(sums.get(param.name()), param.value()));
      }
      net.buffers().forEach((name, buffer) -> buffer.assign(tensorOf(sums.get(name), buffer)));
      optimizer.step(net.parameters());
    }
    return net;
  }

  /** A net of the same architecture over copies of {@code net}'s parameters and buffers. */
  private static Net copyOf(Net net) {
    Map<String, Tensor> copies = new LinkedHashMap<>();
    net.state().forEach((name, t) -> copies.put(name, t.copy()));
    return Net.fromParameters(net.architecture(), net.inputShape(), copies);
  }

  /** Contiguous slices of {@code data}, {@code partitions[p]} rows each. */
  private static List<LabeledData> slices(LabeledData data, int[] partitions) {
    List<LabeledData> slices = new ArrayList<>();
    int from = 0;
    for (int rows : partitions) {
      slices.add(data.slice(from, from + rows));
      from += rows;
    }
    return slices;
  }

  private static int[] labelsOf(LabeledData data, int[] rows) {
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = data.labels()[rows[i]];
    }
    return labels;
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

  /** The largest absolute difference between two nets' parameters and buffers. */
  static double maxDifference(Net a, Net b) {
    double max = 0;
    Map<String, Tensor> other = b.state();
    for (Map.Entry<String, Tensor> e : a.state().entrySet()) {
      double[] x = e.getValue().toDoubleArray();
      double[] y = other.get(e.getKey()).toDoubleArray();
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }

  /** Whether two nets' parameters and buffers have the same names and the same bits. */
  static boolean sameBits(Net a, Net b) {
    Map<String, Tensor> other = b.state();
    Map<String, Tensor> mine = a.state();
    if (!mine.keySet().equals(other.keySet())) {
      return false;
    }
    for (Map.Entry<String, Tensor> e : mine.entrySet()) {
      Tensor x = e.getValue();
      Tensor y = other.get(e.getKey());
      boolean same = x.dtype() == DType.FLOAT32
          ? y.dtype() == DType.FLOAT32 && Arrays.equals(x.toFloatArray(), y.toFloatArray())
          : y.dtype() == DType.FLOAT64 && Arrays.equals(x.toDoubleArray(), y.toDoubleArray());
      if (!same) {
        return false;
      }
    }
    return true;
  }
}
