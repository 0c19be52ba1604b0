package io.nabla.spark;

import io.nabla.backend.Parallelism;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores a partition's rows {@value #BATCH} at a time (one matrix product per layer for the
 * batch, not one per row) with a net of any architecture, rebuilt from its {@link NetWeights} in
 * the task, and returns each row with the output columns appended. Features are checked as in
 * training: a wrong length, a NaN or a null ends the job naming the row.
 */
final class ScoringTask implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  static final int BATCH = 1000;

  private final NetWeights weights;
  private final String backendName;
  private final FeatureColumn kind;
  private final int featuresIndex;
  private final String featuresCol;
  private final OutputColumns columns;
  private final double[] thresholds;

  ScoringTask(NetWeights weights, String backendName, FeatureColumn kind, int featuresIndex, String featuresCol,
      OutputColumns columns, double[] thresholds) {
    this.weights = weights;
    this.backendName = backendName;
    this.kind = kind;
    this.featuresIndex = featuresIndex;
    this.featuresCol = featuresCol;
    this.columns = columns;
    this.thresholds = thresholds == null ? null : thresholds.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    int partition = TaskContext.getPartitionId();
    TaskContext task = TaskContext.get();
    int cpus = task == null ? 1 : task.cpus();
    Net net = weights.net(NetSpec.backendNamed(backendName));
    return new Iterator<>() {
      private Iterator<Row> scored = List.<Row>of().iterator();
      private int seen;

      @Override
      public boolean hasNext() {
        if (!scored.hasNext() && rows.hasNext()) {
          scored = Parallelism.callWithThreads(cpus, this::nextBatch);
        }
        return scored.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return scored.next();
      }

      private Iterator<Row> nextBatch() {
        List<Row> batch = new ArrayList<>(BATCH);
        RowBuffer features = new RowBuffer(weights.dtype(), weights.inputSize());
        while (rows.hasNext() && batch.size() < BATCH) {
          Row row = rows.next();
          features.newRow();
          kind.read(row.get(featuresIndex), weights.inputSize(), features,
              "features column '" + featuresCol + "', row " + seen++ + " of partition " + partition);
          batch.add(row);
        }
        Tensor raw = net.scores(weights.samples(features.toTensor(net.parameters().get(0).value().backend())));
        int classes = weights.classes();
        double[] all = raw.toDoubleArray();
        List<Row> out = new ArrayList<>(batch.size());
        double[] scores = new double[classes];
        double[] probability = new double[classes];
        for (int i = 0; i < batch.size(); i++) {
          System.arraycopy(all, i * classes, scores, 0, classes);
          Scores.softmax(scores, probability);
          out.add(withOutputs(batch.get(i), scores, probability, Scores.predict(scores, probability, thresholds)));
        }
        return out.iterator();
      }
    };
  }

  private Row withOutputs(Row row, double[] raw, double[] probability, int prediction) {
    List<Object> values = new ArrayList<>(row.length() + 3);
    for (int i = 0; i < row.length(); i++) {
      values.add(row.get(i));
    }
    if (!columns.raw().isEmpty()) {
      values.add(Scores.vector(raw));
    }
    if (!columns.probability().isEmpty()) {
      values.add(Scores.vector(probability));
    }
    if (!columns.prediction().isEmpty()) {
      values.add((double) prediction);
    }
    return RowFactory.create(values.toArray());
  }
}
