package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.importer.keras.KerasValues.Unsupported;
import org.junit.jupiter.api.Test;

/**
 * Normalization and Rescaling configs as Keras 3's get_config writes them
 * (keras/src/layers/preprocessing/normalization.py: {@code axis} a list, {@code mean} and
 * {@code variance} {@code np.array(...).tolist()}, null when adapt() or the weights give them;
 * rescaling.py: {@code scale} and {@code offset} a number or a list).
 */
class KerasPreprocessingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KerasLayers.Translation translate(String className, String config) throws Exception {
    JsonNode c = JSON.readTree(config);
    return KerasLayers.translate(className, c, 4, true);
  }

  @Test
  void normalizationWithoutValuesLoadsThemAsWeights() throws Exception {
    KerasLayers.Translation t = translate("Normalization",
        "{\"name\": \"normalization\", \"axis\": [3], \"invert\": false, \"mean\": null, \"variance\": null}");
    assertThat(t.annotation()).isEqualTo("Normalization");
    assertThat(t.attributes()).isEmpty();
  }

  @Test
  void normalizationWithValuesKeepsThem() throws Exception {
    KerasLayers.Translation t = translate("Normalization", "{\"axis\": [-1], \"invert\": true, "
        + "\"mean\": [0.485, 0.456, 0.406], \"variance\": [0.052, 0.05, 0.051]}");
    assertArrayEquals(new double[] {0.485, 0.456, 0.406}, (double[]) t.attributes().get("mean"));
    assertArrayEquals(new double[] {0.052, 0.05, 0.051}, (double[]) t.attributes().get("variance"));
    assertThat(t.attributes().get("invert")).isEqualTo(true);
    // a scalar mean (Keras: np.array(3.0).tolist() is 3.0) is one value for every channel
    t = translate("Normalization", "{\"axis\": [3], \"mean\": 3.0, \"variance\": 2.0}");
    assertArrayEquals(new double[] {3.0}, (double[]) t.attributes().get("mean"));
  }

  @Test
  void normalizationOverAnotherAxisIsRefused() {
    Unsupported e = assertThrows(Unsupported.class, () -> translate("Normalization",
        "{\"axis\": [1], \"mean\": null, \"variance\": null}"));
    assertThat(e).hasMessageThat().isEqualTo("axis [1] (Kiln normalises the last axis, Keras's axis=-1)");
  }

  @Test
  void normalizationWithPerPixelValuesIsRefused() {
    Unsupported e = assertThrows(Unsupported.class, () -> translate("Normalization",
        "{\"axis\": [3], \"mean\": [[0.5, 0.5, 0.5]], \"variance\": [[1, 1, 1]]}"));
    assertThat(e).hasMessageThat().isEqualTo("`mean` is [[0.5,0.5,0.5]]: Kiln takes one value or one per channel");
  }

  @Test
  void rescalingPerChannelAsEfficientNetWritesIt() throws Exception {
    KerasLayers.Translation t = translate("Rescaling",
        "{\"scale\": [2.0896918976428642, 2.1128856368212916, 2.1081851067789197], \"offset\": 0.0}");
    assertArrayEquals(new double[] {2.0896918976428642, 2.1128856368212916, 2.1081851067789197},
        (double[]) t.attributes().get("scale"));
    assertThat(t.attributes()).doesNotContainKey("offset");
  }
}
