package dev.kiln.weights;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Problems;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the weight files that Keras and PyTorch training produce into {@link Weights} for a checked
 * model, each tensor checked against the model's compile-time shapes. Layers are found by their Kiln
 * field names, which are the Keras layer names when the Keras model names its layers the same way.
 *
 * <pre>{@code
 * Weights keras = WeightFiles.readKeras(Path.of("denoiser.weights.h5"), KilnDenoiser.MODEL);
 * Weights torch = WeightFiles.readPyTorch(Path.of("denoiser.safetensors"), KilnDenoiser.MODEL);
 * }</pre>
 *
 * Any problem, from an unreadable or hostile file to a tensor of the wrong shape, is a
 * {@link WeightFileException} listing every problem found.
 */
public final class WeightFiles {
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  private WeightFiles() {}

  /**
   * Weights in Keras layout, the format found from the file's content: safetensors named
   * {@code <layer>/<weight>} ({@code conv1/kernel}); tf-keras {@code .h5} from {@code save_weights} or
   * a full-model {@code save} ({@code /model_weights}); Keras 3 {@code .weights.h5}; a Keras 3
   * {@code .keras} archive.
   *
   * @throws IllegalArgumentException if the model has errors
   */
  public static Weights readKeras(Path file, CheckedModel model) throws WeightFileException {
    requireValid(model);
    String name = file.toString();
    Format format = detect(file, name);
    return switch (format) {
      case HDF5 -> fromHdf5(openHdf5(file, name), model, name);
      case ZIP -> fromHdf5(hdf5(KerasArchive.weights(file, name), name + "!/" + KerasArchive.WEIGHTS), model,
          name + "!/" + KerasArchive.WEIGHTS);
      case SAFETENSORS -> {
        try (ByteSource source = open(file, name)) {
          yield KerasMatch.byName(model, Safetensors.read(source, name), name);
        } catch (IOException e) {
          throw new WeightFileException(name, "cannot read: " + e.getMessage(), e);
        }
      }
    };
  }

  /**
   * A PyTorch {@code state_dict} saved as safetensors, its modules matched to the model's layers in
   * declaration order (see {@link #readPyTorch(Path, CheckedModel, Map)} to name them instead) and
   * converted to Keras layout (docs/SEMANTICS.md §6.5), including the row order of a Dense kernel after
   * Flatten (PyTorch flattens channels, height, width; Keras height, width, channels).
   */
  public static Weights readPyTorch(Path file, CheckedModel model) throws WeightFileException {
    return readPyTorch(file, model, null);
  }

  /**
   * As {@link #readPyTorch(Path, CheckedModel)}, each layer with weights reading the module that
   * {@code layerToModulePrefix} names for it ({@code "conv1" -> "features.0"}); a SeparableConv2D maps
   * to {@code "depthwise,pointwise"} modules or to a prefix {@code P} with modules {@code P.depthwise}
   * and {@code P.pointwise}. A null map means declaration order.
   */
  public static Weights readPyTorch(Path file, CheckedModel model, Map<String, String> layerToModulePrefix)
      throws WeightFileException {
    requireValid(model);
    String name = file.toString();
    Format format = detect(file, name);
    if (format != Format.SAFETENSORS) {
      throw new WeightFileException(name, format == Format.ZIP
          ? "a zip archive: PyTorch's pickle-based .pt/.pth files are not read (unpickling can run code); save the "
              + "state_dict with safetensors.torch.save_file(model.state_dict(), path)"
          : "an HDF5 file, which is a Keras format: use WeightFiles.readKeras");
    }
    try (ByteSource source = open(file, name)) {
      return TorchMatch.match(model, Safetensors.read(source, name), layerToModulePrefix, name);
    } catch (IOException e) {
      throw new WeightFileException(name, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Keras-layout weights from the bytes of a safetensors or HDF5 file (fuzz tests, archive members). */
  static Weights readKeras(byte[] bytes, CheckedModel model, String name) throws WeightFileException {
    if (startsWith(bytes, HDF5)) {
      return fromHdf5(hdf5(bytes, name), model, name);
    }
    return KerasMatch.byName(model, Safetensors.read(ByteSource.of(bytes), name), name);
  }

  enum Format { HDF5, ZIP, SAFETENSORS }

  private static Format detect(Path file, String name) throws WeightFileException {
    try (ByteSource source = open(file, name)) {
      byte[] head = new byte[(int) Math.min(8, source.size())];
      source.read(0, head);
      if (startsWith(head, HDF5)) {
        return Format.HDF5;
      }
      if (startsWith(head, ZIP)) {
        return Format.ZIP;
      }
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".keras")) {
        throw new WeightFileException(name, "named like a Keras " + (lower.endsWith(".keras") ? "archive" : "HDF5 file")
            + " but does not start with the " + (lower.endsWith(".keras") ? "zip" : "HDF5") + " signature (first bytes "
            + Arrays.toString(head) + "): truncated or corrupted");
      }
      return Format.SAFETENSORS;
    } catch (IOException e) {
      throw new WeightFileException(name, "cannot read: " + e.getMessage(), e);
    }
  }

  private static ByteSource open(Path file, String name) throws WeightFileException {
    try {
      return ByteSource.open(file);
    } catch (NoSuchFileException e) {
      throw new WeightFileException(name, "no such file", e);
    } catch (IOException e) {
      throw new WeightFileException(name, "cannot open: " + e.getMessage(), e);
    }
  }

  private record Opened(HdfFile hdf, long size) {}

  /** Files up to 2 GB are memory-mapped, so jhdf reads slices of the file and never allocates a length it read. */
  private static Opened openHdf5(Path file, String name) throws WeightFileException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= Integer.MAX_VALUE) {
        ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        return Hdf5.guard(name, () -> new Opened(HdfFile.fromByteBuffer(mapped), size));
      }
      return Hdf5.guard(name, () -> new Opened(new HdfFile(file), size));
    } catch (IOException e) {
      throw new WeightFileException(name, "cannot read: " + e.getMessage(), e);
    }
  }

  private static Opened hdf5(byte[] bytes, String name) throws WeightFileException {
    return Hdf5.guard(name, () -> new Opened(HdfFile.fromBytes(bytes), bytes.length));
  }

  private static Weights fromHdf5(Opened opened, CheckedModel model, String name) throws WeightFileException {
    try (HdfFile hdf = opened.hdf()) {
      return Hdf5.guard(name, () -> {
        checkLength(hdf, opened.size(), name);
        Hdf5 h5 = new Hdf5(hdf, name, opened.size());
        return KerasH5.isKeras2(h5) ? KerasH5.keras2(h5, model, name) : KerasH5.keras3(h5, model, name);
      });
    }
  }

  /** As libhdf5 does: a file shorter than the end-of-file address in its superblock is truncated. */
  private static void checkLength(HdfFile hdf, long size, String name) throws WeightFileException {
    io.jhdf.Superblock superblock = hdf.getHdfBackingStorage().getSuperblock();
    long base = superblock.getBaseAddressByte();
    long end = superblock.getEndOfFileAddress();
    if (base < 0 || end < 0 || end > size - base) {
      throw new WeightFileException(name, "truncated HDF5 file: its superblock says it ends at byte "
          + Long.toUnsignedString(end) + (base == 0 ? "" : " after a " + base + "-byte user block") + ", but the file has "
          + size + " bytes");
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static void requireValid(CheckedModel model) {
    if (model.hasErrors()) {
      throw new IllegalArgumentException(Problems.describe(model.spec().name(), model.problems()));
    }
  }
}
