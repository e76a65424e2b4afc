package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shipped sample and the noise, which must be exactly what reference/training/train.py used. */
class FashionSampleTest {

  @Test
  void sampleIsTheFirstThousandTestImages() {
    FashionSample sample = FashionSample.load();
    assertEquals(1000, sample.size);
    assertEquals(1000 * 28 * 28, sample.pixels.length);
    assertEquals(9, sample.labels[0], "the first test image is an ankle boot");
    for (byte label : sample.labels) {
      assertTrue(label >= 0 && label <= 9, "label " + label);
    }
    assertEquals(1000, sample.referenceInt("sample.size"));
  }

  @Test
  void noiseIsTheScriptsSplitMix64AndBoxMuller() {
    // fashion.noisy(np.array([0, 255, 128, 7], np.uint8), 20240501, 0.3) in reference/training
    float[] expected = {0x1.3f5f0ap-2f, 0x1.8afa24p-1f, 0x1.b16d8ap-2f, 0x1.23ad86p-2f};
    float[] noisy = FashionNoise.noisy(new byte[] {0, (byte) 255, (byte) 128, 7}, 20240501L, 0.3);
    assertEquals(Arrays.toString(expected), Arrays.toString(noisy));
  }

  @Test
  void noisyImagesAreBitForBitThoseThatPyTorchDenoised() {
    float[] torch = FashionSample.floats("denoiser.noisy16.f32"); // (16, 28, 28, 1)
    float[] noisy = FashionSample.load().noisy();
    assertEquals(16 * 28 * 28, torch.length);
    assertArrayEquals(torch, Arrays.copyOf(noisy, torch.length));
  }

  @Test
  void idxFilesAreChecked() {
    byte[] images = FashionSample.resource("sample-images-idx3-ubyte.gz");
    IllegalStateException rank = assertThrows(IllegalStateException.class, () -> FashionSample.idx(images, 1));
    assertEquals("idx magic 0x00000803, expected 0x00000801", rank.getMessage());
  }
}
