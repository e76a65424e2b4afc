package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that do not fit the model: every problem is listed, naming layer, tensor, expected and found. */
class MismatchTest {
  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertProblems(WeightFileException e, String... expected) {
    assertEquals(List.of(expected), e.problems(), e.getMessage());
  }

  @Test
  void kerasNamesListEveryMissingUnexpectedAndMisshapenTensor() throws IOException {
    byte[] file = new SafetensorsBuilder().f32("fc1/kernel", 6, 8).f32("bn1/gamma", 16).f32("bn1/beta", 16)
        .f32("bn1/moving_mean", 16).f32("bn1/moving_variance", 16).f32("fc2/kernel", 16, 3)
        .raw("fc2/bias", "I64", new long[] {3}, new byte[24]).f32("fc3/kernel", 3, 3).f32("fc1/gamma", 16)
        .f32("loose", 1).build();
    CheckedModel model = WeightCases.model("mlp");
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readKeras(write("bad.safetensors", file), model));
    assertProblems(e,
        "layer `fc1` (Dense) tensor `kernel`: `fc1/kernel` has shape (6, 8), expected (6, 16)",
        "layer `fc1` (Dense) tensor `bias`: missing; expected `fc1/bias` with shape (16,)",
        "layer `fc2` (Dense) tensor `bias`: `fc2/bias` has dtype I64, expected a floating-point type (float32, "
            + "float16 or bfloat16)",
        "unexpected tensor `fc3/kernel` with shape (3, 3): model `mlp` has no layer `fc3`",
        "unexpected tensor `fc1/gamma` with shape (16,): layer `fc1` (Dense) has no such weight (kernel (6, 16), "
            + "bias (16,))",
        "unexpected tensor `loose` with shape (1,): Keras-layout names are `<layer>/<weight>`, e.g. `conv1/kernel`");
    assertTrue(e.getMessage().startsWith(dir.resolve("bad.safetensors") + ": 6 problems:\n  - layer `fc1`"));
  }

  @Test
  void keras2FileWithWrongTypeAndShape() {
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readKeras(WeightCases.path("hostile/wrong_types.h5"), WeightCases.model("mlp")));
    assertProblems(e,
        "layer `fc1` (Dense) tensor `kernel`: `/fc1/fc1/kernel:0` has dtype int32, expected a floating-point type "
            + "(float32, float16 or bfloat16)",
        "layer `fc2` (Dense) tensor `bias`: `/fc2/fc2/bias:0` has shape (4,), expected (3,)");
  }

  @Test
  void keras2LayersMatchInOrderWhenNoNameMatches() throws WeightFileException {
    CheckedModel renamed = WeightCases.parse("renamed | 6 | a:dense units=16 activation=relu; b:bn; "
        + "d:dropout rate=0.2; c:dense units=3");
    Weights weights = WeightFiles.readKeras(WeightCases.path("mlp.keras2.h5"), renamed);
    Weights expected = WeightCases.expected(WeightCases.model("mlp"));
    assertArrayEquals(expected.get("fc2", "kernel"), weights.get("c", "kernel"));
    assertArrayEquals(expected.get("bn1", "moving_variance"), weights.get("b", "moving_variance"));
  }

  @Test
  void keras3NumbersLayersPerClass() {
    CheckedModel bigger = WeightCases.parse("bigger | 6 | fc1:dense units=16 activation=relu; bn1:bn; "
        + "drop:dropout rate=0.2; fc2:dense units=3; fc3:dense units=2");
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readKeras(WeightCases.path("mlp.weights.h5"), bigger));
    assertProblems(e, "layer `fc3` (Dense): the file has no group `layers/dense_2`; expected kernel (3, 2), bias (2,)");
  }

  @Test
  void pytorchWrongMapListsEveryProblem() {
    CheckedModel model = WeightCases.model("mlp");
    Map<String, String> wrong = Map.of("fc1", "head", "bn1", "nowhere", "fc2", "stem", "fc9", "norm");
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readPyTorch(WeightCases.path("mlp.torch.safetensors"), model, wrong));
    String message = e.getMessage();
    for (String expected : new String[] {
        "layer `fc1` (Dense) tensor `kernel`: `head.weight` has shape (3, 16), expected (16, 6)",
        "layer `fc1` (Dense) tensor `bias`: `head.bias` has shape (3,), expected (16,)",
        "layer `bn1` (BatchNormalization): the module map gives `nowhere`, which is not a module in the file",
        "layer `fc2` (Dense) tensor `kernel`: `stem.weight` has shape (16, 6), expected (3, 16)",
        "the module map names `fc9`, which is not a layer with weights of model `mlp`",
        "unexpected tensor `norm.weight` with shape (16,): no layer of model `mlp` reads module `norm`"}) {
      assertTrue(message.contains(expected), "expected `" + expected + "` in:\n" + message);
    }
  }

  @Test
  void separableDepthwiseBiasIsUnexpected() throws IOException {
    CheckedModel model = WeightCases.parse("sep | 4,4,2 | s:separable filters=3 kernel=3");
    byte[] file = new SafetensorsBuilder().f32("0.weight", 2, 1, 3, 3).f32("0.bias", 2).f32("1.weight", 3, 2, 1, 1)
        .f32("1.bias", 3).build();
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readPyTorch(write("sep.safetensors", file), model));
    assertEquals("unexpected tensor `0.bias` with shape (2,): layer `s` (SeparableConv2D) reads module `0` and has no "
        + "use for `bias` (Keras's SeparableConv2D has no depthwise bias: use bias=False on the depthwise conv)",
        e.problems().get(0));
  }

  @Test
  void pytorchTooFewModules() throws IOException {
    CheckedModel model = WeightCases.model("mlp");
    byte[] file = new SafetensorsBuilder().f32("0.weight", 16, 6).f32("0.bias", 16).build();
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readPyTorch(write("short.safetensors", file), model));
    assertTrue(e.problems().contains("layer `bn1` (BatchNormalization): no PyTorch module with weights is left for it "
        + "(the file has 1); expected gamma (16,), beta (16,), moving_mean (16,), moving_variance (16,) in Keras layout"),
        e.getMessage());
  }

  @Test
  void denseAfterFlattenTakesTorchColumnsInChannelHeightWidthOrder() throws IOException, WeightFileException {
    CheckedModel model = WeightCases.parse("flat | 2,3,2 | f:flatten; fc:dense units=1");
    float[] torch = new float[12];
    for (int t = 0; t < 12; t++) {
      torch[t] = t;  // the weight of torch feature t is t
    }
    byte[] file = new SafetensorsBuilder().f32("1.weight", new long[] {1, 12}, torch).f32("1.bias", 1).build();
    float[] kernel = WeightFiles.readPyTorch(write("flat.safetensors", file), model).get("fc", "kernel");
    // Keras feature (h, w, c) is row (h * 3 + w) * 2 + c; torch's is (c * 2 + h) * 3 + w.
    for (int h = 0; h < 2; h++) {
      for (int w = 0; w < 3; w++) {
        for (int c = 0; c < 2; c++) {
          assertEquals((c * 2 + h) * 3 + w, kernel[(h * 3 + w) * 2 + c], "h=" + h + " w=" + w + " c=" + c);
        }
      }
    }
  }
}
