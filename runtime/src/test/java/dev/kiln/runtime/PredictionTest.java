package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTest {

  @Test
  void largestFirstTiesInIndexOrderNaNLast() {
    float[] scores = {0.1f, Float.NaN, 0.4f, 0.1f, 0.4f};
    List<Prediction> top = Prediction.topK(scores, 5, List.of("a", "b", "c", "d", "e"));
    assertEquals(List.of(new Prediction(2, "c", 0.4f), new Prediction(4, "e", 0.4f), new Prediction(0, "a", 0.1f),
        new Prediction(3, "d", 0.1f), new Prediction(1, "b", Float.NaN)), top);
    assertEquals("c (2): 0.4", top.get(0).toString());
    assertEquals("class 2: 0.4", Prediction.topK(scores, 1, null).get(0).toString());
  }

  @Test
  void rejectsKOutsideTheClassesAndWrongLabelCounts() {
    float[] scores = {1, 2, 3};
    assertEquals("k must be in [1, 3] for 3 classes; received 4",
        assertThrows(IllegalArgumentException.class, () -> Prediction.topK(scores, 4, null)).getMessage());
    assertEquals("k must be in [1, 3] for 3 classes; received 0",
        assertThrows(IllegalArgumentException.class, () -> Prediction.topK(scores, 0, null)).getMessage());
    assertEquals("2 labels for 3 classes",
        assertThrows(IllegalArgumentException.class, () -> Prediction.topK(scores, 1, List.of("a", "b"))).getMessage());
  }
}
