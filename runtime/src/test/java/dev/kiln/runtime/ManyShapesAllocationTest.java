package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service that runs many models in one JVM: every conformance case (convolutions, depthwise,
 * separable, transposed, dense and pooling layers of dozens of shapes, 1 and 2 threads, batch 1 and
 * 2) runs until its kernels are compiled, and only then does the denoiser reach its steady state,
 * which must still allocate nothing. In a JVM that had run the shapes of the whole test suite first,
 * JDK 25 once boxed the vector kernels' values (627 KB per denoiser call: both vector shapes had run,
 * see {@code VectorGemm}'s class comment), so this runs the shapes itself instead of relying on the suite's
 * order.
 */
@Tag("allocation")
class ManyShapesAllocationTest {

  @Test
  void denoiserAllocatesNothingAfterManyOtherShapes() {
    Random random = new Random(11);
    for (int round = 0; round < 3; round++) {
      for (String line : Fixtures.cases()) {
        CheckedModel model = CaseModels.parse(line);
        Weights weights = Weights.random(model, 5);
        for (int threads = 1; threads <= 2; threads++) {
          Network network = Network.create(model, weights, threads, Simd.best());
          for (int batch = 1; batch <= 2; batch++) {
            float[] input = new float[batch * model.inputShape().size()];
            for (int i = 0; i < input.length; i++) {
              input[i] = random.nextFloat() * 2 - 1;
            }
            float[] output = new float[batch * model.outputShape().size()];
            for (int call = 0; call < 200; call++) {
              network.predict(input, output, batch);
            }
          }
        }
      }
    }
    NetworkTest.assertDenoiserAllocatesNothing(Simd.best());
  }
}
