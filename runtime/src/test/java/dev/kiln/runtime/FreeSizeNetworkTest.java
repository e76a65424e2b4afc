package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.FixtureLayers;
import dev.kiln.shape.FreeSizes;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.TensorShape;
import dev.kiln.weights.WeightFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SAME U-Net declared with a free height and width runs at every size PyTorch ran it at
 * (reference/graph-outputs/free_sizes.py: the same_unet32 weights at 16x16, 48x32, 32x64, 80x16),
 * from one set of weights, within the graph-output tolerances.
 */
class FreeSizeNetworkTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sameUNet32() throws Exception {
    return FixtureLayers.cases("/graph-outputs/models.jsonl")
        .map(a -> (Map<String, Object>) a.get()[1]).filter(m -> m.get("id").equals("same_unet32"))
        .findFirst().orElseThrow();
  }

  private static ModelSpec freeSameUNet() throws Exception {
    CheckedModel fixed = GraphOutputsTest.model(sameUNet32());
    ModelSpec spec = fixed.spec();
    List<ModelSpec.InputSpec> inputs = List.of(new ModelSpec.InputSpec(spec.inputName(),
        new int[] {FreeSizes.ANY, FreeSizes.ANY, 3}));
    return new ModelSpec("SameUNetFree", inputs, spec.layers(), spec.outputs());
  }

  @Test
  @SuppressWarnings("unchecked")
  void runsAtEverySizeFromOneSetOfWeights() throws Exception {
    ModelSpec spec = freeSameUNet();
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertEquals("H ≥ 16 with H ≡ 0 (mod 16)", resolved.axes().get(0).describe());
    CheckedModel smallest = ShapeChecker.check(resolved.concrete());
    Map<String, Object> files = (Map<String, Object>) sameUNet32().get("weights");
    Weights weights = WeightFiles.readPyTorch(GraphOutputsTest.resource((String) files.get("torch")), smallest,
        (Map<String, String>) files.get("modules"));
    FreeSizeNetwork network = FreeSizeNetwork.create(spec, weights, GraphOutputsTest.THREADS);

    Map<String, Object> fixture = FixtureLayers.cases("/graph-outputs/same_unet_free.jsonl")
        .map(a -> (Map<String, Object>) a.get()[1]).findFirst().orElseThrow();
    int batch = ((Long) fixture.get("batch")).intValue();
    float[] all = GraphOutputsTest.floats("same_unet_free.bin");
    int at = 0;
    for (Map<String, Object> size : (List<Map<String, Object>>) fixture.get("sizes")) {
      int height = ((Long) size.get("height")).intValue();
      int width = ((Long) size.get("width")).intValue();
      float[] input = GraphOutputsTest.lcg((Long) size.get("inputSeed"), batch * height * width * 3);
      TensorShape out = network.outputShape(height, width);
      assertEquals(TensorShape.image(height, width, 1), out);
      float[] expected = Arrays.copyOfRange(all, at, at + batch * out.size());
      at += batch * out.size();
      float[] actual = network.predict(input, batch, height, width);
      double largest = GraphOutputsTest.compare("free SAME U-Net at " + height + "x" + width, expected, actual, out, 0);
      System.out.printf("free SAME U-Net at %dx%d: largest difference from PyTorch %.2e%n", height, width, largest);
      // The same plan serves a repeated size.
      assertSame(network.at(height, width), network.at(height, width));
    }
    assertEquals(all.length, at);
  }

  @Test
  void aSizeOutsideTheSetNamesTheRuleAndTheNearestSizes() throws Exception {
    ModelSpec spec = freeSameUNet();
    CheckedModel smallest = ShapeChecker.check(FreeSizes.resolve(spec).concrete());
    FreeSizeNetwork network = FreeSizeNetwork.create(spec, Weights.random(smallest, 7), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.at(40, 32));
    assertEquals("model `SameUNetFree` does not accept a height of 40: it needs H ≥ 16 with H ≡ 0 (mod 16); "
        + "nearest accepted: 32 and 48", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> network.at(32, 7));
  }

  @Test
  void keepsABoundedNumberOfPlans() throws Exception {
    ModelSpec spec = freeSameUNet();
    CheckedModel smallest = ShapeChecker.check(FreeSizes.resolve(spec).concrete());
    FreeSizeNetwork network = FreeSizeNetwork.create(spec, Weights.random(smallest, 7), 1);
    List<Network> first = new ArrayList<>();
    for (int i = 1; i <= FreeSizeNetwork.CACHED_SIZES + 2; i++) {
      first.add(network.at(16 * i, 16));
    }
    assertSame(first.get(first.size() - 1), network.at(16 * (FreeSizeNetwork.CACHED_SIZES + 2), 16));
    assertTrue(first.get(0) != network.at(16, 16), "the least recently used size was planned again");
  }

  /** Finding a size's plan allocates nothing (the plan's own calls are NetworkTest's concern). */
  @Test
  void findingARepeatedSizeAllocatesNothing() throws Exception {
    ModelSpec spec = freeSameUNet();
    CheckedModel smallest = ShapeChecker.check(FreeSizes.resolve(spec).concrete());
    FreeSizeNetwork network = FreeSizeNetwork.create(spec, Weights.random(smallest, 7), 1);
    network.at(32, 48);
    network.at(48, 32);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocated = Long.MAX_VALUE;
    for (int round = 0; round < 50 && allocated > 0; round++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 10_000; i++) {
        network.at(i % 2 == 0 ? 32 : 48, i % 2 == 0 ? 48 : 32);
      }
      allocated = threads.getCurrentThreadAllocatedBytes() - before;
    }
    assertEquals(0, allocated, "bytes allocated by 10,000 lookups of two planned sizes");
  }
}
