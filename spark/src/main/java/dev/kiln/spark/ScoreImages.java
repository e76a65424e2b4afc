package dev.kiln.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A batch job for {@code spark-submit}: scores every image file under a folder with a generated Kiln
 * model and writes {@code path, prediction, probability[, label]} as Parquet.
 *
 * <pre>
 * spark-submit --class dev.kiln.spark.ScoreImages --jars my-models.jar kiln-spark-0.2.0.jar \
 *     --model com.example.KilnClassifier --pytorch /models/classifier.safetensors \
 *     --images '/data/images/*.png' --output /data/scores [--labels labels.txt] [--batch 64]
 * </pre>
 */
public final class ScoreImages {
  private ScoreImages() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    WeightSource weights = options.containsKey("keras") ? WeightSource.keras(options.get("keras"))
        : WeightSource.pytorch(required(options, "pytorch"));
    KilnScorer scorer = KilnScorer.of(required(options, "model"), weights)
        .batchSize(Integer.parseInt(options.getOrDefault("batch", "64")));
    if (options.containsKey("labels")) {
      scorer.labels(Files.readAllLines(Path.of(options.get("labels"))));
    }
    SparkSession spark = SparkSession.builder().appName("kiln-score-images").getOrCreate();
    try {
      Dataset<Row> files = spark.read().format("binaryFile").load(required(options, "images"));
      Dataset<Row> scored = scorer.transform(files).drop("content", "modificationTime", "length");
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      scored.write().mode(SaveMode.ErrorIfExists).parquet(required(options, "output"));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      long count = spark.read().parquet(options.get("output")).count();
      System.out.printf(Locale.ROOT, "scored %,d images in %.1f s: %,.0f images/s (%s, %d partitions)%n", count,
          seconds, count / seconds, spark.sparkContext().master(), files.rdd().getNumPartitions());
      if (spark.sparkContext().isLocal()) {
        // In local mode the executors are this JVM: its CPU time is the job's, whatever else the machine runs.
        System.out.printf(Locale.ROOT, "this JVM's CPU time: %.1f s, %,.0f images per CPU second%n", cpuSeconds,
            count / cpuSeconds);
      }
    } finally {
      spark.stop();
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value pairs (--model, --pytorch or --keras, --images, "
            + "--output, optional --labels, --batch); received " + List.of(args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }
}
