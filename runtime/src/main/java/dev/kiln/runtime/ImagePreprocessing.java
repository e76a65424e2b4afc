package dev.kiln.runtime;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.Serializable;
import java.util.Objects;

/**
 * Turns a {@link BufferedImage} into one example of a model's input: (height, width, channels)
 * floats, row-major, as the generated {@code Input.fromImage} does. Three steps, in this order:
 *
 * <ol>
 *   <li>read the pixels as floats in [0, 255]: red, green, blue from the image's sRGB colours, or,
 *       for a 1-channel model, one gray value (a gray image's own samples; otherwise ITU-R 601
 *       luma {@code 0.299 R + 0.587 G + 0.114 B}, Pillow's {@code convert("L")} before its
 *       rounding);
 *   <li>resize to the model's height and width, if the image differs: {@link Resize#BILINEAR} is
 *       bilinear interpolation with half-pixel centres and no antialiasing, which is PyTorch's
 *       {@code interpolate(mode="bilinear", align_corners=False)} and torchvision's
 *       {@code Resize(antialias=False)} on a float tensor; {@link Resize#NEAREST} takes source pixel
 *       {@code floor((i + 0.5) * in / out)}, Pillow's {@code NEAREST} and PyTorch's
 *       {@code "nearest-exact"};
 *   <li>scale as Keras's {@code preprocess_input} mode ({@link Scaling}) and order the channels.
 * </ol>
 *
 * <p>Instances are immutable, safe to share between threads, and serializable (a Spark job ships
 * them to its executors).
 */
public final class ImagePreprocessing implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the image is brought to the model's height and width. */
  public enum Resize {
    /** Bilinear, half-pixel centres, no antialiasing (PyTorch {@code align_corners=False}). */
    BILINEAR,
    /** Nearest source pixel to the output pixel's centre (Pillow {@code NEAREST}). */
    NEAREST,
    /** No resizing: an image of another size is rejected. */
    NONE
  }

  /** Channel order of a 3-channel input. */
  public enum ChannelOrder { RGB, BGR }

  /** The value scaling, named as Keras's {@code preprocess_input(mode=...)} and torchvision's. */
  public enum Scaling {
    /** {@code x / 255}: [0, 1], as {@code ToTensor()}. */
    UNIT,
    /** Keras {@code mode="tf"}: {@code x / 127.5 - 1}, [-1, 1]. */
    TF,
    /**
     * Keras {@code mode="caffe"}: the ImageNet mean subtracted from each channel of [0, 255] values,
     * blue 103.939, green 116.779, red 123.68, with no scaling; Keras also orders the channels BGR.
     */
    CAFFE,
    /**
     * Keras {@code mode="torch"}: {@code (x / 255 - mean) / std} with the ImageNet mean (0.485, 0.456,
     * 0.406) and std (0.229, 0.224, 0.225) of red, green, blue, as torchvision's {@code Normalize}.
     */
    TORCH
  }

  /** Per colour (red, green, blue): what the scaling subtracts and divides by, on [0, 255] values. */
  private static final float[] CAFFE_MEAN = {123.68f, 116.779f, 103.939f};
  private static final float[] TORCH_MEAN = {0.485f * 255f, 0.456f * 255f, 0.406f * 255f};
  private static final float[] TORCH_STD = {0.229f * 255f, 0.224f * 255f, 0.225f * 255f};

  private final Resize resize;
  private final Scaling scaling;
  private final ChannelOrder order;

  private ImagePreprocessing(Resize resize, Scaling scaling, ChannelOrder order) {
    this.resize = Objects.requireNonNull(resize, "resize");
    this.scaling = Objects.requireNonNull(scaling, "scaling");
    this.order = Objects.requireNonNull(order, "order");
  }

  /** Bilinear resizing, [0, 1] values, RGB: what a model trained on {@code ToTensor()} images expects. */
  public static ImagePreprocessing unit() {
    return new ImagePreprocessing(Resize.BILINEAR, Scaling.UNIT, ChannelOrder.RGB);
  }

  /** Keras's {@code preprocess_input} mode with bilinear resizing, and BGR for {@code CAFFE} as Keras does. */
  public static ImagePreprocessing keras(Scaling scaling) {
    return new ImagePreprocessing(Resize.BILINEAR, scaling,
        scaling == Scaling.CAFFE ? ChannelOrder.BGR : ChannelOrder.RGB);
  }

  public ImagePreprocessing withResize(Resize resize) {
    return new ImagePreprocessing(resize, scaling, order);
  }

  public ImagePreprocessing withScaling(Scaling scaling) {
    return new ImagePreprocessing(resize, scaling, order);
  }

  public ImagePreprocessing withOrder(ChannelOrder order) {
    return new ImagePreprocessing(resize, scaling, order);
  }

  /**
   * One example of (height, width, channels) floats, row-major, from {@code image}.
   *
   * @param channels 1 (gray) or 3 (colour, in this instance's order)
   * @throws IllegalArgumentException for another channel count, or an image of the wrong size when
   *     resizing is {@link Resize#NONE}
   */
  public float[] toInput(BufferedImage image, int height, int width, int channels) {
    float[] dst = new float[Math.multiplyExact(Math.multiplyExact(height, width), channels)];
    toInput(image, dst, 0, height, width, channels);
    return dst;
  }

  /**
   * Writes one example into {@code dst} from {@code offset}: (height, width, channels) floats,
   * row-major, the layout of one example of a batch.
   */
  public void toInput(BufferedImage image, float[] dst, int offset, int height, int width, int channels) {
    Objects.requireNonNull(image, "image");
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images fill models with 1 (gray) or 3 (colour) input channels; "
          + "this model has " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("height and width must be at least 1; received " + height + "x" + width);
    }
    if (channels == 1 && (scaling == Scaling.CAFFE || scaling == Scaling.TORCH)) {
      throw new IllegalArgumentException(scaling + " scaling has a mean per colour and needs a 3-channel model; "
          + "this model takes gray images: use UNIT or TF");
    }
    Objects.checkFromIndexSize(offset, height * width * channels, dst.length);
    int srcHeight = image.getHeight();
    int srcWidth = image.getWidth();
    if (resize == Resize.NONE && (srcHeight != height || srcWidth != width)) {
      throw new IllegalArgumentException("the model takes " + height + "x" + width + " images; received "
          + srcHeight + "x" + srcWidth + " (resizing is NONE)");
    }
    float[] pixels = read(image, channels); // (srcHeight, srcWidth, channels) in [0, 255], RGB or gray
    float[] sized = srcHeight == height && srcWidth == width ? pixels
        : resize == Resize.BILINEAR ? Resampling.bilinear(pixels, srcHeight, srcWidth, channels, height, width)
        : Resampling.nearest(pixels, srcHeight, srcWidth, channels, height, width);
    scale(sized, dst, offset, channels);
  }

  /** (height, width, channels) in [0, 255]: red, green, blue, or one gray value. */
  private static float[] read(BufferedImage image, int channels) {
    int height = image.getHeight();
    int width = image.getWidth();
    float[] pixels = new float[height * width * channels];
    if (channels == 1 && isGray(image)) {
      // The samples themselves: getRGB would convert linear gray to sRGB and change every value.
      Raster raster = image.getRaster();
      float max = (1 << image.getColorModel().getComponentSize(0)) - 1; // 255, or 65535 for 16-bit gray
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          pixels[y * width + x] = raster.getSample(x, y, 0) * 255f / max;
        }
      }
      return pixels;
    }
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int rgb = row[x];
        float red = (rgb >>> 16) & 0xff;
        float green = (rgb >>> 8) & 0xff;
        float blue = rgb & 0xff;
        int p = (y * width + x) * channels;
        if (channels == 1) {
          pixels[p] = 0.299f * red + 0.587f * green + 0.114f * blue;
        } else {
          pixels[p] = red;
          pixels[p + 1] = green;
          pixels[p + 2] = blue;
        }
      }
    }
    return pixels;
  }

  private static boolean isGray(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY;
  }

  /** Scales RGB or gray [0, 255] values into {@code dst} in this instance's channel order. */
  private void scale(float[] pixels, float[] dst, int offset, int channels) {
    for (int p = 0; p < pixels.length; p += channels) {
      for (int c = 0; c < channels; c++) {
        // colour: which of red, green, blue lands in channel c; gray uses the mean of the three
        int colour = channels == 1 ? -1 : order == ChannelOrder.BGR ? 2 - c : c;
        dst[offset + p + c] = scale(pixels[p + Math.max(colour, 0)], colour);
      }
    }
  }

  private float scale(float value, int colour) {
    switch (scaling) {
      case UNIT:
        return value / 255f;
      case TF:
        return value / 127.5f - 1f;
      case CAFFE:
        return value - CAFFE_MEAN[colour];
      case TORCH:
        return (value - TORCH_MEAN[colour]) / TORCH_STD[colour];
      default:
        throw new AssertionError(scaling);
    }
  }

  @Override
  public String toString() {
    return "ImagePreprocessing[resize=" + resize + ", scaling=" + scaling + ", order=" + order + "]";
  }
}
