package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ImagePreprocessing.ChannelOrder;
import dev.kiln.runtime.ImagePreprocessing.Resize;
import dev.kiln.runtime.ImagePreprocessing.Scaling;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImagePreprocessing} against the fixtures of {@code reference/images/make_fixtures.py}: the
 * same PNG files preprocessed by torchvision 0.14 / PyTorch 1.13 (and Keras's preprocess_input
 * formulas), and resized by Pillow 9.4.
 */
class ImagePreprocessingTest {
  /** torch: float32 rounding of the same formulas, relative to max(1, |value|) (caffe values reach 150). */
  private static final double TORCH_TOLERANCE = 2e-5;
  /** Pillow rounds its uint8 result: half a level (its fixed-point weights add a little). */
  private static final double PILLOW_ROUNDING = 0.5 + 1e-3;
  /**
   * Pillow resizes in two passes, rows then columns, rounding to uint8 after each: half a level from
   * each pass.
   */
  private static final double PILLOW_TWO_PASS_ROUNDING = 1 + 1e-3;

  record Case(String name, String reference, String image, int height, int width, int channels, String resize,
      String scaling, String order) {
    @Override
    public String toString() {
      return name + " " + image + " -> " + height + "x" + width + "x" + channels + " " + resize + " " + scaling
          + " " + order;
    }
  }

  static Stream<Case> torchCases() {
    return cases().stream().filter(c -> c.reference.equals("torch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("torchCases")
  void matchesTorchvision(Case c) {
    ImagePreprocessing preprocessing = ImagePreprocessing.unit().withResize(Resize.valueOf(c.resize))
        .withScaling(Scaling.valueOf(c.scaling)).withOrder(ChannelOrder.valueOf(c.order));
    float[] actual = preprocessing.toInput(image(c.image), c.height, c.width, c.channels);
    float[] expected = floats(c.name + ".f32");
    assertClose(expected, actual, TORCH_TOLERANCE, true, c.toString());
  }

  @Test
  void bilinearUpscalingAndNearestMatchPillow() {
    for (Case c : cases()) {
      if (!c.reference.equals("pillow") || c.resize.equals("NONE")) {
        continue;
      }
      boolean downscaling = c.height < 23;
      float[] actual = raw(Resize.valueOf(c.resize), c);
      float[] expected = floats(c.name + ".f32");
      if (c.resize.equals("NEAREST")) {
        assertClose(expected, actual, 1e-3, false, c.toString());
      } else if (!downscaling) {
        assertClose(expected, actual, PILLOW_TWO_PASS_ROUNDING, false, c.toString());
      } else {
        // Pillow's BILINEAR widens its filter when downscaling (antialiasing); Kiln, like
        // torchvision's antialias=False, does not. They differ, and by more than rounding.
        double largest = largestDifference(expected, actual);
        System.out.printf("%s: Pillow's antialiased bilinear differs by up to %.2f of 255%n", c, largest);
        assertTrue(largest > 1, c + ": " + largest);
      }
    }
  }

  @Test
  void grayFromColourIsPillowsLuma() {
    Case c = cases().stream().filter(x -> x.name.equals("pillow-luma")).findFirst().orElseThrow();
    assertClose(floats("pillow-luma.f32"), raw(Resize.NONE, c), PILLOW_ROUNDING, false, c.toString());
  }

  @Test
  void grayImagesKeepTheirSamples() {
    // getRGB would map TYPE_BYTE_GRAY's linear gray through sRGB; the raw samples must come through.
    BufferedImage gray = image("gray-13x19.png");
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, gray.getType());
    float[] values = ImagePreprocessing.unit().toInput(gray, 13, 19, 1);
    for (int y = 0; y < 13; y++) {
      for (int x = 0; x < 19; x++) {
        assertEquals(gray.getRaster().getSample(x, y, 0) / 255f, values[y * 19 + x], 0f, "pixel " + y + "," + x);
      }
    }
  }

  @Test
  void caffeIsBgrAsInKeras() {
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    one.setRGB(0, 0, (200 << 16) | (100 << 8) | 50);
    float[] bgr = ImagePreprocessing.keras(Scaling.CAFFE).toInput(one, 1, 1, 3);
    assertEquals(50 - 103.939f, bgr[0], 1e-4f);
    assertEquals(100 - 116.779f, bgr[1], 1e-4f);
    assertEquals(200 - 123.68f, bgr[2], 1e-4f);
    float[] tf = ImagePreprocessing.keras(Scaling.TF).toInput(one, 1, 1, 3);
    assertEquals(200 / 127.5f - 1, tf[0], 1e-6f);
  }

  @Test
  void rejectsWhatItCannotProduce() {
    BufferedImage image = image("rgb-23x37.png");
    IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
        () -> ImagePreprocessing.unit().toInput(image, 4, 4, 2));
    assertEquals("images fill models with 1 (gray) or 3 (colour) input channels; this model has 2",
        channels.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> ImagePreprocessing.unit().withResize(Resize.NONE).toInput(image, 28, 28, 3));
    assertEquals("the model takes 28x28 images; received 23x37 (resizing is NONE)", size.getMessage());
    IllegalArgumentException grayTorch = assertThrows(IllegalArgumentException.class,
        () -> ImagePreprocessing.keras(Scaling.TORCH).toInput(image, 4, 4, 1));
    assertTrue(grayTorch.getMessage().startsWith("TORCH scaling has a mean per colour"), grayTorch.getMessage());
  }

  /** Kiln's resize without scaling: UNIT times 255, RGB. */
  private static float[] raw(Resize resize, Case c) {
    float[] unit = ImagePreprocessing.unit().withResize(resize).toInput(image(c.image), c.height, c.width, c.channels);
    for (int i = 0; i < unit.length; i++) {
      unit[i] *= 255f;
    }
    return unit;
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance, boolean relative, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    int worst = 0;
    double largest = 0;
    for (int i = 0; i < expected.length; i++) {
      double scale = relative ? Math.max(1, Math.abs(expected[i])) : 1;
      double difference = Math.abs(expected[i] - actual[i]) / scale;
      if (difference > largest) {
        largest = difference;
        worst = i;
      }
    }
    System.out.printf("%s: largest difference %.3g at %d%n", what, largest, worst);
    assertTrue(largest <= tolerance, what + ": largest difference " + largest + " at " + worst + " (expected "
        + expected[worst] + ", received " + actual[worst] + "), tolerance " + tolerance);
  }

  private static double largestDifference(float[] expected, float[] actual) {
    double largest = 0;
    for (int i = 0; i < expected.length; i++) {
      largest = Math.max(largest, Math.abs(expected[i] - actual[i]));
    }
    return largest;
  }

  private static List<Case> cases() {
    String text = new String(bytes("cases.txt"), StandardCharsets.UTF_8);
    return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split(" "))
        .map(f -> new Case(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
            Integer.parseInt(f[5]), f[6], f[7], f[8]))
        .toList();
  }

  static BufferedImage image(String name) {
    try (InputStream in = ImagePreprocessingTest.class.getResourceAsStream("/images/" + name)) {
      return ImageIO.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[] floats(String name) {
    byte[] bytes = bytes(name);
    float[] values = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  private static byte[] bytes(String name) {
    try (InputStream in = ImagePreprocessingTest.class.getResourceAsStream("/images/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture /images/" + name + " (reference/images/make_fixtures.py)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
