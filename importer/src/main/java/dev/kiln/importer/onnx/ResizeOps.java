package dev.kiln.importer.onnx;

import dev.kiln.dsl.Interpolation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resize and Upsample by integer factors: Kiln's UpSampling2D. Nearest is accepted when ONNX's
 * coordinate transform and rounding pick, for every output row and column, the same input as
 * Keras's {@code floor(out / factor)} (checked index by index); bilinear when the coordinates are
 * half-pixel centres ({@code half_pixel}, or {@code pytorch_half_pixel} on outputs wider than 1):
 * Keras's bilinear, PyTorch's {@code align_corners=False}.
 */
final class ResizeOps {
  private ResizeOps() {}

  static void resize(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    if (!in.isImage()) {
      throw new Refused("input " + in.shape() + " is not an image (N, C, H, W)");
    }
    String mode = node.s("mode", "nearest");
    String transform = "asymmetric";
    String rounding = "floor";
    double[] scales;
    if (node.op().equals("Upsample")) {
      scales = node.opset < 9 ? floats(node) : scales(t.constant(node.input(1)).floats());
    } else {
      transform = node.s("coordinate_transformation_mode", node.opset < 11 ? "asymmetric" : "half_pixel");
      rounding = node.s("nearest_mode", "round_prefer_floor");
      if (node.opset < 11) {
        scales = scales(t.constant(node.input(1)).floats());
      } else {
        String scalesName = node.input(2);
        String sizesName = node.input(3);
        if (!scalesName.isEmpty() && t.constant(scalesName).size() > 0) {
          scales = scales(t.constant(scalesName).floats());
        } else if (!sizesName.isEmpty()) {
          long[] sizes = t.constant(sizesName).ints();
          if (sizes.length != 4) {
            throw new Refused("sizes " + Arrays.toString(sizes) + " do not give 4 axes");
          }
          scales = new double[4];
          for (int i = 0; i < 4; i++) {
            long size = i == 0 ? 1 : in.dims()[i];
            scales[i] = sizes[i] == 0 || size == 0 ? 0 : (double) (i == 0 ? 1 : sizes[i]) / size;
          }
        } else {
          throw new Refused("neither scales nor sizes is given");
        }
      }
      if (node.i("antialias", 0) != 0) {
        throw new Refused("antialias = 1 (only downsampling differs, and Kiln upsamples only)");
      }
      if (node.has("axes")) {
        throw new Refused("the axes attribute is given");
      }
    }
    if (scales.length != 4 || scales[0] != 1 || scales[1] != 1) {
      throw new Refused("scales " + Arrays.toString(scales) + ": Kiln resizes height and width only");
    }
    int[] factors = new int[2];
    for (int a = 0; a < 2; a++) {
      double s = scales[a + 2];
      if (s < 1 || s != Math.rint(s) || s > 1 << 12) {
        throw new Refused("scale " + s + ": Kiln's UpSampling2D enlarges by whole factors");
      }
      factors[a] = (int) s;
    }
    Interpolation interpolation;
    switch (mode) {
      case "nearest" -> {
        for (int a = 0; a < 2; a++) {
          int size = a == 0 ? in.height() : in.width();
          nearestMatches(size, factors[a], transform, rounding);
        }
        interpolation = Interpolation.NEAREST;
      }
      case "linear", "bilinear" -> {
        boolean halfPixel = transform.equals("half_pixel")
            || (transform.equals("pytorch_half_pixel") && in.height() * factors[0] > 1 && in.width() * factors[1] > 1);
        if (!halfPixel) {
          throw new Refused("bilinear with coordinate_transformation_mode `" + transform + "`; Kiln's bilinear "
              + "UpSampling2D uses half-pixel centres (PyTorch align_corners=False, ONNX half_pixel)");
        }
        interpolation = Interpolation.BILINEAR;
      }
      default -> throw new Refused("mode `" + mode + "`; Kiln's UpSampling2D is nearest or bilinear");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("size", factors[0] == factors[1] ? new int[] {factors[0]} : factors);
    if (interpolation != Interpolation.NEAREST) {
      attributes.put("interpolation", interpolation);
    }
    String field = t.emit("", "UpSampling2D", attributes, List.of(in.field()));
    t.define(node.output(), new Act(field, Act.image(in.dims()[0], in.channels(),
        (long) in.height() * factors[0], (long) in.width() * factors[1]), in.nonNegative(), null));
  }

  private static double[] floats(Node node) throws Refused {
    var a = node.proto.getAttributeList().stream().filter(x -> x.getName().equals("scales")).findFirst();
    if (a.isEmpty()) {
      throw new Refused("no scales");
    }
    return a.get().getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
  }

  private static double[] scales(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** Refuses unless ONNX's nearest picks input {@code floor(i / factor)} for every output {@code i}. */
  static void nearestMatches(int size, int factor, String transform, String rounding) throws Refused {
    long out = (long) size * factor;
    for (long i = 0; i < out; i++) {
      double x = switch (transform) {
        case "asymmetric" -> (double) i / factor;
        case "half_pixel" -> (i + 0.5) / factor - 0.5;
        case "pytorch_half_pixel" -> out > 1 ? (i + 0.5) / factor - 0.5 : 0;
        case "align_corners" -> out > 1 ? (double) i * (size - 1) / (out - 1) : 0;
        case "tf_half_pixel_for_nn" -> (i + 0.5) / factor;
        default -> throw new Refused("coordinate_transformation_mode `" + transform + "` for nearest");
      };
      long picked = switch (rounding) {
        case "floor" -> (long) Math.floor(x);
        case "ceil" -> (long) Math.ceil(x);
        case "round_prefer_floor" -> x - Math.floor(x) == 0.5 ? (long) Math.floor(x) : Math.round(x);
        case "round_prefer_ceil" -> x - Math.floor(x) == 0.5 ? (long) Math.ceil(x) : Math.round(x);
        default -> throw new Refused("nearest_mode `" + rounding + "`");
      };
      picked = Math.max(0, Math.min(size - 1, picked));
      if (picked != i / factor) {
        throw new Refused("nearest with " + transform + " coordinates and " + rounding + " rounding takes input " + picked
            + " for output " + i + ", where Kiln's UpSampling2D (Keras) takes " + (i / factor));
      }
    }
  }
}
