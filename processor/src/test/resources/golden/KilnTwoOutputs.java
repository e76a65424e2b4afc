package test;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.GlobalPooling2DRule;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import java.lang.String;
import java.util.List;
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
    return new ModelSpec("TwoOutputs", List.of(
            new ModelSpec.InputSpec("image", new int[] {8, 8, 3})), List.of(
            new ModelSpec.LayerSpec("features", new Conv2DRule(4, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.RELU), true), List.of(), "", null),
            new ModelSpec.LayerSpec("mask", new Conv2DRule(1, new ConvWindow(new int[] {1}, new int[] {1}, Padding.VALID, new int[] {1}), ActivationFunction.of(Activations.LINEAR), true), List.of("features"), "", null),
            new ModelSpec.LayerSpec("pooled", new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false), List.of("features"), "", null),
            new ModelSpec.LayerSpec("classes", new DenseRule(2, ActivationFunction.of(Activations.SOFTMAX), true), List.of(), "", null)), List.of("mask", "classes"));
  }

  /**
   * The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran: every
   * layer's name, kind, input and output shapes, weights and parameter count.
   */
  public static CheckedModel model() {
    return MODEL;
  }
}
