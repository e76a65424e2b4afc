package dev.kiln.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.StringJoiner;
import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
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

/**
 * Emits the Java expression that rebuilds a layer's rule at run time, so the generated class and
 * the processor share one configuration: the catalog's code-emitting side.
 */
final class RuleEmitters {
  private RuleEmitters() {}

  static CodeBlock emit(LayerRule rule) {
    LayerKind kind = rule.kind();
    return switch (kind) {
      case CONV_2D -> {
        Conv2DRule r = (Conv2DRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L)", Conv2DRule.class, r.filters(), window(r.window()),
            activation(r.activation()), r.useBias());
      }
      case DEPTHWISE_CONV_2D -> {
        DepthwiseConv2DRule r = (DepthwiseConv2DRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L)", DepthwiseConv2DRule.class, window(r.window()),
            r.depthMultiplier(), activation(r.activation()), r.useBias());
      }
      case SEPARABLE_CONV_2D -> {
        SeparableConv2DRule r = (SeparableConv2DRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L, $L)", SeparableConv2DRule.class, r.filters(),
            window(r.window()), r.depthMultiplier(), activation(r.activation()), r.useBias());
      }
      case CONV_2D_TRANSPOSE -> {
        Conv2DTransposeRule r = (Conv2DTransposeRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L, $L)", Conv2DTransposeRule.class, r.filters(),
            window(r.window()), ints(r.outputPadding()), activation(r.activation()), r.useBias());
      }
      case MAX_POOLING_2D, AVERAGE_POOLING_2D -> {
        Pooling2DRule r = (Pooling2DRule) rule;
        yield CodeBlock.of("new $T($T.$L, $L, $L, $T.$L)", Pooling2DRule.class, LayerKind.class, kind,
            ints(r.poolSize()), ints(r.strides()), Padding.class, r.padding());
      }
      case GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D -> CodeBlock.of("new $T($T.$L, $L)",
          GlobalPooling2DRule.class, LayerKind.class, kind, ((GlobalPooling2DRule) rule).keepdims());
      case UP_SAMPLING_2D -> {
        UpSampling2DRule r = (UpSampling2DRule) rule;
        yield CodeBlock.of("new $T($L, $T.$L)", UpSampling2DRule.class, ints(r.size()), Interpolation.class,
            r.interpolation());
      }
      case ZERO_PADDING_2D ->
          CodeBlock.of("new $T($L)", ZeroPadding2DRule.class, ints(((ZeroPadding2DRule) rule).padding()));
      case CROPPING_2D -> CodeBlock.of("new $T($L)", Cropping2DRule.class, ints(((Cropping2DRule) rule).cropping()));
      case CONV_1D -> {
        Conv1DRule r = (Conv1DRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L)", Conv1DRule.class, r.filters(), window(r.window()),
            activation(r.activation()), r.useBias());
      }
      case DEPTHWISE_CONV_1D -> {
        DepthwiseConv1DRule r = (DepthwiseConv1DRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L)", DepthwiseConv1DRule.class, window(r.window()),
            r.depthMultiplier(), activation(r.activation()), r.useBias());
      }
      case SEPARABLE_CONV_1D -> {
        SeparableConv1DRule r = (SeparableConv1DRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L, $L)", SeparableConv1DRule.class, r.filters(),
            window(r.window()), r.depthMultiplier(), activation(r.activation()), r.useBias());
      }
      case CONV_1D_TRANSPOSE -> {
        Conv1DTransposeRule r = (Conv1DTransposeRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L, $L)", Conv1DTransposeRule.class, r.filters(),
            window(r.window()), ints(r.outputPadding()), activation(r.activation()), r.useBias());
      }
      case MAX_POOLING_1D, AVERAGE_POOLING_1D -> {
        Pooling1DRule r = (Pooling1DRule) rule;
        yield CodeBlock.of("new $T($T.$L, $L, $L, $T.$L)", Pooling1DRule.class, LayerKind.class, kind,
            ints(r.poolSize()), ints(r.strides()), Padding.class, r.padding());
      }
      case GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D -> CodeBlock.of("new $T($T.$L, $L)",
          GlobalPooling1DRule.class, LayerKind.class, kind, ((GlobalPooling1DRule) rule).keepdims());
      case UP_SAMPLING_1D -> CodeBlock.of("new $T($L)", UpSampling1DRule.class, ((UpSampling1DRule) rule).size());
      case ZERO_PADDING_1D ->
          CodeBlock.of("new $T($L)", ZeroPadding1DRule.class, ints(((ZeroPadding1DRule) rule).padding()));
      case CROPPING_1D -> CodeBlock.of("new $T($L)", Cropping1DRule.class, ints(((Cropping1DRule) rule).cropping()));
      case BATCH_NORMALIZATION -> {
        BatchNormalizationRule r = (BatchNormalizationRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L, $L)", BatchNormalizationRule.class, real(r.epsilon()),
            real(r.momentum()), r.center(), r.scale());
      }
      case DROPOUT -> CodeBlock.of("new $T($L)", DropoutRule.class, real(((DropoutRule) rule).rate()));
      case ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX -> CodeBlock.of("new $T($T.$L, $L)", ActivationRule.class,
          LayerKind.class, kind, activation(rule.activation()));
      case FLATTEN -> CodeBlock.of("new $T()", FlattenRule.class);
      case RESHAPE -> CodeBlock.of("new $T($L)", ReshapeRule.class, ints(((ReshapeRule) rule).targetShape()));
      case DENSE -> {
        DenseRule r = (DenseRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L)", DenseRule.class, r.units(), activation(r.activation()),
            r.useBias());
      }
      case RESCALING -> {
        RescalingRule r = (RescalingRule) rule;
        yield CodeBlock.of("new $T($L, $L)", RescalingRule.class, reals(r.scale()), reals(r.offset()));
      }
      case NORMALIZATION -> {
        NormalizationRule r = (NormalizationRule) rule;
        yield CodeBlock.of("new $T($L, $L, $L)", NormalizationRule.class, reals(r.mean()), reals(r.variance()),
            r.invert());
      }
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM, CONCATENATE -> CodeBlock.of("new $T($T.$L, $L)",
          MergeRule.class, LayerKind.class, kind, ((MergeRule) rule).axis());
    };
  }

  /** A (height, width) window as the four-argument constructor, a 1-D one with its axis count. */
  private static CodeBlock window(ConvWindow w) {
    if (w.axes() == 2) {
      return CodeBlock.of("new $T($L, $L, $T.$L, $L)", ConvWindow.class, ints(w.kernelSize()), ints(w.strides()),
          Padding.class, w.padding(), ints(w.dilationRate()));
    }
    return CodeBlock.of("new $T($L, $L, $T.$L, $L, $L)", ConvWindow.class, ints(w.kernelSize()), ints(w.strides()),
        Padding.class, w.padding(), ints(w.dilationRate()), w.axes());
  }

  private static CodeBlock activation(ActivationFunction f) {
    if (f.equals(ActivationFunction.of(f.function()))) {
      return CodeBlock.of("$T.of($T.$L)", ActivationFunction.class, Activations.class, f.function());
    }
    return CodeBlock.of("new $T($T.$L, $L, $L, $L)", ActivationFunction.class, Activations.class, f.function(),
        real(f.alpha()), real(f.maxValue()), real(f.threshold()));
  }

  static CodeBlock ints(int[] values) {
    return LongCode.ints(values);
  }

  /** {@code new double[] {0.5, 1.0E-7}}: {@link Double#toString} round-trips every finite double exactly. */
  static CodeBlock reals(double[] values) {
    StringJoiner joiner = new StringJoiner(", ");
    for (double v : values) {
      joiner.add(real(v).toString());
    }
    return CodeBlock.of("new double[] {$L}", joiner.toString());
  }

  /** A double literal; the non-finite values the checker lets through (e.g. a momentum) as constants. */
  private static CodeBlock real(double value) {
    if (Double.isNaN(value)) {
      return CodeBlock.of("$T.NaN", Double.class);
    }
    if (value == Double.POSITIVE_INFINITY) {
      return CodeBlock.of("$T.POSITIVE_INFINITY", Double.class);
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return CodeBlock.of("$T.NEGATIVE_INFINITY", Double.class);
    }
    return CodeBlock.of("$L", Double.toString(value));
  }
}
