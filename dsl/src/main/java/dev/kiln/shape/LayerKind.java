package dev.kiln.shape;

import dev.kiln.dsl.Activation;
import dev.kiln.dsl.Add;
import dev.kiln.dsl.Average;
import dev.kiln.dsl.Concatenate;
import dev.kiln.dsl.AveragePooling1D;
import dev.kiln.dsl.Conv1D;
import dev.kiln.dsl.Conv1DTranspose;
import dev.kiln.dsl.Cropping1D;
import dev.kiln.dsl.DepthwiseConv1D;
import dev.kiln.dsl.GlobalAveragePooling1D;
import dev.kiln.dsl.GlobalMaxPooling1D;
import dev.kiln.dsl.MaxPooling1D;
import dev.kiln.dsl.SeparableConv1D;
import dev.kiln.dsl.UpSampling1D;
import dev.kiln.dsl.ZeroPadding1D;
import dev.kiln.dsl.Maximum;
import dev.kiln.dsl.Minimum;
import dev.kiln.dsl.Multiply;
import dev.kiln.dsl.Subtract;
import dev.kiln.dsl.AveragePooling2D;
import dev.kiln.dsl.BatchNormalization;
import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Conv2DTranspose;
import dev.kiln.dsl.Cropping2D;
import dev.kiln.dsl.Dense;
import dev.kiln.dsl.DepthwiseConv2D;
import dev.kiln.dsl.Dropout;
import dev.kiln.dsl.ELU;
import dev.kiln.dsl.Flatten;
import dev.kiln.dsl.GlobalAveragePooling2D;
import dev.kiln.dsl.GlobalMaxPooling2D;
import dev.kiln.dsl.LeakyReLU;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Normalization;
import dev.kiln.dsl.ReLU;
import dev.kiln.dsl.Rescaling;
import dev.kiln.dsl.Reshape;
import dev.kiln.dsl.SeparableConv2D;
import dev.kiln.dsl.Softmax;
import dev.kiln.dsl.UpSampling2D;
import dev.kiln.dsl.ZeroPadding2D;
import java.lang.annotation.Annotation;

/**
 * The catalog of layer kinds: everything about a kind that javac needs, in one entry. Its
 * annotation (whose simple name is Keras's class name), the snake_case name Keras 3 gives it in
 * {@code .weights.h5} files, whether it merges several inputs, its PyTorch weight layout and what
 * it does to a flattened feature order, and the reader that builds its rule from the annotation's
 * attributes (the rule's {@link LayerRule#write} is the inverse). The processor reads annotations
 * through these readers, the runtime a {@link ModelDescription}; the runtime's kernel factory is an
 * exhaustive switch over this enum in {@code dev.kiln.runtime.Kernels}. {@code LayerCatalogTest}
 * checks every entry. How to add a kind: docs/adding-a-layer.md.
 */
public enum LayerKind {
  CONV_2D(Conv2D.class, "conv2d", Inputs.ONE, TorchLayout.CONV, FeatureOrder.NEW, Conv2DRule::read),
  DEPTHWISE_CONV_2D(DepthwiseConv2D.class, "depthwise_conv2d", Inputs.ONE, TorchLayout.DEPTHWISE, FeatureOrder.NEW, DepthwiseConv2DRule::read),
  SEPARABLE_CONV_2D(SeparableConv2D.class, "separable_conv2d", Inputs.ONE, TorchLayout.SEPARABLE, FeatureOrder.NEW, SeparableConv2DRule::read),
  CONV_2D_TRANSPOSE(Conv2DTranspose.class, "conv2d_transpose", Inputs.ONE, TorchLayout.CONV_TRANSPOSE, FeatureOrder.NEW, Conv2DTransposeRule::read),
  MAX_POOLING_2D(MaxPooling2D.class, "max_pooling2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, Pooling2DRule::read),
  AVERAGE_POOLING_2D(AveragePooling2D.class, "average_pooling2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, Pooling2DRule::read),
  GLOBAL_AVERAGE_POOLING_2D(GlobalAveragePooling2D.class, "global_average_pooling2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, GlobalPooling2DRule::read),
  GLOBAL_MAX_POOLING_2D(GlobalMaxPooling2D.class, "global_max_pooling2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, GlobalPooling2DRule::read),
  UP_SAMPLING_2D(UpSampling2D.class, "up_sampling2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, UpSampling2DRule::read),
  ZERO_PADDING_2D(ZeroPadding2D.class, "zero_padding2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, ZeroPadding2DRule::read),
  CROPPING_2D(Cropping2D.class, "cropping2d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, Cropping2DRule::read),
  // The 1-D family over (steps, channels): the same windows with one spatial axis.
  CONV_1D(Conv1D.class, "conv1d", Inputs.ONE, TorchLayout.CONV_1D, FeatureOrder.NEW, Conv1DRule::read),
  DEPTHWISE_CONV_1D(DepthwiseConv1D.class, "depthwise_conv1d", Inputs.ONE, TorchLayout.DEPTHWISE_1D, FeatureOrder.NEW, DepthwiseConv1DRule::read),
  SEPARABLE_CONV_1D(SeparableConv1D.class, "separable_conv1d", Inputs.ONE, TorchLayout.SEPARABLE_1D, FeatureOrder.NEW, SeparableConv1DRule::read),
  CONV_1D_TRANSPOSE(Conv1DTranspose.class, "conv1d_transpose", Inputs.ONE, TorchLayout.CONV_1D_TRANSPOSE, FeatureOrder.NEW, Conv1DTransposeRule::read),
  MAX_POOLING_1D(MaxPooling1D.class, "max_pooling1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, Pooling1DRule::read),
  AVERAGE_POOLING_1D(AveragePooling1D.class, "average_pooling1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, Pooling1DRule::read),
  GLOBAL_AVERAGE_POOLING_1D(GlobalAveragePooling1D.class, "global_average_pooling1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, GlobalPooling1DRule::read),
  GLOBAL_MAX_POOLING_1D(GlobalMaxPooling1D.class, "global_max_pooling1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, GlobalPooling1DRule::read),
  UP_SAMPLING_1D(UpSampling1D.class, "up_sampling1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, UpSampling1DRule::read),
  ZERO_PADDING_1D(ZeroPadding1D.class, "zero_padding1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, ZeroPadding1DRule::read),
  CROPPING_1D(Cropping1D.class, "cropping1d", Inputs.ONE, TorchLayout.NONE, FeatureOrder.NEW, Cropping1DRule::read),
  BATCH_NORMALIZATION(BatchNormalization.class, "batch_normalization", Inputs.ONE, TorchLayout.BATCH_NORM, FeatureOrder.KEEPS, BatchNormalizationRule::read),
  DROPOUT(Dropout.class, "dropout", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, DropoutRule::read),
  ACTIVATION(Activation.class, "activation", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, ActivationRule::read),
  RELU(ReLU.class, "re_lu", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, ActivationRule::read),
  LEAKY_RELU(LeakyReLU.class, "leaky_re_lu", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, ActivationRule::read),
  ELU(ELU.class, "elu", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, ActivationRule::read),
  SOFTMAX(Softmax.class, "softmax", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, ActivationRule::read),
  FLATTEN(Flatten.class, "flatten", Inputs.ONE, TorchLayout.NONE, FeatureOrder.FLATTENS, FlattenRule::read),
  RESHAPE(Reshape.class, "reshape", Inputs.ONE, TorchLayout.NONE, FeatureOrder.FLATTENS, ReshapeRule::read),
  DENSE(Dense.class, "dense", Inputs.ONE, TorchLayout.LINEAR, FeatureOrder.NEW, DenseRule::read),
  RESCALING(Rescaling.class, "rescaling", Inputs.ONE, TorchLayout.NONE, FeatureOrder.KEEPS, RescalingRule::read),
  NORMALIZATION(Normalization.class, "normalization", Inputs.ONE, TorchLayout.NOT_IN_PYTORCH, FeatureOrder.KEEPS, NormalizationRule::read),
  ADD(Add.class, "add", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.MERGES, MergeRule::read),
  SUBTRACT(Subtract.class, "subtract", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.MERGES, MergeRule::read),
  MULTIPLY(Multiply.class, "multiply", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.MERGES, MergeRule::read),
  AVERAGE(Average.class, "average", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.MERGES, MergeRule::read),
  MAXIMUM(Maximum.class, "maximum", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.MERGES, MergeRule::read),
  MINIMUM(Minimum.class, "minimum", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.MERGES, MergeRule::read),
  CONCATENATE(Concatenate.class, "concatenate", Inputs.SEVERAL, TorchLayout.NONE, FeatureOrder.CONCATENATES, MergeRule::read);

  /** How many inputs a kind reads. */
  public enum Inputs {
    /** One tensor: the field before it, or the one named in {@code from}. */
    ONE,
    /** Two or more, named in {@code from}: a merge. */
    SEVERAL
  }

  private final Class<? extends Annotation> annotation;
  private final String snakeName;
  private final Inputs inputs;
  private final TorchLayout torchLayout;
  private final FeatureOrder featureOrder;
  private final RuleReader reader;

  LayerKind(Class<? extends Annotation> annotation, String snakeName, Inputs inputs, TorchLayout torchLayout,
      FeatureOrder featureOrder, RuleReader reader) {
    this.annotation = annotation;
    this.snakeName = snakeName;
    this.inputs = inputs;
    this.torchLayout = torchLayout;
    this.featureOrder = featureOrder;
    this.reader = reader;
  }

  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /** Keras's class name, which is also the annotation's simple name: {@code Conv2D}. */
  public String kerasName() {
    return annotation.getSimpleName();
  }

  /** Keras 3's {@code naming.to_snake_case} of the class name: {@code conv2d_transpose}. */
  public String snakeName() {
    return snakeName;
  }

  /** True for the layers that merge several inputs. */
  public boolean isMerge() {
    return inputs == Inputs.SEVERAL;
  }

  public Inputs inputs() {
    return inputs;
  }

  /** Where a PyTorch {@code state_dict} keeps this kind's weights, and in which layout. */
  public TorchLayout torchLayout() {
    return torchLayout;
  }

  /** What this kind does to the order of a vector's features (PyTorch's flatten order differs). */
  public FeatureOrder featureOrder() {
    return featureOrder;
  }

  /**
   * This kind's rule, from its annotation's attributes by element name (defaults included). The
   * structural elements ({@code from}, {@code trainable}, {@code sameShapeAs}) are not read here.
   */
  public <X extends Exception> LayerRule read(AttributeSource<X> attributes) throws X {
    return reader.read(this, attributes);
  }

  /** The kind whose annotation has this canonical name, or {@code null}. */
  public static LayerKind forAnnotation(String canonicalName) {
    for (LayerKind kind : values()) {
      if (kind.annotation.getCanonicalName().equals(canonicalName)) {
        return kind;
      }
    }
    return null;
  }

  /** The kind with this Keras class name ({@code Conv2D}), or {@code null}. */
  public static LayerKind forKerasName(String kerasName) {
    for (LayerKind kind : values()) {
      if (kind.kerasName().equals(kerasName)) {
        return kind;
      }
    }
    return null;
  }
}
