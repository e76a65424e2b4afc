package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Network#profile}: one row per computed step with its layers, kinds and arithmetic. */
class ProfileTest {
  private static final String LINE = "stem | 20,20,3 | p:zeropad padding=3; c:conv2d filters=8 kernel=7 strides=2;"
      + " b:bn; r:act fn=relu; q:zeropad padding=1; m:maxpool pool=3 strides=2; f:flatten; d:dense units=4";

  @Test
  void rowsNameTheFusedLayersAndAddUp() {
    String[] parts = LINE.split("\\|");
    CheckedModel model = GraphOptimizerTest.model("stem", parts[1].trim(), parts[2].trim());
    Network network = Network.create(model, GraphOptimizerTest.randomWeights(model, 2), 2, true);
    Profile profile = network.profile(new float[2 * model.inputShape().size()], 2, 3);
    List<Profile.Row> rows = profile.rows();
    assertEquals(List.of("p+c+b+r", "q+m", "d"), rows.stream().map(Profile.Row::layers).toList());
    assertEquals("ZeroPadding2D+Conv2D+BatchNormalization+Activation", rows.get(0).kind());
    assertEquals(model.layer("c").macs(), rows.get(0).macs());
    assertEquals(1.0, rows.stream().mapToDouble(Profile.Row::share).sum(), 1e-9);
    assertEquals(profile.millis(), rows.stream().mapToDouble(Profile.Row::millis).sum(), 1e-9);
    assertEquals(rows.get(0).macs() * 2e-6 / rows.get(0).millis(), rows.get(0).gflops(), 1e-9);
    assertTrue(profile.toString().contains("p+c+b+r"), profile::toString);
    assertEquals(3, profile.byKind().size());
    assertEquals(2, profile.top(2).size());
    assertTrue(profile.top(3).get(0).millis() >= profile.top(3).get(2).millis());
  }

  @Test
  void rejectsWrongInput() {
    CheckedModel model = CaseModels.parse("one | 4,4,2 | act fn=relu");
    Network network = Network.create(model, new Weights(), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> network.profile(new float[33], 1, 1));
    assertEquals("input: expected shape (1, 4, 4, 2) = 32 floats (NHWC, batch-major), received 33 floats, "
        + "not a whole number of 4x4x2 examples", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> network.profile(new float[32], 1, 0));
  }
}
