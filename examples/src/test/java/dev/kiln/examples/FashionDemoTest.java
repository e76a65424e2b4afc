package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's promise, checked in CI: the shipped weights, read from both files through WeightFiles,
 * give PyTorch's outputs on the shipped sample (reference/training/train.py computed them).
 */
class FashionDemoTest {
  /** Images of the sample the trained classifier gets right, in Kiln and in PyTorch. */
  private static final int CORRECT = 911;
  /** |Kiln - PyTorch| allowed per softmax probability and per denoised pixel: float32 sums in another order. */
  private static final float TOLERANCE = 1e-4f;

  private static FashionSample sample;

  @BeforeAll
  static void load() {
    sample = FashionSample.load();
  }

  @Test
  void classifierAgreesWithPyTorchOnEveryImage() throws Exception {
    Weights keras = FashionCheck.keras(FashionCheck.CNN_KERAS, KilnTutorialCnn.model());
    Weights torch = FashionCheck.pytorch(FashionCheck.CNN_TORCH, KilnTutorialCnn.model());
    assertNull(FashionCheck.firstDifference(keras, torch), "Keras-layout and PyTorch files differ");

    FashionCheck.Classification result = FashionCheck.classify(KilnTutorialCnn.withWeights(keras), sample, 100,
        done -> { });

    System.out.printf("classifier: %d/%d correct, %d/%d agree with PyTorch, largest probability difference %.3g "
        + "(image %d)%n", result.correct(), sample.size, result.agreeing(), sample.size, result.largestDifference(),
        result.worstImage());
    assertEquals(1000, sample.size);
    assertEquals(sample.size, result.agreeing(), "images classified as PyTorch classified them");
    assertEquals(CORRECT, result.correct());
    assertEquals(sample.referenceInt("cnn.sample.correct"), result.correct());
    assertTrue(result.largestDifference() < TOLERANCE, "largest difference " + result.largestDifference()
        + " at image " + result.worstImage());
  }

  @Test
  void denoiserGivesPyTorchsOutputsForTheSameNoise() throws Exception {
    Weights keras = FashionCheck.keras(FashionCheck.DENOISER_KERAS, KilnDenoiser.model());
    Weights torch = FashionCheck.pytorch(FashionCheck.DENOISER_TORCH, KilnDenoiser.model());
    assertNull(FashionCheck.firstDifference(keras, torch), "Keras-layout and PyTorch files differ");

    FashionCheck.Denoising result = FashionCheck.denoise(KilnDenoiser.withWeights(keras), sample, 100, done -> { });

    System.out.printf("denoiser: largest difference %.3g over %d images; mean squared error %.5f noisy, %.5f "
        + "denoised%n", result.largestDifference(), result.compared(), result.noisyMse(), result.denoisedMse());
    assertTrue(result.noiseMatches(), "Java's noise differs from the noisy inputs PyTorch saved");
    assertEquals(16, result.compared());
    assertTrue(result.largestDifference() < TOLERANCE, "largest difference " + result.largestDifference());
    assertEquals(sample.referenceDouble("denoiser.sample.noisyMse"), result.noisyMse(), 1e-6);
    assertEquals(sample.referenceDouble("denoiser.sample.denoisedMse"), result.denoisedMse(), 1e-5);
    assertTrue(result.denoisedMse() < result.noisyMse() / 2, "the denoiser should at least halve the error");
  }
}
