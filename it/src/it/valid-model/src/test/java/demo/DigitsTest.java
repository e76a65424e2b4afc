package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.Prediction;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class Kiln generated in the user's build, run there. */
class DigitsTest {
  @Test
  void generatedClassRuns() {
    assertEquals(28 * 28 * 1, KilnDigits.Input.SIZE);
    assertEquals(3, KilnDigits.OUTPUT_UNITS);
    KilnDigits model = KilnDigits.randomInit(7);
    BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(20, 20, 0, 255);
    KilnDigits.Output scores = model.forward(KilnDigits.Input.fromImage(image));
    float sum = 0;
    for (float p : scores.toArray()) {
      sum += p;
    }
    assertEquals(1f, sum, 1e-5f);
    List<Prediction> top = scores.topK(3);
    assertEquals(scores.argmax(), top.get(0).index());
    assertEquals(List.of("zero", "one", "two").get(top.get(0).index()), top.get(0).label());
    System.out.println("KilnDigits ran in the consumer project on Java " + Runtime.version().feature() + ": " + top);
  }
}
