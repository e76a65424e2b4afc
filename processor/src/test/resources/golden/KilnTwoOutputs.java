package test;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelDescription;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import java.lang.String;
import javax.annotation.processing.Generated;

/**
 * Kiln's compile-time view of the model {@code test.TwoOutputs}: input (None, 8, 8, 3), output (None, 8, 8, 1), 127 parameters.
 */
@Generated("dev.kiln.processor.KilnProcessor")
public final class KilnTwoOutputs {
  /**
   * Height of the model's input (None, 8, 8, 3).
   */
  public static final int INPUT_HEIGHT = 8;

  /**
   * Width of the model's input (None, 8, 8, 3).
   */
  public static final int INPUT_WIDTH = 8;

  /**
   * Channels of the model's input (None, 8, 8, 3).
   */
  public static final int INPUT_CHANNELS = 3;

  /**
   * Height of the output `mask` (None, 8, 8, 1).
   */
  public static final int MASK_HEIGHT = 8;

  /**
   * Width of the output `mask` (None, 8, 8, 1).
   */
  public static final int MASK_WIDTH = 8;

  /**
   * Channels of the output `mask` (None, 8, 8, 1).
   */
  public static final int MASK_CHANNELS = 1;

  /**
   * Units of the output `classes` (None, 2).
   */
  public static final int CLASSES_UNITS = 2;

  /**
   * Number of weights, trainable or not.
   */
  public static final long TOTAL_PARAMS = 127L;

  /**
   * Number of trainable weights.
   */
  public static final long TRAINABLE_PARAMS = 127L;

  /**
   * Number of non-trainable weights (e.g. moving statistics).
   */
  public static final long NON_TRAINABLE_PARAMS = 0L;

  /**
   * Multiply-accumulates per example.
   */
  public static final long MACS = 7176L;

  private static final String SUMMARY = "Model: \"TwoOutputs\"\n"
      + "_________________________________________________________________________________\n"
      + " Layer (type)                      Output Shape      Param #   MACs    Reads\n"
      + "=================================================================================\n"
      + " image (InputLayer)                (None, 8, 8, 3)   0         0\n"
      + "_________________________________________________________________________________\n"
      + " features (Conv2D)                 (None, 8, 8, 4)   112       6,912   image\n"
      + "_________________________________________________________________________________\n"
      + " mask (Conv2D)                     (None, 8, 8, 1)   5         256     features\n"
      + "_________________________________________________________________________________\n"
      + " pooled (GlobalAveragePooling2D)   (None, 4)         0         0       features\n"
      + "_________________________________________________________________________________\n"
      + " classes (Dense)                   (None, 2)         10        8       pooled\n"
      + "=================================================================================\n"
      + "Total params: 127 (508 B)\n"
      + "Trainable params: 127\n"
      + "Non-trainable params: 0\n"
      + "Multiply-accumulates: 7,176 per example\n"
      + "Activation memory: 518 floats (2.02 KB) per example\n"
      + "_________________________________________________________________________________\n";

  /**
   * The model as declared, in Kiln's model description format 1.
   */
  private static final String DESCRIPTION = "kiln-model-description 1\n"
      + "model TwoOutputs\n"
      + "input image [8,8,3]\n"
      + "layer features Conv2D from=[] filters=4 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer mask Conv2D from=[features] filters=1 kernelSize=[1] strides=[1] padding=VALID dilationRate=[1] activation=LINEAR useBias=true trainable=true\n"
      + "layer pooled GlobalAveragePooling2D from=[features] keepdims=false trainable=true\n"
      + "layer classes Dense from=[] units=2 activation=SOFTMAX useBias=true trainable=true\n"
      + "outputs [mask,classes]\n";

  private static final CheckedModel MODEL = ShapeChecker.check(spec());

  /**
   * The Keras-style summary: each layer's output shape, parameters and multiply-accumulates.
   */
  public static String summary() {
    return SUMMARY;
  }

  /**
   * The model's layers and their attributes, as declared.
   */
  public static ModelSpec spec() {
    return ModelDescription.parse(DESCRIPTION);
  }

  /**
   * The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran: every
   * layer's name, kind, input and output shapes, weights and parameter count.
   */
  public static CheckedModel model() {
    return MODEL;
  }
}
