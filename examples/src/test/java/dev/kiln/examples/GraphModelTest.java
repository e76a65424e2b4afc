package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A graph model (residual blocks, a projection shortcut) through its generated class. */
class GraphModelTest {

  @Test
  void resNetGivesTenProbabilities() {
    KilnResNetStack model = KilnResNetStack.randomInit(1);
    KilnResNetStack.Input image = KilnResNetStack.Input.zeros();
    for (int row = 0; row < KilnResNetStack.Input.HEIGHT; row++) {
      image.set(row, row, 0, 1f);
    }
    KilnResNetStack.Output classes = model.forward(image);
    double sum = 0;
    for (int k = 0; k < KilnResNetStack.Output.UNITS; k++) {
      sum += classes.get(k);
    }
    assertEquals(1.0, sum, 1e-5);
    assertEquals(10, KilnResNetStack.OUTPUT_UNITS);
  }

  @Test
  void batchEqualsOneExampleAtATime() {
    KilnResNetStack model = KilnResNetStack.randomInit(2);
    float[] images = new float[2 * KilnResNetStack.Input.SIZE];
    for (int i = 0; i < images.length; i++) {
      images[i] = (i * 7919 % 101) / 101f;
    }
    float[] both = model.predict(images, 2);
    float[] second = model.predict(java.util.Arrays.copyOfRange(images, KilnResNetStack.Input.SIZE, images.length), 1);
    for (int k = 0; k < 10; k++) {
      assertEquals(both[10 + k], second[k], 1e-6f);
    }
  }
}
