package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.Conv2DTransposeRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.Cropping2DRule;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.DropoutRule;
import dev.kiln.shape.FlattenRule;
import dev.kiln.shape.GlobalPooling2DRule;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.NormalizationRule;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.RescalingRule;
import dev.kiln.shape.ReshapeRule;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.UpSampling2DRule;
import dev.kiln.shape.ZeroPadding2DRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds checked models: from a line of {@code reference/runtime/cases.txt} (the same text the
 * reference scripts read), or from layer rules directly. Public for the weight tests, whose
 * {@code models.txt} files use the same layer vocabulary.
 */
public final class CaseModels {
  private CaseModels() {}

  static final double INF = Double.POSITIVE_INFINITY;

  /** {@code name | 9,9,3 | conv2d filters=4 kernel=3; maxpool pool=2}. */
  static CheckedModel parse(String line) {
    String[] parts = line.split("\\|");
    int[] input = ints(parts[1].trim());
    List<LayerRule> rules = new ArrayList<>();
    for (String layer : parts[2].split(";")) {
      String[] words = layer.trim().split("\\s+");
      Map<String, String> a = new HashMap<>();
      for (int i = 1; i < words.length; i++) {
        String[] kv = words[i].split("=", 2);
        a.put(kv[0], kv[1]);
      }
      rules.add(rule(words[0], a));
    }
    return model(parts[0].trim(), input, rules.toArray(new LayerRule[0]));
  }

  static CheckedModel model(String name, int[] input, LayerRule... rules) {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      layers.add(new ModelSpec.LayerSpec("layer" + (i + 1), rules[i], null));
    }
    CheckedModel model = ShapeChecker.check(new ModelSpec(name, "input", input, layers));
    if (model.hasErrors()) {
      throw new IllegalArgumentException(name + ": " + model.problems());
    }
    return model;
  }

  /** One layer of the cases.txt vocabulary: {@code kind} ({@code conv2d}, {@code bn}, ...) and its attributes. */
  public static LayerRule rule(String kind, Map<String, String> a) {
    ActivationFunction act = activation(a.getOrDefault("activation", "linear"));
    boolean bias = !"false".equals(a.get("bias"));
    String paddingText = a.getOrDefault("padding", "valid");
    Padding padding = paddingText.equals("same") ? Padding.SAME : Padding.VALID;
    ConvWindow window = a.containsKey("kernel")
        ? new ConvWindow(ints(a.get("kernel")), ints(a.getOrDefault("strides", "1")), padding,
            ints(a.getOrDefault("dilation", "1")))
        : null;
    int multiplier = Integer.parseInt(a.getOrDefault("multiplier", "1"));
    return switch (kind) {
      case "conv2d" -> new Conv2DRule(Integer.parseInt(a.get("filters")), window, act, bias);
      case "depthwise" -> new DepthwiseConv2DRule(window, multiplier, act, bias);
      case "separable" -> new SeparableConv2DRule(Integer.parseInt(a.get("filters")), window, multiplier, act, bias);
      case "transpose" -> new Conv2DTransposeRule(Integer.parseInt(a.get("filters")), window,
          a.containsKey("outpad") ? ints(a.get("outpad")) : new int[0], act, bias);
      case "maxpool" -> Pooling2DRule.max(ints(a.get("pool")), ints(a.getOrDefault("strides", "")), padding);
      case "avgpool" -> Pooling2DRule.average(ints(a.get("pool")), ints(a.getOrDefault("strides", "")), padding);
      case "gap" -> new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, "true".equals(a.get("keepdims")));
      case "gmp" -> new GlobalPooling2DRule(LayerKind.GLOBAL_MAX_POOLING_2D, "true".equals(a.get("keepdims")));
      case "upsample" -> new UpSampling2DRule(ints(a.getOrDefault("size", "2")),
          Interpolation.valueOf(a.getOrDefault("interp", "nearest").toUpperCase(Locale.ROOT)));
      case "zeropad" -> new ZeroPadding2DRule(ints(a.get("padding")));
      case "crop" -> new Cropping2DRule(ints(a.get("cropping")));
      case "bn" -> new BatchNormalizationRule(Double.parseDouble(a.getOrDefault("epsilon", "0.001")), 0.99,
          !"false".equals(a.get("center")), !"false".equals(a.get("scale")));
      case "act" -> new ActivationRule(LayerKind.ACTIVATION, activation(a.get("fn")));
      case "relu" -> new ActivationRule(LayerKind.RELU, new ActivationFunction(Activations.RELU,
          Double.parseDouble(a.getOrDefault("slope", "0")), Double.parseDouble(a.getOrDefault("max", "Infinity")),
          Double.parseDouble(a.getOrDefault("threshold", "0"))));
      case "leakyrelu" -> new ActivationRule(LayerKind.LEAKY_RELU, new ActivationFunction(Activations.LEAKY_RELU,
          Double.parseDouble(a.getOrDefault("slope", "0.3")), INF, 0));
      case "elu" -> new ActivationRule(LayerKind.ELU, new ActivationFunction(Activations.ELU,
          Double.parseDouble(a.getOrDefault("alpha", "1")), INF, 0));
      case "softmax" -> new ActivationRule(LayerKind.SOFTMAX, ActivationFunction.of(Activations.SOFTMAX));
      case "dense" -> new DenseRule(Integer.parseInt(a.get("units")), act, bias);
      case "flatten" -> new FlattenRule();
      case "reshape" -> new ReshapeRule(ints(a.get("target")));
      case "dropout" -> new DropoutRule(Double.parseDouble(a.get("rate")));
      case "rescale" -> new RescalingRule(reals(a.get("scale")), reals(a.getOrDefault("offset", "0")));
      // without mean= and variance=, the layer's weights (mean, variance, count) come with the case's
      case "norm" -> new NormalizationRule(reals(a.getOrDefault("mean", "")), reals(a.getOrDefault("variance", "")),
          "true".equals(a.get("invert")));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  static ActivationFunction activation(String name) {
    return ActivationFunction.of(Activations.valueOf(name.toUpperCase(Locale.ROOT)));
  }

  static double[] reals(String text) {
    return text.isEmpty() ? new double[0] : Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  static int[] ints(String text) {
    return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
