package dev.kiln.examples;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A grey-scale PNG of small images in a grid: one row per series (noisy, denoised, clean), one column
 * per image, each pixel drawn as a {@code scale x scale} square. Pure raster work, no fonts, so it
 * runs on a headless JDK.
 */
final class ImageSheet {
  private static final int GAP = 4;
  private static final int BACKGROUND = 128;

  private ImageSheet() {}

  /**
   * Writes {@code rows.length} rows of {@code columns} images each to {@code file}.
   *
   * @param rows each (images, side, side, 1), row-major, values in [0, 1] (clipped when drawn)
   */
  static Path write(Path file, float[][] rows, int columns, int side, int scale) throws IOException {
    int tile = side * scale;
    int width = GAP + columns * (tile + GAP);
    int height = GAP + rows.length * (tile + GAP);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, BACKGROUND);
      }
    }
    for (int row = 0; row < rows.length; row++) {
      for (int column = 0; column < columns; column++) {
        int left = GAP + column * (tile + GAP);
        int top = GAP + row * (tile + GAP);
        for (int y = 0; y < tile; y++) {
          for (int x = 0; x < tile; x++) {
            float value = rows[row][column * side * side + (y / scale) * side + x / scale];
            raster.setSample(left + x, top + y, 0, Math.round(Math.min(1f, Math.max(0f, value)) * 255f));
          }
        }
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer in this JDK");
    }
    return file.toAbsolutePath().normalize();
  }
}
