package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.FreeSizeNetwork;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.TensorShape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The free-size examples through their generated classes: the trained denoiser's weights run the
 * free denoiser at 28x28 exactly as the fixed one, and at sizes the fixed one cannot take.
 */
class FreeSizeExamplesTest {

  @Test
  void theFreeDenoiserIsTheTrainedDenoiserAtAnySize() throws Exception {
    FashionSample sample = FashionSample.load();
    float[] images = sample.noisy();
    Weights trained = FashionCheck.keras(FashionCheck.DENOISER_KERAS, KilnFreeDenoiser.model());
    FreeSizeNetwork free = KilnFreeDenoiser.atAnySize(trained, 2);
    Network fixed = Network.create(KilnDenoiser.model(), FashionCheck.keras(FashionCheck.DENOISER_KERAS,
        KilnDenoiser.model()), 2);

    float[] four = Arrays.copyOf(images, 4 * FashionSample.PIXELS);
    assertArrayEquals(fixed.predict(four, 4), free.predict(four, 4, 28, 28), "at 28x28, the fixed model's outputs");

    // Four test images side by side in one 28x112 strip: the free model takes it whole.
    float[] strip = new float[28 * 112];
    for (int image = 0; image < 4; image++) {
      for (int row = 0; row < 28; row++) {
        System.arraycopy(images, image * FashionSample.PIXELS + row * 28, strip, row * 112 + image * 28, 28);
      }
    }
    assertEquals(TensorShape.image(28, 112, 1), free.outputShape(28, 112));
    float[] out = free.predict(strip, 1, 28, 112);
    assertEquals(28 * 112, out.length);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> free.at(30, 28));
    assertEquals("model `FreeDenoiser` does not accept a height of 30: it needs H ≥ 4 with H ≡ 0 (mod 4); "
        + "nearest accepted: 28 and 32", e.getMessage());
  }

  @Test
  void theFreeUNetTakesMultiplesOfSixteen() {
    FreeSizeNetwork unet = KilnFreeUNet.atAnySize(Weights.random(KilnFreeUNet.model(), 1), 2);
    assertEquals("H ≥ 16 with H ≡ 0 (mod 16)", unet.accepted(0).describe("H"));
    assertEquals(TensorShape.image(48, 80, 1), unet.outputShape(48, 80));
    assertEquals(48 * 80, unet.predict(new float[48 * 80 * 3], 1, 48, 80).length);
  }
}
