package dev.kiln.examples;

import dev.kiln.runtime.Weights;
import dev.kiln.weights.WeightFileException;
import dev.kiln.weights.WeightFiles;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The demo's computations, shared with {@code FashionDemoTest}: loading the shipped weights through
 * {@link WeightFiles}, classifying and denoising the sample, and comparing every result with what
 * PyTorch computed for the same images.
 */
final class FashionCheck {
  static final String CNN_KERAS = "tutorial-cnn.keras.safetensors";
  static final String CNN_TORCH = "tutorial-cnn.torch.safetensors";
  static final String DENOISER_KERAS = "denoiser.keras.safetensors";
  static final String DENOISER_TORCH = "denoiser.torch.safetensors";

  private FashionCheck() {}

  /** Keras-layout weights: {@code <field>/kernel}, {@code <field>/bias}. */
  static Weights keras(String file, dev.kiln.shape.CheckedModel model) throws WeightFileException {
    return WeightFiles.readKeras(FashionSample.path(file), model);
  }

  /** A PyTorch state_dict: modules matched to the fields in declaration order, converted to Keras layout. */
  static Weights pytorch(String file, dev.kiln.shape.CheckedModel model) throws WeightFileException {
    return WeightFiles.readPyTorch(FashionSample.path(file), model);
  }

  /** The first tensor in which {@code a} and {@code b} differ ("layer/weight"), or null if they are equal. */
  static String firstDifference(Weights a, Weights b) {
    if (!a.layerNames().equals(b.layerNames())) {
      return "layers " + a.layerNames() + " vs " + b.layerNames();
    }
    for (String layer : a.layerNames()) {
      if (!a.layer(layer).keySet().equals(b.layer(layer).keySet())) {
        return layer + " " + a.layer(layer).keySet() + " vs " + b.layer(layer).keySet();
      }
      for (String name : a.layer(layer).keySet()) {
        if (!Arrays.equals(a.get(layer, name), b.get(layer, name))) {
          return layer + "/" + name;
        }
      }
    }
    return null;
  }

  /**
   * Kiln's classification of the sample next to PyTorch's.
   *
   * @param probabilities (size, 10), row-major: Kiln's softmax outputs
   * @param predicted Kiln's class per image
   * @param correct images whose predicted class is the label
   * @param agreeing images whose predicted class is PyTorch's
   * @param largestDifference the largest |Kiln - PyTorch| over all probabilities
   * @param worstImage the image where it occurs
   */
  record Classification(float[] probabilities, int[] predicted, int correct, int agreeing,
      float largestDifference, int worstImage) {}

  /** Classifies the sample {@code batch} images at a time, reporting the images done so far to {@code progress}. */
  static Classification classify(KilnTutorialCnn model, FashionSample sample, int batch, IntConsumer progress) {
    float[] images = sample.scaled(); // (size, 28, 28, 1)
    float[] probabilities = new float[sample.size * FashionSample.CLASSES]; // (size, 10)
    for (int start = 0; start < sample.size; start += batch) {
      int count = Math.min(batch, sample.size - start);
      float[] scores = model.predict(Arrays.copyOfRange(images, start * FashionSample.PIXELS,
          (start + count) * FashionSample.PIXELS), count);
      System.arraycopy(scores, 0, probabilities, start * FashionSample.CLASSES, scores.length);
      progress.accept(start + count);
    }
    byte[] torchClasses = FashionSample.resource("tutorial-cnn.predictions.u8");
    float[] torchProbabilities = FashionSample.floats("tutorial-cnn.probabilities.f32"); // (size, 10)
    int[] predicted = new int[sample.size];
    int correct = 0;
    int agreeing = 0;
    float largest = 0;
    int worst = 0;
    for (int n = 0; n < sample.size; n++) {
      predicted[n] = argmax(probabilities, n * FashionSample.CLASSES, FashionSample.CLASSES);
      correct += predicted[n] == sample.labels[n] ? 1 : 0;
      agreeing += predicted[n] == torchClasses[n] ? 1 : 0;
      for (int k = 0; k < FashionSample.CLASSES; k++) {
        int i = n * FashionSample.CLASSES + k;
        float difference = Math.abs(probabilities[i] - torchProbabilities[i]);
        if (difference > largest) {
          largest = difference;
          worst = n;
        }
      }
    }
    return new Classification(probabilities, predicted, correct, agreeing, largest, worst);
  }

  /**
   * Kiln's denoising of the noisy sample next to PyTorch's.
   *
   * @param noisy (size, 28, 28, 1): the sample with the script's noise
   * @param denoised (size, 28, 28, 1): Kiln's outputs
   * @param noiseMatches whether the noise equals, bit for bit, the noisy inputs PyTorch denoised
   * @param noisyMse mean squared error of the noisy images to the clean ones
   * @param denoisedMse the same for Kiln's outputs
   * @param largestDifference the largest |Kiln - PyTorch| over the outputs PyTorch saved
   * @param compared images PyTorch saved outputs for (the first ones)
   */
  record Denoising(float[] noisy, float[] denoised, boolean noiseMatches, double noisyMse, double denoisedMse,
      float largestDifference, int compared) {}

  static Denoising denoise(KilnDenoiser model, FashionSample sample, int batch, IntConsumer progress) {
    float[] noisy = sample.noisy();
    float[] denoised = new float[noisy.length];
    for (int start = 0; start < sample.size; start += batch) {
      int count = Math.min(batch, sample.size - start);
      float[] out = model.predict(Arrays.copyOfRange(noisy, start * FashionSample.PIXELS,
          (start + count) * FashionSample.PIXELS), count);
      System.arraycopy(out, 0, denoised, start * FashionSample.PIXELS, out.length);
      progress.accept(start + count);
    }
    float[] torchNoisy = FashionSample.floats("denoiser.noisy16.f32"); // (16, 28, 28, 1)
    float[] torchOutputs = FashionSample.floats("denoiser.outputs16.f32"); // (16, 28, 28, 1)
    boolean noiseMatches = Arrays.equals(torchNoisy, Arrays.copyOf(noisy, torchNoisy.length));
    float largest = 0;
    for (int i = 0; i < torchOutputs.length; i++) {
      largest = Math.max(largest, Math.abs(denoised[i] - torchOutputs[i]));
    }
    float[] clean = sample.scaled();
    return new Denoising(noisy, denoised, noiseMatches, mse(noisy, clean), mse(denoised, clean), largest,
        torchOutputs.length / FashionSample.PIXELS);
  }

  static double mse(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return sum / a.length;
  }

  static int argmax(float[] values, int offset, int length) {
    int best = 0;
    for (int k = 1; k < length; k++) {
      if (values[offset + k] > values[offset + best]) {
        best = k;
      }
    }
    return best;
  }
}
