package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format make_fixtures.py wrote loads to exactly the weights it drew ({@code .weights.bin});
 * float16 and bfloat16 files to those weights rounded to their precision.
 */
class FormatsTest {
  static final String[] KERAS_FORMATS = {"keras.safetensors", "keras2.h5", "keras2_full.h5", "weights.h5", "keras"};
  /** mlp's PyTorch modules are named stem, norm, head: their names do not sort in declaration order. */
  static final Map<String, String> MLP_MODULES = Map.of("fc1", "stem", "bn1", "norm", "fc2", "head");

  static Stream<Arguments> kerasFiles() {
    List<Arguments> all = new ArrayList<>();
    for (String model : WeightCases.models().keySet()) {
      for (String format : KERAS_FORMATS) {
        all.add(Arguments.of(model, model + "." + format));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kerasFiles")
  void kerasFormatsLoadTheSameWeights(String name, String file) throws WeightFileException {
    CheckedModel model = WeightCases.model(name);
    assertSame(WeightCases.expected(model), WeightFiles.readKeras(WeightCases.path(file), model), 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.kiln.weights.WeightCases#names")
  void halfPrecisionSafetensors(String name) throws WeightFileException {
    CheckedModel model = WeightCases.model(name);
    Weights expected = WeightCases.expected(model);
    // float16 keeps 11 significant bits, bfloat16 8: relative rounding error at most 2^-11 and 2^-8.
    assertSame(expected, WeightFiles.readKeras(WeightCases.path(name + ".keras.f16.safetensors"), model), 0x1p-11);
    assertSame(expected, WeightFiles.readKeras(WeightCases.path(name + ".keras.bf16.safetensors"), model), 0x1p-8);
  }

  @Test
  void pytorchStateDictInDeclarationOrder() throws WeightFileException {
    // nn.Sequential modules 0..16: `10` sorts after `9`, as declared (a plain string sort would put it after `1`).
    CheckedModel model = WeightCases.model("cnn");
    assertSame(WeightCases.expected(model), WeightFiles.readPyTorch(WeightCases.path("cnn.torch.safetensors"), model), 0);
  }

  @Test
  void pytorchStateDictWithModuleMap() throws WeightFileException {
    CheckedModel model = WeightCases.model("mlp");
    Weights weights = WeightFiles.readPyTorch(WeightCases.path("mlp.torch.safetensors"), model, MLP_MODULES);
    assertSame(WeightCases.expected(model), weights, 0);
  }

  @Test
  void pytorchNamesOutOfOrderNeedTheMap() {
    CheckedModel model = WeightCases.model("mlp");
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readPyTorch(WeightCases.path("mlp.torch.safetensors"), model));
    String message = e.getMessage();
    // head (Linear 16->3) sorts first and is offered to fc1, which needs a (16, 6) weight.
    assertTrue(message.contains("layer `fc1` (Dense) tensor `kernel`: `head.weight` has shape (3, 16), expected (16, 6)"),
        message);
    assertTrue(message.contains("modules were matched in order: fc1 <- `head`, bn1 <- `norm`, fc2 <- `stem`"), message);
    assertTrue(message.contains("pass readPyTorch a map from layer to module"), message);
  }

  @Test
  void modelWithErrorsIsRefused() {
    CheckedModel broken = WeightCases.check("broken | 2,2,1 | conv:conv2d filters=1 kernel=3");
    assertThrows(IllegalArgumentException.class, () -> WeightFiles.readKeras(WeightCases.path("mlp.keras"), broken));
  }

  /** Same layers, same tensors, values equal within {@code relative * |expected|}. */
  static void assertSame(Weights expected, Weights actual, double relative) {
    assertEquals(List.copyOf(expected.layerNames()), List.copyOf(actual.layerNames()));
    for (String layer : expected.layerNames()) {
      assertEquals(List.copyOf(expected.layer(layer).keySet()), List.copyOf(actual.layer(layer).keySet()), layer);
      for (Map.Entry<String, float[]> tensor : expected.layer(layer).entrySet()) {
        float[] want = tensor.getValue();
        float[] got = actual.get(layer, tensor.getKey());
        String what = layer + "/" + tensor.getKey();
        if (relative == 0) {
          assertArrayEquals(want, got, what);
        } else {
          assertEquals(want.length, got.length, what);
          for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], relative * Math.abs(want[i]) + 1e-30, what + "[" + i + "]");
          }
        }
      }
    }
  }
}
