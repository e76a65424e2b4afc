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
