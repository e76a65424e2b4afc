package dev.kiln.spark;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.weights.WeightFileException;
import dev.kiln.weights.WeightFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.spark.broadcast.Broadcast;

/**
 * Where each executor reads a model's weights, once per executor JVM: a file every executor can see
 * (a shared or distributed file system mounted as a path, or a file shipped with
 * {@code spark-submit --files}), or the file's bytes broadcast from the driver.
 */
public final class WeightSource implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The weight file's layout. */
  public enum Format { KERAS, PYTORCH }

  private final Format format;
  /** The file's path on the executors, or null when broadcast. */
  private final String path;
  /** The file's bytes, or null when read from a path. */
  private final Broadcast<byte[]> bytes;

  private WeightSource(Format format, String path, Broadcast<byte[]> bytes) {
    this.format = Objects.requireNonNull(format, "format");
    this.path = path;
    this.bytes = bytes;
  }

  /** A Keras weight file ({@code .weights.h5}, {@code .keras}, {@code .h5}, Keras-named safetensors) at this path on every executor. */
  public static WeightSource keras(String path) {
    return new WeightSource(Format.KERAS, Objects.requireNonNull(path, "path"), null);
  }

  /** A PyTorch {@code state_dict} saved as safetensors at this path on every executor. */
  public static WeightSource pytorch(String path) {
    return new WeightSource(Format.PYTORCH, Objects.requireNonNull(path, "path"), null);
  }

  /**
   * The bytes of a weight file, broadcast from the driver ({@code spark.sparkContext().broadcast(bytes,
   * ClassTag)}), for executors that cannot see the driver's files.
   */
  public static WeightSource broadcast(Format format, Broadcast<byte[]> bytes) {
    return new WeightSource(format, null, Objects.requireNonNull(bytes, "bytes"));
  }

  /** Identifies the weights in the executor's cache: the same key is read once per JVM. */
  String key() {
    return format + ":" + (path != null ? "path:" + path : "broadcast:" + bytes.id());
  }

  /** Reads the weights; broadcast bytes go through a temporary file, which the readers need. */
  Weights read(CheckedModel model) {
    try {
      if (path != null) {
        return read(Path.of(path), model);
      }
      Path file = Files.createTempFile("kiln-weights-", ".bin");
      try {
        Files.write(file, bytes.value());
        return read(file, model);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (WeightFileException e) {
      throw new IllegalArgumentException("weights for model `" + model.spec().name() + "` from " + this + ": "
          + e.getMessage(), e);
    }
  }

  private Weights read(Path file, CheckedModel model) throws WeightFileException {
    return format == Format.KERAS ? WeightFiles.readKeras(file, model) : WeightFiles.readPyTorch(file, model);
  }

  @Override
  public String toString() {
    return format + (path != null ? " file " + path : " broadcast " + bytes.id());
  }
}
