package test;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.UpSampling2DRule;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Kiln's compile-time view of the model {@code test.Denoiser}: input (None, 28, 28, 1), output (None, 28, 28, 1), 8,001 parameters.
 */
@Generated("dev.kiln.processor.KilnProcessor")
public final class KilnDenoiser {
  /**
   * Height of the model's input (None, 28, 28, 1).
   */
  public static final int INPUT_HEIGHT = 28;

  /**
   * Width of the model's input (None, 28, 28, 1).
   */
  public static final int INPUT_WIDTH = 28;

  /**
   * Channels of the model's input (None, 28, 28, 1).
   */
  public static final int INPUT_CHANNELS = 1;

  /**
   * Height of the model's output (None, 28, 28, 1).
   */
  public static final int OUTPUT_HEIGHT = 28;

  /**
   * Width of the model's output (None, 28, 28, 1).
   */
  public static final int OUTPUT_WIDTH = 28;

  /**
   * Channels of the model's output (None, 28, 28, 1).
   */
  public static final int OUTPUT_CHANNELS = 1;

  /**
   * Number of weights, trainable or not.
   */
  public static final long TOTAL_PARAMS = 8001L;

  /**
   * Number of trainable weights.
   */
  public static final long TRAINABLE_PARAMS = 8001L;

  /**
   * Number of non-trainable weights (e.g. moving statistics).
   */
  public static final long NON_TRAINABLE_PARAMS = 0L;

  /**
   * Multiply-accumulates per example.
   */
  public static final long MACS = 1552320L;

  private static final String SUMMARY = "Model: \"Denoiser\"\n"
      + "________________________________________________________________________\n"
      + " Layer (type)           Output Shape         Param #   MACs      Reads\n"
      + "========================================================================\n"
      + " image (InputLayer)     (None, 28, 28, 1)    0         0\n"
      + "________________________________________________________________________\n"
      + " conv1 (Conv2D)         (None, 28, 28, 32)   320       225,792   image\n"
      + "________________________________________________________________________\n"
      + " pool1 (MaxPooling2D)   (None, 14, 14, 32)   0         0         conv1\n"
      + "________________________________________________________________________\n"
      + " conv2 (Conv2D)         (None, 14, 14, 16)   4,624     903,168   pool1\n"
      + "________________________________________________________________________\n"
      + " pool2 (MaxPooling2D)   (None, 7, 7, 16)     0         0         conv2\n"
      + "________________________________________________________________________\n"
      + " conv3 (Conv2D)         (None, 7, 7, 8)      1,160     56,448    pool2\n"
      + "________________________________________________________________________\n"
      + " conv4 (Conv2D)         (None, 7, 7, 8)      584       28,224    conv3\n"
      + "________________________________________________________________________\n"
      + " up1 (UpSampling2D)     (None, 14, 14, 8)    0         0         conv4\n"
      + "________________________________________________________________________\n"
      + " conv5 (Conv2D)         (None, 14, 14, 16)   1,168     225,792   up1\n"
      + "________________________________________________________________________\n"
      + " up2 (UpSampling2D)     (None, 28, 28, 16)   0         0         conv5\n"
      + "________________________________________________________________________\n"
      + " restored (Conv2D)      (None, 28, 28, 1)    145       112,896   up2\n"
      + "========================================================================\n"
      + "Total params: 8,001 (31.25 KB)\n"
      + "Trainable params: 8,001\n"
      + "Non-trainable params: 0\n"
      + "Multiply-accumulates: 1,552,320 per example\n"
      + "Activation memory: 54,880 floats (214.38 KB) per example\n"
      + "________________________________________________________________________\n";

  private KilnDenoiser() {
  }

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
    return new ModelSpec("Denoiser", "image", new int[] {28, 28, 1}, List.of(
            new ModelSpec.LayerSpec("conv1", new Conv2DRule(32, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.RELU), true), null),
            new ModelSpec.LayerSpec("pool1", new Pooling2DRule(LayerKind.MAX_POOLING_2D, new int[] {2}, new int[] {}, Padding.VALID), null),
            new ModelSpec.LayerSpec("conv2", new Conv2DRule(16, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.RELU), true), null),
            new ModelSpec.LayerSpec("pool2", new Pooling2DRule(LayerKind.MAX_POOLING_2D, new int[] {2}, new int[] {}, Padding.VALID), null),
            new ModelSpec.LayerSpec("conv3", new Conv2DRule(8, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.RELU), true), null),
            new ModelSpec.LayerSpec("conv4", new Conv2DRule(8, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.RELU), true), null),
            new ModelSpec.LayerSpec("up1", new UpSampling2DRule(new int[] {2}, Interpolation.NEAREST), null),
            new ModelSpec.LayerSpec("conv5", new Conv2DRule(16, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.RELU), true), null),
            new ModelSpec.LayerSpec("up2", new UpSampling2DRule(new int[] {2}, Interpolation.NEAREST), null),
            new ModelSpec.LayerSpec("restored", new Conv2DRule(1, new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.of(Activations.LINEAR), true), null)));
  }

  /**
   * The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran.
   */
  public static CheckedModel model() {
    return ShapeChecker.check(spec());
  }
}
