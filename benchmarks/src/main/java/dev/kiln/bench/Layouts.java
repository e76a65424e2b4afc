package dev.kiln.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** NHWC (Kiln) to NCHW (the exported graph), and the set-up check that both engines agree. */
final class Layouts {
  private Layouts() {}

  /** @param dims (height, width, channels) of one example */
  static float[] toNchw(float[] nhwc, int batch, int[] dims) {
    int h = dims[0];
    int w = dims[1];
    int c = dims[2];
    float[] out = new float[nhwc.length];
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < c; k++) {
            out[((n * c + k) * h + y) * w + x] = nhwc[((n * h + y) * w + x) * c + k];
          }
        }
      }
    }
    return out;
  }

  /** Fails the trial if the engines' outputs differ by more than 1e-3 relative to the largest value. */
  static void check(String network, float[] kiln, OrtSession session, OnnxTensor input, int batch, int[] dims)
      throws OrtException {
    float[] ort;
    try (OrtSession.Result result = session.run(Map.of("input", input))) {
      FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
      ort = new float[buffer.remaining()];
      buffer.get(ort);
    }
    float[] expected = dims.length == 3 ? toNchw(kiln, batch, dims) : kiln;
    double largest = 0;
    double scale = 1e-6;
    for (int i = 0; i < ort.length; i++) {
      largest = Math.max(largest, Math.abs(expected[i] - ort[i]));
      scale = Math.max(scale, Math.abs(ort[i]));
    }
    if (expected.length != ort.length || largest > 1e-3 * scale) {
      throw new IllegalStateException(network + ": Kiln and ONNX Runtime disagree by " + largest);
    }
  }
}
