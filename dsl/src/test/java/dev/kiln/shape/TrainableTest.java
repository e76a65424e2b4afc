package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frozen layers ({@code trainable = false}) counted as Keras counts them: every weight of a frozen
 * layer is non-trainable (a frozen BatchNormalization's gamma and beta too), and moving statistics
 * are non-trainable whether or not the layer is frozen.
 */
class TrainableTest {

  private static CheckedModel check(Applications a) {
    CheckedModel model = ShapeChecker.check(a.spec("m"));
    assertFalse(model.hasErrors(), () -> model.problems().toString());
    return model;
  }

  /** conv 3x3, 3 -> 8 channels: 3*3*3*8 + 8 = 224; bn on 8: gamma, beta 16 and moving statistics 16; dense 8 -> 2: 18. */
  private static Applications small() {
    Applications a = new Applications("image", 6, 6, 3);
    String x = a.conv("conv", "image", 8, 3, 1, Padding.VALID, true, Activations.RELU);
    x = a.bn("bn", x, 1e-3);
    a.add("dense", new DenseRule(2, ActivationFunction.LINEAR, true), x);
    return a;
  }

  @Test
  void everythingTrainableButTheMovingStatistics() {
    CheckedModel model = check(small());
    assertEquals(224 + 16 + 18, model.trainableParams());
    assertEquals(16, model.nonTrainableParams());
  }

  @Test
  void aFrozenConvolutionMovesKernelAndBias() {
    Applications a = small();
    a.freezeFirst(1);
    CheckedModel model = check(a);
    assertEquals(16 + 18, model.trainableParams());
    assertEquals(224 + 16, model.nonTrainableParams());
    assertEquals(List.of(false, false), model.layer("conv").weights().stream().map(WeightSpec::trainable).toList());
    assertTrue(model.isFrozen(1));
    assertFalse(model.isFrozen(0));
  }

  @Test
  void aFrozenBatchNormalizationMovesGammaAndBeta() {
    Applications a = small();
    a.freezeFirst(2);
    CheckedModel model = check(a);
    assertEquals(18, model.trainableParams());
    assertEquals(224 + 32, model.nonTrainableParams());
    assertEquals(model.totalParams(), 224 + 32 + 18);
  }

  @Test
  void mobileNetV2AsKerasPublishesIt() {
    CheckedModel model = check(Applications.mobileNetV2(true));
    assertEquals(3_538_984, model.totalParams());
    assertEquals(34_112, model.nonTrainableParams());
  }

  /**
   * The fine-tuned MobileNetV2: the base without its top, its first 97 layers frozen (through
   * {@code block_10_project_BN}, as {@code for layer in base.layers[:98]: layer.trainable = False}),
   * then GlobalAveragePooling2D, Dense(256), Dense(128) and Dense(5). Keras reports 2,279,365
   * trainable and 340,096 non-trainable parameters: 2,223,872 + 361,477 - 305,984 and 34,112 + 305,984.
   */
  @Test
  void fineTunedMobileNetV2SplitsAsKerasDoes() {
    Applications a = Applications.mobileNetV2(false);
    int frozen = a.layers().indexOf(a.layers().stream().filter(l -> l.name().equals("block_10_project_BN"))
        .findFirst().orElseThrow()) + 1;
    assertEquals(97, frozen);
    a.freezeFirst(frozen);
    String x = a.add("pool", new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false), "out_relu");
    x = a.add("fc1", new DenseRule(256, ActivationFunction.of(Activations.RELU), true), x);
    x = a.add("fc2", new DenseRule(128, ActivationFunction.of(Activations.RELU), true), x);
    a.add("classes", new DenseRule(5, ActivationFunction.of(Activations.SOFTMAX), true), x);
    CheckedModel model = check(a);
    assertEquals(2_279_365, model.trainableParams());
    assertEquals(340_096, model.nonTrainableParams());
    String summary = Summary.render(model);
    assertTrue(summary.contains("Trainable params: 2,279,365\n"), summary);
    assertTrue(summary.matches("(?s).* Conv1 \\(Conv2D\\) +\\(None, 112, 112, 32\\) +864 +[0-9,]+ +N +input_1\n.*"),
        summary);
    assertTrue(summary.matches("(?s).* block_11_expand \\(Conv2D\\) .* Y +block_10_project_BN\n.*"), summary);
    assertTrue(summary.matches("(?s).* Conv1_relu \\(ReLU\\) .* - +bn_Conv1\n.*"), summary);
    String json = ModelReport.json(model);
    assertTrue(json.contains("{\"name\": \"bn_Conv1\", \"type\": \"BatchNormalization\", \"reads\": [\"Conv1\"], "
        + "\"output\": [112, 112, 32], \"params\": 128, \"macs\": 401408, \"trainable\": false, \"weights\": "
        + "[{\"name\": \"gamma\", \"shape\": [32], \"trainable\": false}"), json);
  }

  @Test
  void noTrainableColumnWhenNothingIsFrozen() {
    assertFalse(Summary.render(check(small())).contains(" Trainable "));
  }
}
