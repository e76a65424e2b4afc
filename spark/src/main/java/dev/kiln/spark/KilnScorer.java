package dev.kiln.spark;

import dev.kiln.runtime.ImagePreprocessing;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.TensorShape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a generated Kiln model over a Spark {@link Dataset}: each row's input column (encoded image
 * files, the image source's struct, or float arrays) becomes one example, and the result is the same
 * rows with the model's answer added as columns.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").load("/data/images/*.png");
 * Dataset<Row> scored = KilnScorer.of(KilnTutorialCnn.class, WeightSource.pytorch("/models/cnn.safetensors"))
 *     .input("content").labels(KilnTutorialCnn.Output.LABELS).transform(images);
 * }</pre>
 *
 * <p>Each executor JVM builds the network once (weights read once, from the path or the broadcast)
 * and shares it between its tasks; a task reads its partition in batches of {@link #batchSize}
 * examples and runs each batch with one call on its own thread.
 */
public final class KilnScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns a scorer can add. */
  public enum Column {
    /** {@code prediction int}: the index of the largest output (a vector output only). */
    PREDICTION("prediction"),
    /** {@code probability float}: that largest output (a probability when the model ends in softmax). */
    PROBABILITY("probability"),
    /** {@code label string}: the prediction's label (with {@link #labels}). */
    LABEL("label"),
    /** {@code output array<float>}: the whole output, row-major. */
    OUTPUT("output");

    final String columnName;

    Column(String columnName) {
      this.columnName = columnName;
    }
  }

  private final String modelClass;
  private final WeightSource weights;
  private String input = "content";
  private ImagePreprocessing preprocessing = ImagePreprocessing.unit();
  private List<String> labels;
  private int batchSize = 64;
  private Set<Column> columns;

  private KilnScorer(String modelClass, WeightSource weights) {
    this.modelClass = modelClass;
    this.weights = weights;
  }

  /** Scores the model Kiln generated as {@code generatedClass} (e.g. {@code KilnTutorialCnn.class}). */
  public static KilnScorer of(Class<?> generatedClass, WeightSource weights) {
    return of(generatedClass.getName(), weights);
  }

  /** By the generated class's binary name, which must be on the executors' class path. */
  public static KilnScorer of(String generatedClass, WeightSource weights) {
    return new KilnScorer(Objects.requireNonNull(generatedClass, "generatedClass"),
        Objects.requireNonNull(weights, "weights"));
  }

  /** The column holding each row's example; {@code content} (the binaryFile source's) by default. */
  public KilnScorer input(String column) {
    this.input = Objects.requireNonNull(column, "column");
    return this;
  }

  /** How images become inputs; bilinear resizing and [0, 1] values ({@link ImagePreprocessing#unit()}) by default. */
  public KilnScorer preprocessing(ImagePreprocessing preprocessing) {
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    return this;
  }

  /** One label per output unit, e.g. the generated {@code Output.LABELS}: adds the {@code label} column. */
  public KilnScorer labels(List<String> labels) {
    this.labels = List.copyOf(labels);
    return this;
  }

  /** Examples per call to the network within a partition; 64 by default. */
  public KilnScorer batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1; received " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * The columns to add (in the order of {@link Column}). By default a vector output adds {@code prediction},
   * {@code probability} (and {@code label} with labels); any other output adds {@code output}.
   */
  public KilnScorer columns(Column first, Column... rest) {
    this.columns = EnumSet.of(first, rest);
    return this;
  }

  /**
   * The rows of {@code data} with the model's columns added. Checks on the driver that the model
   * exists and fits the input column, the labels and the columns; each row's data is checked when it
   * is scored.
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public Dataset<Row> transform(Dataset<Row> data) {
    CheckedModel model = ExecutorModels.checkedModel(modelClass);
    if (model.spec().inputs().size() != 1 || model.outputNames().size() != 1) {
      throw new IllegalArgumentException(modelClass + " has " + model.spec().inputs().size() + " inputs and "
          + model.outputNames().size() + " outputs; a scorer runs models with one of each");
    }
    TensorShape output = model.outputShape();
    Set<Column> chosen = columns != null ? columns
        : output.rank() == 1 ? EnumSet.of(Column.PREDICTION, Column.PROBABILITY) : EnumSet.of(Column.OUTPUT);
    if (columns == null && labels != null && output.rank() == 1) {
      chosen.add(Column.LABEL);
    }
    if (output.rank() != 1 && (chosen.contains(Column.PREDICTION) || chosen.contains(Column.PROBABILITY)
        || chosen.contains(Column.LABEL))) {
      throw new IllegalArgumentException("prediction, probability and label need a vector output; " + modelClass
          + "'s is " + output + ": use Column.OUTPUT");
    }
    if (chosen.contains(Column.LABEL) && (labels == null || labels.size() != output.size())) {
      throw new IllegalArgumentException("the label column needs one label per output unit, " + output.size()
          + "; received " + (labels == null ? "none" : labels.size()));
    }
    StructType schema = data.schema();
    InputColumn column = InputColumn.of(schema, input);
    List<StructField> fields = new ArrayList<>(List.of(schema.fields()));
    for (Column c : chosen) {
      if (List.of(schema.fieldNames()).contains(c.columnName)) {
        throw new IllegalArgumentException("the input already has a column `" + c.columnName + "`; rename it first");
      }
      fields.add(switch (c) {
        case PREDICTION -> DataTypes.createStructField(c.columnName, DataTypes.IntegerType, false);
        case PROBABILITY -> DataTypes.createStructField(c.columnName, DataTypes.FloatType, false);
        case LABEL -> DataTypes.createStructField(c.columnName, DataTypes.StringType, false);
        case OUTPUT -> DataTypes.createStructField(c.columnName,
            DataTypes.createArrayType(DataTypes.FloatType, false), false);
      });
    }
    StructType scored = DataTypes.createStructType(fields);
    PartitionScorer scorer = new PartitionScorer(modelClass, weights, column, preprocessing, labels, batchSize,
        List.copyOf(chosen));
    return data.mapPartitions(scorer, Encoders.row(scored));
  }
}
