package dev.kiln.examples;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import java.util.Locale;

/**
 * The program a newcomer runs first: the seed models' summaries, computed by the compiler (the
 * generated {@code Kiln*} classes hold them), then the denoiser running in plain Java.
 */
public final class Tour {
  private Tour() {}

  public static void main(String[] args) {
    System.out.println("Kiln checked every model below while javac compiled this module.");
    System.out.println("The summaries come from the generated Kiln* classes; nothing was run to get them.");
    System.out.println();
    for (String summary : new String[] {KilnDenoiser.summary(), KilnTutorialCnn.summary(),
        KilnStridedStack.summary(), KilnCifarFirstLayer.summary(), KilnDownsampler.summary(),
        KilnTransposedDecoder.summary()}) {
      System.out.println(summary);
    }
    runDenoiser();
  }

  /** The denoiser with Keras's default initialisation (trained weights are the next step). */
  private static void runDenoiser() {
    CheckedModel model = KilnDenoiser.model();
    Network network = Network.create(model, Weights.random(model, 42));
    int batch = 32;
    // (batch, 28, 28, 1), row-major: a diagonal stripe per image
    float[] images = new float[batch * KilnDenoiser.INPUT_HEIGHT * KilnDenoiser.INPUT_WIDTH];
    for (int i = 0; i < images.length; i++) {
      int pixel = i % (28 * 28);
      images[i] = Math.abs(pixel / 28 - pixel % 28) < 3 ? 1f : 0f;
    }
    float[] restored = new float[images.length];
    for (int warmup = 0; warmup < 200; warmup++) {
      network.predict(images, restored, batch);
    }
    int calls = 300;
    long start = System.nanoTime();
    for (int call = 0; call < calls; call++) {
      network.predict(images, restored, batch);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double imagesPerSecond = calls * batch / seconds;
    System.out.printf(Locale.ROOT, "Denoiser %s -> %s, randomly initialised: %,.0f images/s at batch %d "
            + "(%.1f GFLOP/s, %.1f us per image)%n", model.inputShape(), model.outputShape(), imagesPerSecond,
        batch, 2.0 * model.macs() * imagesPerSecond / 1e9, 1e6 / imagesPerSecond);
  }
}
