package dev.kiln.spark;

import dev.kiln.runtime.ImagePreprocessing;
import dev.kiln.shape.TensorShape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The function each task runs over its partition: rows are read lazily in batches, each batch is one
 * call to the executor's shared network, and each row comes out with the model's columns appended.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final String modelClass;
  private final WeightSource weights;
  private final InputColumn input;
  private final ImagePreprocessing preprocessing;
  private final List<String> labels;
  private final int batchSize;
  private final List<KilnScorer.Column> columns;

  PartitionScorer(String modelClass, WeightSource weights, InputColumn input, ImagePreprocessing preprocessing,
      List<String> labels, int batchSize, List<KilnScorer.Column> columns) {
    this.modelClass = modelClass;
    this.weights = weights;
    this.input = input;
    this.preprocessing = preprocessing;
    this.labels = labels;
    this.batchSize = batchSize;
    this.columns = columns;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ExecutorModels.Loaded loaded = ExecutorModels.get(modelClass, weights);
    TensorShape inputShape = loaded.network().inputShape();
    TensorShape outputShape = loaded.network().outputShape();
    int[] dims = new int[inputShape.rank()];
    for (int axis = 0; axis < dims.length; axis++) {
      dims[axis] = inputShape.dim(axis);
    }
    int inputSize = inputShape.size();
    int outputSize = outputShape.size();
    return new Iterator<>() {
      private final List<Row> pending = new ArrayList<>(batchSize);
      /** The batch's results: (batch, output) row-major. */
      private float[] outputs = new float[0];
      private int next;
      /** Rows of this partition read so far, for error messages. */
      private long read;

      @Override
      public boolean hasNext() {
        if (next < pending.size()) {
          return true;
        }
        pending.clear();
        next = 0;
        while (pending.size() < batchSize && rows.hasNext()) {
          pending.add(rows.next());
        }
        if (pending.isEmpty()) {
          return false;
        }
        int batch = pending.size();
        float[] inputs = new float[batch * inputSize]; // (batch, input) row-major
        for (int i = 0; i < batch; i++) {
          try {
            input.read(pending.get(i), preprocessing, dims, inputs, i * inputSize);
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("row " + (read + i) + " of this partition" + where(pending.get(i))
                + ": " + e.getMessage(), e);
          }
        }
        read += batch;
        outputs = outputs.length == batch * outputSize ? outputs : new float[batch * outputSize];
        loaded.network().predict(inputs, outputs, batch);
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = pending.get(next);
        int offset = next * outputSize;
        next++;
        Object[] values = new Object[row.length() + columns.size()];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        int best = largest(outputs, offset, outputSize);
        int c = row.length();
        for (KilnScorer.Column column : columns) {
          values[c++] = switch (column) {
            case PREDICTION -> best;
            case PROBABILITY -> outputs[offset + best];
            case LABEL -> labels.get(best);
            case OUTPUT -> boxed(outputs, offset, outputSize);
          };
        }
        return RowFactory.create(values);
      }
    };
  }

  /** The row's {@code path} (binaryFile) or image origin, if it has one, to name a bad row. */
  private static String where(Row row) {
    try {
      int path = row.fieldIndex("path");
      return " (" + row.get(path) + ")";
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return "";
    }
  }

  /** The first index of the largest value of {@code values[offset, offset + size)}. */
  private static int largest(float[] values, int offset, int size) {
    int best = 0;
    for (int i = 1; i < size; i++) {
      if (values[offset + i] > values[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  private static Float[] boxed(float[] values, int offset, int size) {
    Float[] out = new Float[size];
    for (int i = 0; i < size; i++) {
      out[i] = values[offset + i];
    }
    return out;
  }
}
