package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ResNet50 and MobileNetV2 written with blocks ({@link ResNet50Blocks}, {@link MobileNetV2Blocks})
 * expand to the very networks {@link Applications} builds layer by layer: the same layers, in the same
 * order, with the same names, attributes and inputs, and keras.io's parameter totals.
 */
class BlockNetworksTest {

  static CheckedModel blocks(String name) {
    return name.equals("resnet50") ? KilnResNet50Blocks.model() : KilnMobileNetV2Blocks.model();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"resnet50, 25636712", "mobilenetv2, 3538984"})
  void expandsToTheHandWrittenNetwork(String name, long params) {
    CheckedModel hand = Applications.model(name);
    CheckedModel block = blocks(name);
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < Math.max(hand.layers().size(), block.layers().size()); i++) {
      String a = i < hand.layers().size() ? describe(hand.layers().get(i)) : "(none)";
      String b = i < block.layers().size() ? describe(block.layers().get(i)) : "(none)";
      if (!a.equals(b)) {
        differences.add("layer " + i + ":\n  by hand " + a + "\n  blocks  " + b);
      }
    }
    assertTrue(differences.isEmpty(), () -> differences.size() + " layers differ:\n"
        + String.join("\n", differences.subList(0, Math.min(5, differences.size()))));
    assertEquals(hand.layers().size(), block.layers().size());
    assertEquals(params, block.totalParams(), name + " parameters (keras.io)");
  }

  /**
   * DenseNet121 has no hand-built twin here: its dense layer and transition are blocks too, with Keras's
   * names, keras.io's total and Keras's {@code len(model.layers)}, 429 (the input included).
   */
  @org.junit.jupiter.api.Test
  void denseNet121WithBlocks() {
    CheckedModel model = KilnDenseNet121Blocks.model();
    assertEquals(8_062_504, model.totalParams());
    assertEquals(429, model.layers().size());
    assertEquals(List.of("conv2_block6_concat", "pool2_bn", "pool2_relu", "pool2_conv", "pool2_pool", "conv3_block1_0_bn"),
        model.layers().stream().map(LayerInfo::name).toList().subList(48, 54));
    assertEquals(List.of("pool2_pool", "conv3_block1_2_conv"), model.layer("conv3_block1_concat").sources());
    assertEquals(128, model.layer("pool2_conv").output().dims()[2]);
  }

  /** The JSON report lists the expanded layers, as the summary does. */
  @org.junit.jupiter.api.Test
  void reportListsTheExpandedLayers() throws java.io.IOException {
    try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/kiln/dev.kiln.bench.ResNet50Blocks.json")) {
      String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(177, json.split("\"type\"\\s*:", -1).length - 1, "one entry per layer, the input included");
      assertTrue(json.matches("(?s).*\"name\"\\s*:\\s*\"conv4_block5_2_bn\".*"), json.substring(0, 200));
    }
  }

  /**
   * Name, kind, every attribute of the rule (its record components, arrays by content, an int written for a
   * pair as the pair), the fields it reads, its output shape and parameter count.
   */
  static String describe(LayerInfo layer) {
    return layer.name() + " " + layer.typeName() + " " + components(layer.rule()) + " reads " + layer.sources()
        + " -> " + layer.output() + " params " + layer.params();
  }

  private static String components(Object value) {
    if (value == null) {
      return "-";
    }
    if (value.getClass().isArray()) {
      // `kernelSize = 7` is `kernelSize = {7, 7}`, in Kiln as in Keras: compare the pair
      return value instanceof int[] ints ? Arrays.toString(ints.length == 1 ? new int[] {ints[0], ints[0]} : ints)
          : value instanceof double[] reals ? Arrays.toString(reals) : Arrays.deepToString((Object[]) value);
    }
    if (!value.getClass().isRecord()) {
      return String.valueOf(value);
    }
    StringBuilder text = new StringBuilder(value.getClass().getSimpleName()).append('(');
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      try {
        text.append(component.getName()).append('=').append(components(component.getAccessor().invoke(value))).append(' ');
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return text.append(')').toString();
  }
}
