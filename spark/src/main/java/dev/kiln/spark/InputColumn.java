package dev.kiln.spark;

import dev.kiln.runtime.ImagePreprocessing;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column a model reads, by its Spark type: an encoded image file ({@code binary}, the
 * {@code content} of Spark's {@code binaryFile} source), a decoded image (the {@code image} struct of
 * Spark's {@code image} source), or one example's floats ({@code array<float>} or {@code array<double>},
 * (height, width, channels) row-major).
 */
final class InputColumn implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<String> IMAGE_FIELDS = List.of("height", "width", "nChannels", "data");

  enum Kind { ENCODED_IMAGE, IMAGE_STRUCT, FLOATS }

  final Kind kind;
  /** The column's position in the input row. */
  final int index;
  final String name;
  /** The image struct's field positions: height, width, nChannels, data. */
  private final int[] imageFields;

  private InputColumn(Kind kind, int index, String name, int[] imageFields) {
    this.kind = kind;
    this.index = index;
    this.name = name;
    this.imageFields = imageFields;
  }

  static InputColumn of(StructType schema, String name) {
    int index;
    try {
      index = schema.fieldIndex(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no column `" + name + "` in " + schema.simpleString(), e);
    }
    DataType type = schema.fields()[index].dataType();
    if (type instanceof BinaryType) {
      return new InputColumn(Kind.ENCODED_IMAGE, index, name, null);
    }
    if (type instanceof ArrayType array
        && (array.elementType().equals(DataTypes.FloatType) || array.elementType().equals(DataTypes.DoubleType))) {
      return new InputColumn(Kind.FLOATS, index, name, null);
    }
    if (type instanceof StructType struct && List.of(struct.fieldNames()).containsAll(IMAGE_FIELDS)) {
      int[] fields = IMAGE_FIELDS.stream().mapToInt(struct::fieldIndex).toArray();
      return new InputColumn(Kind.IMAGE_STRUCT, index, name, fields);
    }
    throw new IllegalArgumentException("column `" + name + "` is " + type.simpleString() + "; a model reads binary "
        + "(encoded image files, as the binaryFile source's `content`), the image source's struct, or an "
        + "array of floats");
  }

  /**
   * Writes the row's example into {@code batch} from {@code offset}: (height, width, channels) floats.
   *
   * @param dims the model's input (height, width, channels), or (units) for a vector
   */
  void read(Row row, ImagePreprocessing preprocessing, int[] dims, float[] batch, int offset) {
    if (row.isNullAt(index)) {
      throw new IllegalArgumentException("column `" + name + "` is null");
    }
    int size = sizeOf(dims);
    switch (kind) {
      case FLOATS -> {
        List<Object> values = row.getList(index);
        if (values.size() != size) {
          throw new IllegalArgumentException("column `" + name + "` holds " + values.size()
              + " values; the model's input takes " + size);
        }
        for (int i = 0; i < size; i++) {
          batch[offset + i] = ((Number) values.get(i)).floatValue();
        }
      }
      case ENCODED_IMAGE -> image(decode((byte[]) row.get(index)), preprocessing, dims, batch, offset);
      case IMAGE_STRUCT -> image(fromStruct(row.getStruct(index)), preprocessing, dims, batch, offset);
      default -> throw new AssertionError(kind);
    }
  }

  private void image(BufferedImage image, ImagePreprocessing preprocessing, int[] dims, float[] batch, int offset) {
    if (dims.length != 3) {
      throw new IllegalArgumentException("column `" + name + "` holds images but the model's input is a vector of "
          + dims[0] + "; give it an array of floats");
    }
    preprocessing.toInput(image, batch, offset, dims[0], dims[1], dims[2]);
  }

  private BufferedImage decode(byte[] file) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
      if (image == null) {
        throw new IllegalArgumentException("column `" + name + "` holds " + file.length
            + " bytes that no installed ImageIO reader decodes (PNG, JPEG, BMP, GIF are built in)");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("column `" + name + "`: " + e.getMessage(), e);
    }
  }

  /** Spark's image struct: {@code data} is row-major bytes, B, G, R (and A) per pixel, or one gray byte. */
  private BufferedImage fromStruct(Row image) {
    int height = image.getInt(imageFields[0]);
    int width = image.getInt(imageFields[1]);
    int channels = image.getInt(imageFields[2]);
    byte[] data = (byte[]) image.get(imageFields[3]);
    if (height < 1 || width < 1 || (channels != 1 && channels != 3 && channels != 4)
        || data.length != (long) height * width * channels) {
      throw new IllegalArgumentException("column `" + name + "`: an image of " + height + "x" + width + "x"
          + channels + " with " + data.length + " bytes of data");
    }
    if (channels == 4) {
      BufferedImage argb = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
      for (int p = 0; p < height * width; p++) {
        int b = data[4 * p] & 0xff;
        int g = data[4 * p + 1] & 0xff;
        int r = data[4 * p + 2] & 0xff;
        int a = data[4 * p + 3] & 0xff;
        argb.setRGB(p % width, p / width, (a << 24) | (r << 16) | (g << 8) | b);
      }
      return argb;
    }
    // TYPE_3BYTE_BGR's raster is exactly Spark's B, G, R bytes; TYPE_BYTE_GRAY's its gray bytes.
    BufferedImage decoded = new BufferedImage(width, height,
        channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    decoded.getRaster().setDataElements(0, 0, width, height, data);
    return decoded;
  }

  static int sizeOf(int[] dims) {
    int size = 1;
    for (int d : dims) {
      size = Math.multiplyExact(size, d);
    }
    return size;
  }
}
