package dev.kiln.examples;

import dev.kiln.runtime.Weights;
import dev.kiln.weights.WeightFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The program a newcomer runs first (the README's demo command): two networks declared in Java and
 * checked by javac, with weights PyTorch trained on Fashion-MNIST ({@code reference/training/train.py}),
 * run in plain Java on 1,000 test images and compared, image for image, with PyTorch's outputs.
 * The one argument is the folder for the PNG sheet (default {@code target}).
 */
public final class FashionDemo {
  private static final int BATCH = 100;
  private static final int SHEET_IMAGES = 8;
  private static final int SHEET_SCALE = 4;
  /** Timed passes over the sample; the fastest counts, as the others were slowed by other programs. */
  private static final int PASSES = 3;

  private FashionDemo() {}

  public static void main(String[] args) throws IOException, WeightFileException {
    Path folder = Path.of(args.length > 0 ? args[0] : "target");
    System.out.println("Kiln demo: Fashion-MNIST with two networks declared in Java. javac checked their shapes;");
    System.out.println("PyTorch trained them (reference/training/train.py); Kiln runs them in plain Java.");
    System.out.println();
    System.out.println("The classifier as javac saw it (KilnTutorialCnn.summary(), computed at compile time):");
    System.out.print(KilnTutorialCnn.summary());
    FashionSample sample = FashionSample.load();
    System.out.printf(Locale.ROOT, "%nSample: the first %,d Fashion-MNIST test images, %d threads%n", sample.size,
        Runtime.getRuntime().availableProcessors());
    boolean ok = classify(sample);
    ok &= denoise(sample, folder);
    if (!ok) {
      System.out.println("\nFAILED: Kiln's outputs differ from PyTorch's (see above).");
      System.exit(1);
    }
  }

  private static boolean classify(FashionSample sample) throws WeightFileException {
    System.out.printf(Locale.ROOT, "%n1. Classifier: TutorialCnn, %,d parameters (float16 weights)%n",
        KilnTutorialCnn.TOTAL_PARAMS);
    KilnTutorialCnn model = KilnTutorialCnn.withWeights(load(FashionCheck.CNN_KERAS, FashionCheck.CNN_TORCH,
        KilnTutorialCnn.model()));
    long start = System.nanoTime();
    FashionCheck.Classification result = FashionCheck.classify(model, sample, BATCH,
        progress("classifying " + String.format(Locale.ROOT, "%,d", sample.size) + " images", sample.size));
    System.out.printf(Locale.ROOT, " (%.1f s)%n", (System.nanoTime() - start) / 1e9);
    int torchCorrect = sample.referenceInt("cnn.sample.correct");
    System.out.printf(Locale.ROOT, "   accuracy %.1f%% (%d/%d); PyTorch %.1f%% (%d/%d), and %.2f%% on all 10,000 test "
            + "images%n", 100.0 * result.correct() / sample.size, result.correct(), sample.size,
        100.0 * torchCorrect / sample.size, torchCorrect, sample.size, 100 * sample.referenceDouble("cnn.test.accuracy"));
    System.out.printf(Locale.ROOT, "   same class as PyTorch: %d/%d images; largest probability difference %.2g "
        + "(image %d)%n", result.agreeing(), sample.size, result.largestDifference(), result.worstImage());
    printExamples(sample, result);
    float[] images = sample.scaled();
    float[] scores = new float[sample.size * FashionSample.CLASSES];
    timing(model::predict, images, scores, sample.size, FashionSample.PIXELS, FashionSample.CLASSES, 100);
    return result.agreeing() == sample.size && result.correct() == torchCorrect;
  }

  private static boolean denoise(FashionSample sample, Path folder) throws IOException, WeightFileException {
    System.out.printf(Locale.ROOT, "%n2. Denoiser: Denoiser, %,d parameters (float32 weights)%n",
        KilnDenoiser.TOTAL_PARAMS);
    KilnDenoiser model = KilnDenoiser.withWeights(load(FashionCheck.DENOISER_KERAS, FashionCheck.DENOISER_TORCH,
        KilnDenoiser.model()));
    long start = System.nanoTime();
    FashionCheck.Denoising result = FashionCheck.denoise(model, sample, BATCH, progress("adding noise (sigma "
        + sample.reference.getProperty("noise.sigma") + ", seed " + sample.reference.getProperty("noise.seed")
        + "), denoising", sample.size));
    System.out.printf(Locale.ROOT, " (%.1f s)%n", (System.nanoTime() - start) / 1e9);
    System.out.println("   noisy images " + (result.noiseMatches() ? "identical" : "DIFFERENT") + " to PyTorch's, bit "
        + "for bit (the first " + result.compared() + ")");
    System.out.printf(Locale.ROOT, "   mean squared error to the clean images: noisy %.4f, denoised %.4f (PyTorch %.4f)%n",
        result.noisyMse(), result.denoisedMse(), sample.referenceDouble("denoiser.sample.denoisedMse"));
    System.out.printf(Locale.ROOT, "   largest difference from PyTorch's outputs (first %d images): %.2g%n",
        result.compared(), result.largestDifference());
    float[] clean = sample.scaled();
    Path sheet = ImageSheet.write(folder.resolve("fashion-denoised.png"),
        new float[][] {result.noisy(), result.denoised(), clean}, SHEET_IMAGES, FashionSample.SIDE, SHEET_SCALE);
    System.out.println("   picture (rows: noisy | denoised | clean): " + sheet);
    timing(model::predict, result.noisy(), new float[clean.length], sample.size, FashionSample.PIXELS,
        FashionSample.PIXELS, 300);
    return result.noiseMatches() && result.largestDifference() < 1e-4f;
  }

  /** Both weight files through WeightFiles; they must give identical tensors. */
  private static Weights load(String kerasFile, String torchFile, dev.kiln.shape.CheckedModel model)
      throws WeightFileException {
    long start = System.nanoTime();
    Weights keras = FashionCheck.keras(kerasFile, model);
    System.out.printf(Locale.ROOT, "   read %s (Keras layout) in %.0f ms%n", kerasFile, (System.nanoTime() - start) / 1e6);
    start = System.nanoTime();
    Weights torch = FashionCheck.pytorch(torchFile, model);
    String difference = FashionCheck.firstDifference(keras, torch);
    System.out.printf(Locale.ROOT, "   read %s (PyTorch state_dict) in %.0f ms: %s%n", torchFile,
        (System.nanoTime() - start) / 1e6, difference == null ? "identical after conversion" : "DIFFERS at " + difference);
    if (difference != null) {
      throw new IllegalStateException("the Keras-layout and PyTorch weight files differ at " + difference);
    }
    return keras;
  }

  private static void printExamples(FashionSample sample, FashionCheck.Classification result) {
    StringBuilder line = new StringBuilder("   first images:");
    for (int n = 0; n < 4; n++) {
      line.append(String.format(Locale.ROOT, " %s (%s, %.0f%%)%s", FashionSample.CLASS_NAMES[result.predicted()[n]],
          result.predicted()[n] == sample.labels[n] ? "right" : "wrong",
          100 * result.probabilities()[n * FashionSample.CLASSES + result.predicted()[n]], n < 3 ? "," : ""));
    }
    System.out.println(line);
  }

  /** Kiln's batch method, as {@code model::predict}. */
  interface Batched {
    void predict(float[] inputs, float[] outputs, int batch);
  }

  /**
   * Throughput over the whole sample at {@link #BATCH} images per call (the fastest of {@link #PASSES}
   * passes), then the median latency of {@code singles} one-image calls. The JIT is warm: the sample
   * has just run through the model.
   */
  private static void timing(Batched model, float[] inputs, float[] outputs, int images, int inSize, int outSize,
      int singles) {
    float[] in = Arrays.copyOf(inputs, BATCH * inSize);
    float[] out = new float[BATCH * outSize];
    long best = Long.MAX_VALUE;
    for (int pass = 0; pass < PASSES; pass++) {
      long start = System.nanoTime();
      for (int done = 0; done < images; done += BATCH) {
        System.arraycopy(inputs, done * inSize, in, 0, BATCH * inSize);
        model.predict(in, out, BATCH);
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    double perSecond = images / (best / 1e9);
    float[] one = new float[inSize];
    float[] result = new float[outSize];
    long[] nanos = new long[singles];
    for (int i = 0; i < singles; i++) {
      System.arraycopy(inputs, (i % images) * inSize, one, 0, inSize);
      long begin = System.nanoTime();
      model.predict(one, result, 1);
      nanos[i] = System.nanoTime() - begin;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "   throughput %,.0f images/s (batches of %d, best of %d passes); latency %.2f ms "
        + "per image (batch 1, median of %d)%n", perSecond, BATCH, PASSES, nanos[singles / 2] / 1e6, singles);
  }

  /** Prints "label: 100 200 ... size" on one line as the images get done. */
  private static IntConsumer progress(String label, int total) {
    System.out.print("   " + label + ":");
    System.out.flush();
    int step = Math.max(1, total / 10);
    return done -> {
      if (done % step == 0 || done == total) {
        System.out.print(" " + done);
        System.out.flush();
      }
    };
  }
}
