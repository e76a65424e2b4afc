package dev.kiln.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** The examples module's Fashion-MNIST sample (package-private there) as the Spark tests use it. */
public final class FashionFiles {
  public static final int PIXELS = FashionSample.PIXELS;
  private final FashionSample sample = FashionSample.load();

  public int size() {
    return sample.size;
  }

  /** (size, 28, 28, 1) in [0, 1], row-major: the float path's input. */
  public float[] scaled() {
    return sample.scaled();
  }

  /** The trained classifier's PyTorch weights. */
  public static Path classifierWeights() {
    return FashionSample.path("tutorial-cnn.torch.safetensors");
  }

  /**
   * For {@code spark/measure-local.sh}: writes the 1,000 sample images {@code copies} times into a
   * folder, as {@code copy-NN/image-NNNN.png}. Arguments: folder, copies.
   */
  public static void main(String[] args) throws IOException {
    FashionFiles sample = new FashionFiles();
    Path folder = Path.of(args[0]);
    for (int copy = 0; copy < Integer.parseInt(args[1]); copy++) {
      Path into = folder.resolve(String.format("copy-%02d", copy));
      java.nio.file.Files.createDirectories(into);
      sample.writePngs(into, sample.size());
    }
  }

  /** Writes the first {@code count} images as 8-bit gray PNG files {@code image-0000.png}, ... into {@code folder}. */
  public void writePngs(Path folder, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      BufferedImage image = new BufferedImage(FashionSample.SIDE, FashionSample.SIDE, BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, FashionSample.SIDE, FashionSample.SIDE,
          Arrays.copyOfRange(sample.pixels, i * PIXELS, (i + 1) * PIXELS));
      ImageIO.write(image, "png", folder.resolve(String.format("image-%04d.png", i)).toFile());
    }
  }
}
