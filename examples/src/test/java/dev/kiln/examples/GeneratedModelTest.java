package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The generated classes, used as an application would: typed tensors, forward, batches, threads. */
class GeneratedModelTest {

  private static float[] random(int size, long seed) {
    Random random = new Random(seed);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextFloat();
    }
    return values;
  }

  @Test
  void forwardEqualsTheNetworkWithTheSameWeights() {
    float[] image = random(KilnDenoiser.Input.SIZE, 1);
    float[] expected = Network.create(KilnDenoiser.model(), Weights.random(KilnDenoiser.model(), 7))
        .predict(image, 1);
    KilnDenoiser.Output output = KilnDenoiser.randomInit(7).forward(KilnDenoiser.Input.of(image));
    assertArrayEquals(expected, output.toArray());
    assertEquals(28 * 28, KilnDenoiser.Output.SIZE);
  }

  @Test
  void batchEqualsOneExampleAtATime() {
    KilnTutorialCnn model = KilnTutorialCnn.randomInit(3);
    int batch = 5;
    float[] images = random(batch * KilnTutorialCnn.Input.SIZE, 2);
    float[] scores = model.predict(images, batch);
    for (int n = 0; n < batch; n++) {
      float[] one = new float[KilnTutorialCnn.Input.SIZE];
      System.arraycopy(images, n * one.length, one, 0, one.length);
      KilnTutorialCnn.Output output = model.forward(KilnTutorialCnn.Input.of(one));
      for (int k = 0; k < KilnTutorialCnn.Output.UNITS; k++) {
        assertEquals(scores[n * 10 + k], output.get(k), 1e-6f);
      }
      assertTrue(output.argmax() >= 0 && output.argmax() < 10);
    }
  }

  @Test
  void wrongSizesAndIndicesAreClearErrors() {
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> KilnDenoiser.Input.of(new float[100]));
    assertEquals("expected 784 floats for input (28, 28, 1), received 100", wrong.getMessage());
    KilnDenoiser.Input input = KilnDenoiser.Input.zeros();
    input.set(27, 0, 0, 1f);
    assertEquals(1f, input.get(27, 0, 0));
    IndexOutOfBoundsException index = assertThrows(IndexOutOfBoundsException.class, () -> input.get(28, 0, 0));
    assertEquals("row 28 outside [0, 28)", index.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KilnDenoiser.randomInit(1).predict(new float[783], 1));
  }

  @Test
  void oneInstanceServesSeveralThreads() throws Exception {
    KilnDenoiser model = KilnDenoiser.randomInit(11);
    List<float[]> images = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      images.add(random(KilnDenoiser.Input.SIZE, 100 + i));
      expected.add(model.forward(KilnDenoiser.Input.of(images.get(i))).toArray());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          KilnDenoiser.Output out = KilnDenoiser.Output.zeros();
          for (int round = 0; round < 50; round++) {
            for (int i = 0; i < images.size(); i++) {
              model.forward(KilnDenoiser.Input.of(images.get(i)), out);
              if (!java.util.Arrays.equals(expected.get(i), out.toArray())) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void constantsAndMetadataComeFromTheCompiler() {
    assertEquals(8001L, KilnDenoiser.TOTAL_PARAMS);
    assertEquals(896L, KilnCifarFirstLayer.TOTAL_PARAMS);
    assertEquals(10, KilnTutorialCnn.OUTPUT_UNITS);
    assertEquals("conv_3", KilnStridedStack.model().layers().get(3).name());
    assertEquals("(None, 10, 10, 24)", KilnStridedStack.model().layers().get(3).output().toString());
    assertEquals(KilnDenoiser.summary(), dev.kiln.shape.Summary.render(KilnDenoiser.model()));
  }
}
