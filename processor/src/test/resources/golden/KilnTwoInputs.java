package test;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelDescription;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import java.lang.String;
import javax.annotation.processing.Generated;

/**
 * Kiln's compile-time view of the model {@code test.TwoInputs}: input (None, 8, 8, 3), output (None, 8, 8, 4), 148 parameters.
 */
@Generated("dev.kiln.processor.KilnProcessor")
public final class KilnTwoInputs {
  /**
   * Height of the input `image` (None, 8, 8, 3).
   */
  public static final int IMAGE_HEIGHT = 8;

  /**
   * Width of the input `image` (None, 8, 8, 3).
   */
  public static final int IMAGE_WIDTH = 8;

  /**
   * Channels of the input `image` (None, 8, 8, 3).
   */
  public static final int IMAGE_CHANNELS = 3;

  /**
   * Height of the input `mask` (None, 8, 8, 1).
   */
  public static final int MASK_HEIGHT = 8;

  /**
   * Width of the input `mask` (None, 8, 8, 1).
   */
  public static final int MASK_WIDTH = 8;

  /**
   * Channels of the input `mask` (None, 8, 8, 1).
   */
  public static final int MASK_CHANNELS = 1;

  /**
   * Height of the model's output (None, 8, 8, 4).
   */
  public static final int OUTPUT_HEIGHT = 8;

  /**
   * Width of the model's output (None, 8, 8, 4).
   */
  public static final int OUTPUT_WIDTH = 8;

  /**
   * Channels of the model's output (None, 8, 8, 4).
   */
  public static final int OUTPUT_CHANNELS = 4;

  /**
   * Number of weights, trainable or not.
   */
  public static final long TOTAL_PARAMS = 148L;

  /**
   * Number of trainable weights.
   */
  public static final long TRAINABLE_PARAMS = 148L;

  /**
   * Number of non-trainable weights (e.g. moving statistics).
   */
  public static final long NON_TRAINABLE_PARAMS = 0L;

  /**
   * Multiply-accumulates per example.
   */
  public static final long MACS = 9216L;

  private static final String SUMMARY = "Model: \"TwoInputs\"\n"
      + "_______________________________________________________________________\n"
      + " Layer (type)         Output Shape      Param #   MACs    Reads\n"
      + "=======================================================================\n"
      + " image (InputLayer)   (None, 8, 8, 3)   0         0\n"
      + "_______________________________________________________________________\n"
      + " mask (InputLayer)    (None, 8, 8, 1)   0         0\n"
      + "_______________________________________________________________________\n"
      + " both (Concatenate)   (None, 8, 8, 4)   0         0       image, mask\n"
      + "_______________________________________________________________________\n"
      + " conv (Conv2D)        (None, 8, 8, 4)   148       9,216   both\n"
      + "=======================================================================\n"
      + "Total params: 148 (592 B)\n"
      + "Trainable params: 148\n"
      + "Non-trainable params: 0\n"
      + "Multiply-accumulates: 9,216 per example\n"
      + "Activation memory: 768 floats (3.00 KB) per example\n"
      + "_______________________________________________________________________\n";

  /**
   * The model as declared, in Kiln's model description format 1.
   */
  private static final String DESCRIPTION = "kiln-model-description 1\n"
      + "model TwoInputs\n"
      + "input image [8,8,3]\n"
      + "input mask [8,8,1]\n"
      + "layer both Concatenate from=[image,mask] axis=-1 trainable=true\n"
      + "layer conv Conv2D from=[] filters=4 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=LINEAR useBias=true trainable=true\n";

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
