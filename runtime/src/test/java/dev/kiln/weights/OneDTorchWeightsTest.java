package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.OneDCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 1-D family's PyTorch layouts: each valid case's weights as the equivalent PyTorch model's
 * {@code state_dict} (Conv1d {@code (out, in/groups, k)}, ConvTranspose1d {@code (in, out, k)}, a
 * Linear after flattening an NCL tensor), written to a safetensors file, read by
 * {@link WeightFiles#readPyTorch} and run: the output must be PyTorch's (reference/oned).
 */
class OneDTorchWeightsTest {
  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return OneDCases.all().stream().filter(c -> c.get("stateDict") != null).map(c -> Arguments.of(c.get("id"), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void readsTheStateDict(String id, Map<String, Object> c) throws IOException, WeightFileException {
    CheckedModel model = OneDCases.model(c);
    SafetensorsBuilder file = new SafetensorsBuilder();
    for (Map<String, Object> t : (List<Map<String, Object>>) c.get("stateDict")) {
      long[] dims = ((List<?>) t.get("dims")).stream().mapToLong(d -> ((Number) d).longValue()).toArray();
      file.f32((String) t.get("name"), dims, OneDCases.floats(t.get("values")));
    }
    Path path = dir.resolve(id + ".torch.safetensors");
    Files.write(path, file.build());
    Weights weights = WeightFiles.readPyTorch(path, model);
    float[] actual = Network.create(model, weights, 1).predict(OneDCases.floats(c.get("inputValues")), 2);
    float[] expected = OneDCases.floats(OneDCases.reference(c, "torch").get("output"));
    assertEquals(expected.length, actual.length);
    ReferenceOutputsTest.assertClose(id + " from its state_dict", expected, actual);
  }
}
