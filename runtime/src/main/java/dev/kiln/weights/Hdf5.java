package dev.kiln.weights;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Careful access to an HDF5 file through jhdf: links are never followed (an external link could
 * make the reader open any file), and a dataset's or attribute's shape and type are checked before
 * its data is read, so a hostile file cannot make the reader allocate what the model does not need.
 * Each method throws {@link WeightFileException}; jhdf's own exceptions are turned into one by
 * {@link #guard}.
 */
final class Hdf5 {
  /** Attribute values (layer and weight name lists) larger than this are refused. */
  static final long MAX_ATTRIBUTE_ELEMENTS = 1 << 20;

  private final HdfFile hdf;
  private final String file;
  private final long fileSize;

  Hdf5(HdfFile hdf, String file, long fileSize) {
    this.hdf = hdf;
    this.file = file;
    this.fileSize = fileSize;
  }

  HdfFile root() {
    return hdf;
  }

  interface Action<T> {
    T run() throws WeightFileException;
  }

  /** Runs {@code action}, reporting anything jhdf throws on a malformed file as a {@link WeightFileException}. */
  static <T> T guard(String file, Action<T> action) throws WeightFileException {
    try {
      return action.run();
    } catch (RuntimeException | StackOverflowError e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new WeightFileException(file, "malformed HDF5 file: " + detail, e);
    }
  }

  /** The child {@code name} of {@code group}, or null; a link is refused. */
  Node child(Group group, String name) throws WeightFileException {
    Node node = group.getChildren().get(name);
    if (node instanceof Link link) {
      String where = (group.getPath().endsWith("/") ? group.getPath() : group.getPath() + "/") + name;
      if (link instanceof ExternalLink) {
        throw new WeightFileException(file, "`" + where + "` is an HDF5 external link to `" + link.getTargetPath()
            + "`; external links are refused (they would make the reader open another file)");
      }
      throw new WeightFileException(file, "`" + where + "` is an HDF5 soft link to `" + link.getTargetPath()
          + "`; Keras never writes links, so they are not followed");
    }
    return node;
  }

  /** The node at {@code path} ({@code a/b/c}, relative to {@code group}), or null; links are refused on the way. */
  Node resolve(Group group, String path) throws WeightFileException {
    Node node = group;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!(node instanceof Group g)) {
        return null;
      }
      node = child(g, part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** The group at {@code path}, or null if there is none; anything else there is a problem. */
  Group group(Group parent, String path) throws WeightFileException {
    Node node = resolve(parent, path);
    if (node == null) {
      return null;
    }
    if (!(node instanceof Group g)) {
      throw new WeightFileException(file, "`" + node.getPath() + "` should be a group, found a " + node.getType());
    }
    return g;
  }

  /**
   * A string-list attribute as Keras writes them (h5py fixed-length byte strings), including
   * tf-keras's chunked form {@code name0, name1, ...} for long lists; null if absent.
   */
  List<String> strings(Node node, String name) throws WeightFileException {
    Attribute whole = node.getAttributes().get(name);
    if (whole != null) {
      return strings(whole, node.getPath());
    }
    if (node.getAttributes().get(name + "0") == null) {
      return null;
    }
    List<String> all = new ArrayList<>();
    for (int chunk = 0; ; chunk++) {
      Attribute part = node.getAttributes().get(name + chunk);
      if (part == null) {
        return all;
      }
      all.addAll(strings(part, node.getPath()));
      if (all.size() > MAX_ATTRIBUTE_ELEMENTS) {
        throw new WeightFileException(file, "attribute `" + name + "` of `" + node.getPath() + "` is too long");
      }
    }
  }

  private List<String> strings(Attribute attribute, String where) throws WeightFileException {
    String what = "attribute `" + attribute.getName() + "` of `" + where + "`";
    long[] dims = attribute.getDimensionsAsLong();
    long count = attribute.isScalar() ? 1 : Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    if (dims.length > 1 || count < 0 || count > MAX_ATTRIBUTE_ELEMENTS) {
      throw new WeightFileException(file, what + " should be a list of names, found shape " + FileTensor.text(dims));
    }
    if (count == 0 || attribute.isEmpty()) {
      return List.of();  // h5py writes an empty name list as an empty float64 array
    }
    DataType type = attribute.getDataType();
    boolean text = type instanceof StringData
        || (type instanceof VariableLength v && v.isVariableLengthString());
    if (!text) {
      throw new WeightFileException(file, what + " should hold strings, found " + typeName(type));
    }
    if (count * (long) type.getSize() > fileSize) {
      throw new WeightFileException(file, what + " claims more bytes than the file holds");
    }
    Object data = attribute.getData();
    if (data instanceof String s) {
      return List.of(s);
    }
    if (data instanceof String[] array) {
      return Arrays.asList(array);
    }
    throw new WeightFileException(file, what + " should hold strings");
  }

  /** A dataset as a file tensor, its shape and type checked and its data not yet read. */
  FileTensor tensor(Dataset dataset) throws WeightFileException {
    String path = dataset.getPath();
    long[] shape = dataset.isScalar() ? new long[0] : dataset.getDimensionsAsLong();
    for (long d : shape) {
      if (d < 0) {
        throw new WeightFileException(file, "`" + path + "` has a negative dimension " + FileTensor.text(shape));
      }
    }
    DataType type = dataset.getDataType();
    boolean isFloat = type instanceof FloatingPoint && (type.getSize() == 2 || type.getSize() == 4
        || type.getSize() == 8);
    return new FileTensor(path, shape, typeName(type), isFloat, count -> values(dataset, count));
  }

  /** Reads a dataset already known to hold {@code count} floating-point (or, for a counter, integer) values. */
  private float[] values(Dataset dataset, int count) throws WeightFileException {
    return guard(file, () -> {
      String path = dataset.getPath();
      if (!dataset.getFilters().isEmpty()) {
        throw new WeightFileException(file, "`" + path + "` is compressed or filtered; Keras writes plain datasets "
            + "and compressed ones are refused (a filter can expand without bound)");
      }
      long bytes = (long) count * dataset.getDataType().getSize();
      if (dataset instanceof ChunkedDataset chunked) {
        long chunk = dataset.getDataType().getSize();
        for (int d : chunked.getChunkDimensions()) {
          chunk = d < 0 ? Long.MAX_VALUE : Math.min(Long.MAX_VALUE / 2, chunk * Math.max(d, 1));
        }
        if (chunk > Math.max(bytes, 1 << 20)) {
          throw new WeightFileException(file, "`" + path + "` has chunks of " + chunk + " bytes for " + bytes
              + " bytes of data");
        }
      } else if (dataset.getStorageInBytes() > fileSize) {
        throw new WeightFileException(file, "`" + path + "` claims " + dataset.getStorageInBytes()
            + " bytes of storage, more than the file holds (" + fileSize + ")");
      }
      if (count == 0) {
        return new float[0];
      }
      Object data = dataset.getDataFlat();
      float[] out;
      if (data instanceof float[] f) {
        out = f;
      } else if (data instanceof double[] d) {
        out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = (float) d[i];
        }
      } else if (data instanceof long[] l) {
        out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
          out[i] = l[i];
        }
      } else if (data instanceof int[] n) {
        out = new float[n.length];
        for (int i = 0; i < n.length; i++) {
          out[i] = n[i];
        }
      } else {
        throw new WeightFileException(file, "`" + path + "` did not read as floating-point values");
      }
      if (out.length != count) {
        throw new WeightFileException(file, "`" + path + "` held " + out.length + " values, expected " + count);
      }
      return out;
    });
  }

  /** {@code float32}, {@code int64}, {@code string}: numpy's names, as h5py users know them. */
  static String typeName(DataType type) {
    if (type instanceof FloatingPoint) {
      return "float" + type.getSize() * 8;
    }
    if (type instanceof FixedPoint fixed) {
      return (fixed.isSigned() ? "int" : "uint") + type.getSize() * 8;
    }
    if (type instanceof StringData || type instanceof VariableLength v && v.isVariableLengthString()) {
      return "string";
    }
    return type.getClass().getSimpleName();
  }
}
