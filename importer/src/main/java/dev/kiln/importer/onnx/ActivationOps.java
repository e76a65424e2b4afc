package dev.kiln.importer.onnx;

import dev.kiln.dsl.Activations;
import java.util.List;
import java.util.Map;

/** Element-wise activations, Dropout and Identity. */
final class ActivationOps {
  private ActivationOps() {}

  static void relu(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    String field = t.emit("", "ReLU", Map.of(), List.of(in.field()));
    t.define(node.output(), in.with(field, in.dims(), true, in.order()));
  }

  /** Clip(0, max) is ReLU(maxValue = max): ReLU6 for PyTorch's nn.ReLU6 and MobileNet. */
  static void clip(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    double min;
    double max;
    if (node.opset < 11) {
      min = node.f("min", Float.NEGATIVE_INFINITY);
      max = node.f("max", Float.POSITIVE_INFINITY);
    } else {
      min = node.input(1).isEmpty() ? Double.NEGATIVE_INFINITY : t.constant(node.input(1)).scalar();
      max = node.input(2).isEmpty() ? Double.POSITIVE_INFINITY : t.constant(node.input(2)).scalar();
    }
    if (min != 0) {
      throw new Refused("Clip(" + min + ", " + max + "): Kiln's ReLU clips below at 0 only");
    }
    if (!(max > 0)) {
      throw new Refused("Clip(0, " + max + "): the maximum must be positive");
    }
    Map<String, Object> attributes = Double.isInfinite(max) ? Map.of() : Map.of("maxValue", max);
    String field = t.emit("", "ReLU", attributes, List.of(in.field()));
    t.define(node.output(), in.with(field, in.dims(), true, in.order()));
  }

  static void leakyRelu(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    double alpha = node.f("alpha", 0.01f);
    String field = t.emit("", "LeakyReLU", Map.of("negativeSlope", alpha), List.of(in.field()));
    t.define(node.output(), in.with(field, in.dims(), alpha == 0 && in.nonNegative(), in.order()));
  }

  static void sigmoid(Translation t, Node node) throws Refused {
    activation(t, node, Activations.SIGMOID, true);
  }

  static void tanh(Translation t, Node node) throws Refused {
    activation(t, node, Activations.TANH, false);
  }

  /** Keras's hard_sigmoid is relu6(x + 3) / 6: ONNX HardSigmoid with alpha = 1/6, beta = 0.5 (PyTorch's nn.Hardsigmoid). */
  static void hardSigmoid(Translation t, Node node) throws Refused {
    float alpha = node.f("alpha", 0.2f);
    float beta = node.f("beta", 0.5f);
    if (alpha != (float) (1.0 / 6) || beta != 0.5f) {
      throw new Refused("alpha " + alpha + ", beta " + beta + ": Kiln's HARD_SIGMOID (Keras 3) is relu6(x + 3) / 6, "
          + "i.e. alpha 1/6 and beta 0.5 only (ONNX's defaults 0.2 and 0.5 are Keras 2's)");
    }
    activation(t, node, Activations.HARD_SIGMOID, true);
  }

  /** x * relu6(x + 3) / 6: Keras's hard_silu, when Kiln has it. */
  static void hardSwish(Translation t, Node node) throws Refused {
    for (Activations a : Activations.values()) {
      if (a.name().equals("HARD_SILU")) {
        activation(t, node, a, false);
        return;
      }
    }
    throw new Refused("Kiln's Activations has no HARD_SILU (Keras's hard_silu, x * relu6(x + 3) / 6, which is "
        + "PyTorch's Hardswish) yet");
  }

  private static void activation(Translation t, Node node, Activations function, boolean nonNegative) throws Refused {
    Act in = t.act(node.input(0));
    String field = t.emit("", "Activation", Map.of("value", function), List.of(in.field()));
    t.define(node.output(), in.with(field, in.dims(), nonNegative, in.order()));
  }

  /** Softmax over the channels of an image or the features of a vector: Kiln's Softmax, on the last axis. */
  static void softmax(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    long axis = node.i("axis", node.opset >= 13 ? -1 : 1);
    int rank = in.dims().length;
    if (axis < 0) {
      axis += rank;
    }
    boolean channels = axis == 1;
    boolean last = axis == rank - 1;
    boolean ok = rank == 2 ? last : node.opset >= 13 && channels;
    if (rank == 4 && node.opset < 13 && channels && in.height() * in.width() == 1) {
      ok = true; // opset < 13 flattens from the axis on, which is the channels alone on a 1x1 image
    }
    if (!ok) {
      throw new Refused("softmax over axis " + axis + " of " + in.shape() + "; Kiln's Softmax runs over the channels");
    }
    String field = t.emit("", "Softmax", Map.of(), List.of(in.field()));
    t.define(node.output(), in.with(field, in.dims(), true, in.order()));
  }

  /** Identity and Dropout (inference: the identity) alias their input; no field. */
  static void identity(Translation t, Node node) throws Refused {
    if (t.isConst(node.input(0))) {
      t.define(node.output(), t.constant(node.input(0)));
      return;
    }
    if (node.op().equals("Dropout")) {
      boolean training = node.opset >= 12 && !node.input(2).isEmpty() && t.constant(node.input(2)).scalar() != 0;
      if (training) {
        throw new Refused("training_mode is true: dropout would be random at inference");
      }
      t.dropped("ONNX Dropout " + node.name() + ": the identity at inference");
    }
    t.define(node.output(), t.act(node.input(0)));
  }
}
