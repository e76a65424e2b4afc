package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.List;

/**
 * A layer's configuration and its shape rule: what it accepts, what it produces, which weights it
 * owns and how much arithmetic it does. One implementation per layer kind; the processor builds
 * them from annotations, the runtime from the same values.
 */
public sealed interface LayerRule
    permits Conv2DRule, DepthwiseConv2DRule, SeparableConv2DRule, Conv2DTransposeRule, Pooling2DRule,
        GlobalPooling2DRule, UpSampling2DRule, ZeroPadding2DRule, Cropping2DRule,
        BatchNormalizationRule, DropoutRule, ActivationRule, FlattenRule, ReshapeRule, DenseRule, MergeRule,
        RescalingRule, NormalizationRule, Conv1DRule, DepthwiseConv1DRule, SeparableConv1DRule,
        Conv1DTransposeRule, Pooling1DRule, GlobalPooling1DRule, UpSampling1DRule, ZeroPadding1DRule,
        Cropping1DRule {

  LayerKind kind();

  /** Checks the attribute values alone, reporting each bad one. */
  void validate(Problems problems);

  /**
   * Writes the attributes {@link LayerKind#read} builds this rule from, by annotation element name
   * ({@code filters = 8}): the inverse of the reader, for a {@link ModelDescription}.
   */
  void write(AttributeMap out);

  /**
   * The output shape for {@code input}, or {@code null} after reporting why there is none. Called
   * only when {@link #validate} found no error. May also report warnings.
   */
  TensorShape output(LayerInput input, Problems problems);

  /**
   * The output shape for all of the layer's inputs. Single-input layers see one; merges override
   * this to see them all.
   */
  default TensorShape output(java.util.List<LayerInput> inputs, Problems problems) {
    return output(inputs.get(0), problems);
  }

  /**
   * This layer with the attribute that sets its output size (a transposed convolution's output
   * padding, an upsampling's size) chosen so that the output has {@code target}'s height and width;
   * {@code null} after explaining why no value can. Only for layers with a {@code sameShapeAs}.
   */
  /** Whether {@link #fitTo} can choose this layer's output size; otherwise a target is only checked. */
  default boolean fits() {
    return false;
  }

  default LayerRule fitTo(LayerInput input, TensorShape target, String targetName, Problems problems) {
    throw new UnsupportedOperationException(kind().kerasName() + " has no sameShapeAs");
  }

  /** The weights, in Keras's save order, for a valid {@code input}; none by default. */
  default List<WeightSpec> weights(TensorShape input) {
    return List.of();
  }

  /** Multiply-accumulates per example (a fused bias or activation is not counted); none by default. */
  default long macs(TensorShape input, TensorShape output) {
    return 0;
  }

  /** True for layers over (height, width, channels); the checker reports any other input. */
  default boolean needsImage() {
    return false;
  }

  /** True for layers over (steps, channels); the checker reports any other input. */
  default boolean needsSequence() {
    return false;
  }

  /**
   * The window a downsampling layer slides over height and width (a forward convolution's kernel,
   * a pooling's pool with its strides), or {@code null}: what explains a size it floors.
   */
  default ConvWindow slidingWindow() {
    return null;
  }

  /** True for a pooling over windows, whose exact halving a trace words as such. */
  default boolean pools() {
    return false;
  }

  /** The attribute that sets the output channels ({@code filters}, {@code units}), or {@code null}. */
  default String outputChannelsAttribute() {
    return null;
  }

  /**
   * This layer with {@code channels} output channels, or {@code null} when it has them already or
   * has no {@link #outputChannelsAttribute()}.
   */
  default LayerRule withOutputChannels(int channels) {
    return null;
  }

  /** The activation fused into the layer's output. */
  default ActivationFunction activation() {
    return ActivationFunction.LINEAR;
  }

  /** The layer's padding, or {@code null} if it has none to choose. */
  default Padding paddingMode() {
    return null;
  }

  /** The same layer with another padding; only for layers whose {@link #paddingMode()} is non-null. */
  default LayerRule withPaddingMode(Padding padding) {
    throw new UnsupportedOperationException(kind().kerasName() + " has no padding");
  }
}
