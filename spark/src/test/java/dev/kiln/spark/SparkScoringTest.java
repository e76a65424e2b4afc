package dev.kiln.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.examples.FashionFiles;
import dev.kiln.examples.KilnTutorialCnn;
import dev.kiln.runtime.ImagePreprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Fashion-MNIST sample written as PNG files and scored by Spark in local mode, two
 * threads, against the plain-Java run of the same model and weights, image for image. One
 * SparkSession serves every test of the module (starting one takes seconds).
 */
class SparkScoringTest {
  private static final int IMAGES = 1000;

  @TempDir static Path folder;
  private static SparkSession spark;
  private static FashionFiles sample;
  /** The plain-Java run: (IMAGES, 10) probabilities, row-major. */
  private static float[] expected;

  @BeforeAll
  static void start() throws Exception {
    sample = new FashionFiles();
    Files.createDirectories(folder.resolve("png"));
    sample.writePngs(folder.resolve("png"), IMAGES);
    expected = KilnTutorialCnn.fromPyTorch(FashionFiles.classifierWeights())
        .predict(java.util.Arrays.copyOf(sample.scaled(), IMAGES * FashionFiles.PIXELS), IMAGES);
    spark = SparkSession.builder().master("local[2]").appName("kiln-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static KilnScorer scorer(WeightSource weights) {
    return KilnScorer.of(KilnTutorialCnn.class, weights).labels(KilnTutorialCnn.Output.LABELS).batchSize(50);
  }

  @Test
  void binaryFilesScoreAsThePlainJavaRun() {
    int loadsBefore = ExecutorModels.loads();
    Dataset<Row> files = spark.read().format("binaryFile").load(folder.resolve("png").toString())
        .repartition(4);
    List<Row> rows = scorer(WeightSource.pytorch(FashionFiles.classifierWeights().toString()))
        .transform(files).select("path", "prediction", "probability", "label").collectAsList();
    assertEquals(IMAGES, rows.size());
    for (Row row : rows) {
      int image = imageIndex(row.getString(0));
      int best = largest(image);
      assertEquals(best, row.getInt(1), "image " + image);
      assertEquals(expected[image * 10 + best], row.getFloat(2), 0f, "image " + image);
      assertEquals(KilnTutorialCnn.Output.LABELS.get(best), row.getString(3), "image " + image);
    }
    // Four partitions, two task threads, one executor JVM: the weights were read once.
    assertEquals(1, ExecutorModels.loads() - loadsBefore);
  }

  @Test
  void theImageSourceGivesTheWholeOutputVector() {
    Dataset<Row> images = spark.read().format("image").load(folder.resolve("png").toString());
    List<Row> rows = scorer(WeightSource.pytorch(FashionFiles.classifierWeights().toString()))
        .input("image").columns(KilnScorer.Column.OUTPUT).transform(images)
        .select("image.origin", "output").collectAsList();
    assertEquals(IMAGES, rows.size());
    for (Row row : rows) {
      int image = imageIndex(row.getString(0));
      List<Float> output = row.getList(1);
      for (int k = 0; k < 10; k++) {
        assertEquals(expected[image * 10 + k], output.get(k), 0f, "image " + image + " class " + k);
      }
    }
  }

  @Test
  void floatArraysWithBroadcastWeights() throws Exception {
    float[] scaled = sample.scaled();
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Float[] pixels = new Float[FashionFiles.PIXELS];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = scaled[i * FashionFiles.PIXELS + p];
      }
      data.add(RowFactory.create(i, pixels));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(Files.readAllBytes(FashionFiles.classifierWeights()));
    List<Row> rows = scorer(WeightSource.broadcast(WeightSource.Format.PYTORCH, bytes)).input("pixels")
        .transform(spark.createDataFrame(data, schema).repartition(3)).select("id", "prediction", "probability")
        .collectAsList();
    assertEquals(200, rows.size());
    for (Row row : rows) {
      int image = row.getInt(0);
      assertEquals(largest(image), row.getInt(1), "image " + image);
      assertEquals(expected[image * 10 + largest(image)], row.getFloat(2), 0f, "image " + image);
    }
  }

  @Test
  void aFileThatIsNotAnImageNamesItself() throws Exception {
    Path mixed = folder.resolve("mixed");
    Files.createDirectories(mixed);
    Files.copy(folder.resolve("png/image-0000.png"), mixed.resolve("good.png"));
    Files.writeString(mixed.resolve("notes.png"), "not an image");
    Dataset<Row> files = spark.read().format("binaryFile").load(mixed.toString());
    SparkException thrown = assertThrows(SparkException.class,
        () -> scorer(WeightSource.pytorch(FashionFiles.classifierWeights().toString())).transform(files).collect());
    String message = String.valueOf(rootCause(thrown).getMessage());
    assertTrue(message.contains("notes.png): column `content` holds 12 bytes that no installed ImageIO reader "
        + "decodes"), message);
  }

  @Test
  void theDriverRejectsAColumnTheModelCannotRead() {
    Dataset<Row> files = spark.read().format("binaryFile").load(folder.resolve("png").toString());
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> scorer(WeightSource.pytorch("unused")).input("length").transform(files));
    assertEquals("column `length` is bigint; a model reads binary (encoded image files, as the binaryFile "
        + "source's `content`), the image source's struct, or an array of floats", thrown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KilnScorer.of(KilnTutorialCnn.class,
        WeightSource.pytorch("unused")).preprocessing(ImagePreprocessing.unit()).labels(List.of("one"))
        .transform(files));
  }

  private static int largest(int image) {
    int best = 0;
    for (int k = 1; k < 10; k++) {
      if (expected[image * 10 + k] > expected[image * 10 + best]) {
        best = k;
      }
    }
    return best;
  }

  private static int imageIndex(String path) {
    int at = path.lastIndexOf("image-");
    return Integer.parseInt(path.substring(at + 6, at + 10));
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof IllegalArgumentException) {
        return cause;
      }
      cause = cause.getCause();
    }
    return cause;
  }
}
