package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.Prediction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Images in, labels out: the shipped Fashion-MNIST sample written as PNG files and read back, through
 * {@code Input.fromImage} and {@code Output.topK}, gives exactly the outputs of the float path.
 */
class FashionImagesTest {
  private static final int IMAGES = 100;

  @Test
  void pngImagesScoreAsTheirPixels() throws Exception {
    FashionSample sample = FashionSample.load();
    KilnTutorialCnn model = KilnTutorialCnn.fromPyTorch(FashionSample.path("tutorial-cnn.torch.safetensors"));
    float[] scaled = sample.scaled();
    for (int i = 0; i < IMAGES; i++) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png(sample, i)));
      KilnTutorialCnn.Output fromImage = model.forward(KilnTutorialCnn.Input.fromImage(image));
      KilnTutorialCnn.Output fromPixels = model.forward(KilnTutorialCnn.Input.of(
          Arrays.copyOfRange(scaled, i * FashionSample.PIXELS, (i + 1) * FashionSample.PIXELS)));
      assertArrayEquals(fromPixels.toArray(), fromImage.toArray(), 0f, "image " + i);
      List<Prediction> top = fromImage.topK(3);
      assertEquals(fromPixels.argmax(), top.get(0).index(), "image " + i);
      assertEquals(FashionSample.CLASS_NAMES[top.get(0).index()], top.get(0).label(), "image " + i);
      if (i < 2) {
        System.out.println("image " + i + ": " + top);
      }
    }
    assertEquals(List.of(FashionSample.CLASS_NAMES), KilnTutorialCnn.Output.LABELS);
  }

  /** Image {@code index} of the sample as an 8-bit gray PNG, as a user's folder of images holds it. */
  static byte[] png(FashionSample sample, int index) throws IOException {
    BufferedImage image = new BufferedImage(FashionSample.SIDE, FashionSample.SIDE, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, FashionSample.SIDE, FashionSample.SIDE,
        Arrays.copyOfRange(sample.pixels, index * FashionSample.PIXELS, (index + 1) * FashionSample.PIXELS));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
