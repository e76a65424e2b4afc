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
 * The catalog of layer kinds: each kind's annotation, its Keras class name and the snake_case name
 * Keras 3 gives it in {@code .weights.h5} files. The processor, the runtime and the tests iterate
 * this enum, so a kind missing its reader, kernel or emitter fails a completeness test.
 */
public enum LayerKind {
  CONV_2D(Conv2D.class, "conv2d"),
  DEPTHWISE_CONV_2D(DepthwiseConv2D.class, "depthwise_conv2d"),
  SEPARABLE_CONV_2D(SeparableConv2D.class, "separable_conv2d"),
  CONV_2D_TRANSPOSE(Conv2DTranspose.class, "conv2d_transpose"),
  MAX_POOLING_2D(MaxPooling2D.class, "max_pooling2d"),
  AVERAGE_POOLING_2D(AveragePooling2D.class, "average_pooling2d"),
  GLOBAL_AVERAGE_POOLING_2D(GlobalAveragePooling2D.class, "global_average_pooling2d"),
  GLOBAL_MAX_POOLING_2D(GlobalMaxPooling2D.class, "global_max_pooling2d"),
  UP_SAMPLING_2D(UpSampling2D.class, "up_sampling2d"),
  ZERO_PADDING_2D(ZeroPadding2D.class, "zero_padding2d"),
  CROPPING_2D(Cropping2D.class, "cropping2d"),
  // The 1-D family over (steps, channels); listed before the merges, which isMerge() counts from ADD.
  CONV_1D(Conv1D.class, "conv1d"),
  DEPTHWISE_CONV_1D(DepthwiseConv1D.class, "depthwise_conv1d"),
  SEPARABLE_CONV_1D(SeparableConv1D.class, "separable_conv1d"),
  CONV_1D_TRANSPOSE(Conv1DTranspose.class, "conv1d_transpose"),
  MAX_POOLING_1D(MaxPooling1D.class, "max_pooling1d"),
  AVERAGE_POOLING_1D(AveragePooling1D.class, "average_pooling1d"),
  GLOBAL_AVERAGE_POOLING_1D(GlobalAveragePooling1D.class, "global_average_pooling1d"),
  GLOBAL_MAX_POOLING_1D(GlobalMaxPooling1D.class, "global_max_pooling1d"),
  UP_SAMPLING_1D(UpSampling1D.class, "up_sampling1d"),
  ZERO_PADDING_1D(ZeroPadding1D.class, "zero_padding1d"),
  CROPPING_1D(Cropping1D.class, "cropping1d"),
  BATCH_NORMALIZATION(BatchNormalization.class, "batch_normalization"),
  DROPOUT(Dropout.class, "dropout"),
  ACTIVATION(Activation.class, "activation"),
  RELU(ReLU.class, "re_lu"),
  LEAKY_RELU(LeakyReLU.class, "leaky_re_lu"),
  ELU(ELU.class, "elu"),
  SOFTMAX(Softmax.class, "softmax"),
  FLATTEN(Flatten.class, "flatten"),
  RESHAPE(Reshape.class, "reshape"),
  DENSE(Dense.class, "dense"),
  RESCALING(Rescaling.class, "rescaling"),
  NORMALIZATION(Normalization.class, "normalization"),
  ADD(Add.class, "add"),
  SUBTRACT(Subtract.class, "subtract"),
  MULTIPLY(Multiply.class, "multiply"),
  AVERAGE(Average.class, "average"),
  MAXIMUM(Maximum.class, "maximum"),
  MINIMUM(Minimum.class, "minimum"),
  CONCATENATE(Concatenate.class, "concatenate");

  private final Class<? extends Annotation> annotation;
  private final String snakeName;

  LayerKind(Class<? extends Annotation> annotation, String snakeName) {
    this.annotation = annotation;
    this.snakeName = snakeName;
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
    return ordinal() >= ADD.ordinal();
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
}
