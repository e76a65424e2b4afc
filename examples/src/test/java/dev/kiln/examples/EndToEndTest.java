package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import dev.kiln.weights.E2eFixtures;
import dev.kiln.weights.WeightFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end equality with the references for the sequential seed models, through the generated
 * classes: {@code KilnX.fromKeras(path)} for the safetensors, Keras 2 {@code .h5} and Keras 3
 * {@code .weights.h5} files, {@code KilnX.fromPyTorch(path)} for the PyTorch {@code state_dict}, then
 * {@code predict} on the batch of inputs the references ran and {@code forward} on its first example.
 * The fixtures are written by {@code reference/e2e/make_e2e.py} and {@code tfjs_e2e.js} (see
 * reference/e2e/README.md; the large layers' weights are sparse so that their files compress, and
 * large outputs are compared at every stride-th float). The graph models (UNet, SameUNet, ResNetStack)
 * are not here: the runtime does not run graphs yet.
 *
 * <p>Tolerance per element: {@code 1e-5 * max(1, max|expected|) + 1e-4 * |expected|}, as for the
 * runtime's per-layer fixtures.
 */
class EndToEndTest {
  static final double ABS = 1e-5;
  static final double REL = 1e-4;
  static final E2eFixtures FIXTURES = E2eFixtures.in("/e2e/seeds");
  private static final Map<String, double[]> LARGEST = new TreeMap<>();

  /** A generated class loaded from a file: its batch {@code predict} and its one-example {@code forward}. */
  record Loaded(CheckedModel model, Runner predict, UnaryOperator<float[]> forward) {}

  interface Runner {
    float[] predict(float[] inputs, int batch);
  }

  interface Loader {
    Loaded load(Path file, boolean pyTorch) throws WeightFileException;
  }

  static final Map<String, Loader> MODELS = Map.of(
      "Denoiser", (file, torch) -> {
        KilnDenoiser m = torch ? KilnDenoiser.fromPyTorch(file) : KilnDenoiser.fromKeras(file);
        return new Loaded(KilnDenoiser.model(), m::predict, x -> m.forward(KilnDenoiser.Input.of(x)).toArray());
      },
      "TutorialCnn", (file, torch) -> {
        KilnTutorialCnn m = torch ? KilnTutorialCnn.fromPyTorch(file) : KilnTutorialCnn.fromKeras(file);
        return new Loaded(KilnTutorialCnn.model(), m::predict, x -> m.forward(KilnTutorialCnn.Input.of(x)).toArray());
      },
      "StridedStack", (file, torch) -> {
        KilnStridedStack m = torch ? KilnStridedStack.fromPyTorch(file) : KilnStridedStack.fromKeras(file);
        return new Loaded(KilnStridedStack.model(), m::predict,
            x -> m.forward(KilnStridedStack.Input.of(x)).toArray());
      },
      "CifarFirstLayer", (file, torch) -> {
        KilnCifarFirstLayer m = torch ? KilnCifarFirstLayer.fromPyTorch(file) : KilnCifarFirstLayer.fromKeras(file);
        return new Loaded(KilnCifarFirstLayer.model(), m::predict,
            x -> m.forward(KilnCifarFirstLayer.Input.of(x)).toArray());
      },
      "Downsampler", (file, torch) -> {
        KilnDownsampler m = torch ? KilnDownsampler.fromPyTorch(file) : KilnDownsampler.fromKeras(file);
        return new Loaded(KilnDownsampler.model(), m::predict, x -> m.forward(KilnDownsampler.Input.of(x)).toArray());
      },
      "TransposedDecoder", (file, torch) -> {
        KilnTransposedDecoder m = torch ? KilnTransposedDecoder.fromPyTorch(file)
            : KilnTransposedDecoder.fromKeras(file);
        return new Loaded(KilnTransposedDecoder.model(), m::predict,
            x -> m.forward(KilnTransposedDecoder.Input.of(x)).toArray());
      });

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (E2eFixtures.Entry entry : FIXTURES.entries()) {
      for (String reference : entry.references()) {
        for (String file : E2eFixtures.KERAS_FILES) {
          all.add(Arguments.of(entry.name(), file, reference));
        }
        all.add(Arguments.of(entry.name(), E2eFixtures.TORCH_FILE, reference));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}.{1} vs {2}")
  @MethodSource("cases")
  void outputsEqualTheReference(String name, String file, String reference) throws WeightFileException {
    E2eFixtures.Entry entry = FIXTURES.entry(name);
    boolean torch = file.equals(E2eFixtures.TORCH_FILE);
    Loaded loaded = MODELS.get(name).load(FIXTURES.file(name + "." + file), torch);
    int inputSize = loaded.model().inputShape().size();
    float[] inputs = E2eFixtures.inputs(name, entry.batch() * inputSize);
    float[] outputs = loaded.predict().predict(inputs, entry.batch());
    float[] expected = FIXTURES.floats(name + "." + reference + ".bin");
    double largest = E2eFixtures.assertClose(name + "." + file + " vs " + reference, expected, outputs,
        entry.stride(), loaded.model().outputShape(), ABS, REL);
    float[] first = loaded.forward().apply(Arrays.copyOf(inputs, inputSize));
    assertArrayEquals(Arrays.copyOf(outputs, first.length), first, name + ": forward gives predict's first example");
    synchronized (LARGEST) {
      LARGEST.merge(reference + " from " + (torch ? "PyTorch" : "Keras") + " files", new double[] {largest},
          (a, b) -> a[0] >= b[0] ? a : b);
    }
  }

  /** Every sequential example model has fixtures and is compared with PyTorch, and tfjs unless it cannot. */
  @Test
  void everySequentialExampleHasAReference() {
    assertEquals(MODELS.keySet(), new HashSet<>(FIXTURES.entries().stream()
        .map(E2eFixtures.Entry::name).toList()));
    for (E2eFixtures.Entry entry : FIXTURES.entries()) {
      assertTrue(entry.references().contains("torch"), entry.name());
      assertTrue(entry.references().contains("tfjs") || entry.missing().startsWith("no tfjs: "), entry.name());
    }
  }

  @AfterAll
  static void summary() {
    LARGEST.forEach((what, largest) -> System.out.printf("seed models end to end, largest difference vs %s: %.3e%n",
        what, largest[0]));
  }
}
