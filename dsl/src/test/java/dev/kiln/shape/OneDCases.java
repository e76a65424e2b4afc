package dev.kiln.shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 1-D family's reference fixture, {@code /conformance/oned.jsonl} (reference/oned/README.md): one
 * case per line, with the architecture, the input and weights PyTorch ran, and per reference that
 * ran it ({@code torch}, {@code tfjs}) its verdict, shapes, parameter counts and output.
 */
public final class OneDCases {
  private OneDCases() {}

  /** Every case, parsed. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> all() {
    List<Map<String, Object>> cases = new ArrayList<>();
    try {
      FixtureLayers.cases("/conformance/oned.jsonl").forEach(a -> cases.add((Map<String, Object>) a.get()[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  /** What reference {@code name} found for the case, or {@code null} if it did not run it. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> reference(Map<String, Object> c, String name) {
    return (Map<String, Object>) ((Map<String, Object>) c.get("references")).get(name);
  }

  /** The case checked by Kiln: layers named {@code layer0}, {@code layer1}, ... after the input {@code input}. */
  @SuppressWarnings("unchecked")
  public static CheckedModel model(Map<String, Object> c) {
    List<Map<String, Object>> layers = (List<Map<String, Object>>) c.get("layers");
    List<ModelSpec.LayerSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      specs.add(new ModelSpec.LayerSpec("layer" + i, FixtureLayers.rule(layers.get(i)), null));
    }
    return ShapeChecker.check(new ModelSpec((String) c.get("id"), "input", FixtureLayers.ints(c.get("input")), specs));
  }

  /** A JSON list of numbers as float32 values (the fixture writes each with 9 significant digits). */
  public static float[] floats(Object list) {
    List<?> values = (List<?>) list;
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }
}
