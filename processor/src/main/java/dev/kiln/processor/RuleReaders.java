package dev.kiln.processor;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.processor.AnnotationValues.Erroneous;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.Conv1DRule;
import dev.kiln.shape.Conv1DTransposeRule;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.Cropping1DRule;
import dev.kiln.shape.DepthwiseConv1DRule;
import dev.kiln.shape.GlobalPooling1DRule;
import dev.kiln.shape.Pooling1DRule;
import dev.kiln.shape.SeparableConv1DRule;
import dev.kiln.shape.UpSampling1DRule;
import dev.kiln.shape.ZeroPadding1DRule;
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
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.NormalizationRule;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.RescalingRule;
import dev.kiln.shape.ReshapeRule;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.UpSampling2DRule;
import dev.kiln.shape.ZeroPadding2DRule;

/** Builds each layer kind's rule from its annotation's attributes: the catalog's reading side. */
final class RuleReaders {
  private RuleReaders() {}

  static LayerRule read(LayerKind kind, AnnotationValues v) throws Erroneous {
    return switch (kind) {
      case CONV_2D -> new Conv2DRule(v.integer("filters"), window(v), activation(v), v.bool("useBias"));
      case DEPTHWISE_CONV_2D ->
          new DepthwiseConv2DRule(window(v), v.integer("depthMultiplier"), activation(v), v.bool("useBias"));
      case SEPARABLE_CONV_2D -> new SeparableConv2DRule(v.integer("filters"), window(v),
          v.integer("depthMultiplier"), activation(v), v.bool("useBias"));
      case CONV_2D_TRANSPOSE -> new Conv2DTransposeRule(v.integer("filters"), window(v), v.ints("outputPadding"),
          activation(v), v.bool("useBias"));
      case MAX_POOLING_2D, AVERAGE_POOLING_2D ->
          new Pooling2DRule(kind, v.ints("poolSize"), v.ints("strides"), v.constant("padding", Padding.class));
      case GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D -> new GlobalPooling2DRule(kind, v.bool("keepdims"));
      case UP_SAMPLING_2D ->
          new UpSampling2DRule(v.ints("size"), v.constant("interpolation", Interpolation.class));
      case ZERO_PADDING_2D -> new ZeroPadding2DRule(v.ints("padding"));
      case CROPPING_2D -> new Cropping2DRule(v.ints("cropping"));
      case CONV_1D -> new Conv1DRule(v.integer("filters"), window(v, 1), activation(v), v.bool("useBias"));
      case DEPTHWISE_CONV_1D ->
          new DepthwiseConv1DRule(window(v, 1), v.integer("depthMultiplier"), activation(v), v.bool("useBias"));
      case SEPARABLE_CONV_1D -> new SeparableConv1DRule(v.integer("filters"), window(v, 1),
          v.integer("depthMultiplier"), activation(v), v.bool("useBias"));
      case CONV_1D_TRANSPOSE -> new Conv1DTransposeRule(v.integer("filters"), window(v, 1), v.ints("outputPadding"),
          activation(v), v.bool("useBias"));
      case MAX_POOLING_1D, AVERAGE_POOLING_1D ->
          new Pooling1DRule(kind, v.ints("poolSize"), v.ints("strides"), v.constant("padding", Padding.class));
      case GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D -> new GlobalPooling1DRule(kind, v.bool("keepdims"));
      case UP_SAMPLING_1D -> new UpSampling1DRule(v.integer("size"));
      case ZERO_PADDING_1D -> new ZeroPadding1DRule(v.ints("padding"));
      case CROPPING_1D -> new Cropping1DRule(v.ints("cropping"));
      case BATCH_NORMALIZATION ->
          new BatchNormalizationRule(v.real("epsilon"), v.real("momentum"), v.bool("center"), v.bool("scale"));
      case DROPOUT -> new DropoutRule(v.real("rate"));
      case ACTIVATION -> new ActivationRule(kind, ActivationFunction.of(v.constant("value", Activations.class)));
      case RELU -> new ActivationRule(kind, new ActivationFunction(Activations.RELU, v.real("negativeSlope"),
          v.real("maxValue"), v.real("threshold")));
      case LEAKY_RELU -> new ActivationRule(kind,
          new ActivationFunction(Activations.LEAKY_RELU, v.real("negativeSlope"), Double.POSITIVE_INFINITY, 0));
      case ELU -> new ActivationRule(kind,
          new ActivationFunction(Activations.ELU, v.real("alpha"), Double.POSITIVE_INFINITY, 0));
      case SOFTMAX -> new ActivationRule(kind, ActivationFunction.of(Activations.SOFTMAX));
      case FLATTEN -> new FlattenRule();
      case RESHAPE -> new ReshapeRule(v.ints("targetShape"));
      case DENSE -> new DenseRule(v.integer("units"), activation(v), v.bool("useBias"));
      case RESCALING -> new RescalingRule(v.reals("scale"), v.reals("offset"));
      case NORMALIZATION -> new NormalizationRule(v.reals("mean"), v.reals("variance"), v.bool("invert"));
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM -> MergeRule.of(kind);
      case CONCATENATE -> new MergeRule(kind, v.integer("axis"));
    };
  }

  private static ConvWindow window(AnnotationValues v) throws Erroneous {
    return window(v, 2);
  }

  /** The window over {@code axes} spatial axes: 1 for the 1-D family, 2 for (height, width). */
  private static ConvWindow window(AnnotationValues v, int axes) throws Erroneous {
    return new ConvWindow(v.ints("kernelSize"), v.ints("strides"), v.constant("padding", Padding.class),
        v.ints("dilationRate"), axes);
  }

  private static ActivationFunction activation(AnnotationValues v) throws Erroneous {
    return ActivationFunction.of(v.constant("activation", Activations.class));
  }
}
