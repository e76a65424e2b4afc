package test;

import dev.kiln.runtime.Example;
import dev.kiln.runtime.ImagePreprocessing;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelDescription;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.weights.WeightFileException;
import dev.kiln.weights.WeightFiles;
import java.awt.image.BufferedImage;
import java.lang.String;
import java.nio.file.Path;
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

  /**
   * The model as declared, in Kiln's model description format 1.
   */
  private static final String DESCRIPTION = "kiln-model-description 1\n"
      + "model Denoiser\n"
      + "input image [28,28,1]\n"
      + "layer conv1 Conv2D from=[] filters=32 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer pool1 MaxPooling2D from=[] poolSize=[2] strides=[] padding=VALID trainable=true\n"
      + "layer conv2 Conv2D from=[] filters=16 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer pool2 MaxPooling2D from=[] poolSize=[2] strides=[] padding=VALID trainable=true\n"
      + "layer conv3 Conv2D from=[] filters=8 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer conv4 Conv2D from=[] filters=8 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer up1 UpSampling2D from=[] size=[2] interpolation=NEAREST trainable=true\n"
      + "layer conv5 Conv2D from=[] filters=16 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer up2 UpSampling2D from=[] size=[2] interpolation=NEAREST trainable=true\n"
      + "layer restored Conv2D from=[] filters=1 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=LINEAR useBias=true trainable=true @Shape=[28,28,1]\n";

  private static final CheckedModel MODEL = ShapeChecker.check(spec());

  private final Network network;

  private KilnDenoiser(Network network) {
    this.network = network;
  }

  /**
   * The model with these weights (Keras names and layouts, e.g. {@code conv1/kernel}).
   *
   * @throws IllegalArgumentException listing every missing, unexpected or wrongly sized tensor
   */
  public static KilnDenoiser withWeights(Weights weights) {
    return new KilnDenoiser(Network.create(MODEL, weights));
  }

  /**
   * The model with the weights of a Keras file: {@code .weights.h5} or {@code .keras} (Keras 3),
   * {@code .h5} (Keras 2 {@code save_weights} or {@code save}), or safetensors with Keras names
   * ({@code conv1/kernel}). Layers are matched by field name.
   *
   * @throws WeightFileException listing every missing, unexpected or wrongly shaped tensor, or why the
   *     file cannot be read
   */
  public static KilnDenoiser fromKeras(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readKeras(file, MODEL));
  }

  /**
   * The model with the weights of a PyTorch {@code state_dict} saved as safetensors, matched to
   * the layers in declaration order and converted to Kiln's layouts (OIHW kernels, the Dense after
   * Flatten reordered from C,H,W to H,W,C).
   *
   * @throws WeightFileException listing every problem found in the file
   */
  public static KilnDenoiser fromPyTorch(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readPyTorch(file, MODEL));
  }

  /**
   * The model with Keras's default initialisation (glorot-uniform kernels, zero biases, batch
   * normalisation gamma 1, beta 0, mean 0, variance 1), reproducible from {@code seed}.
   */
  public static KilnDenoiser randomInit(long seed) {
    return withWeights(Weights.random(MODEL, seed));
  }

  /**
   * Runs one example: (None, 28, 28, 1) in, (None, 28, 28, 1) out.
   */
  public Output forward(Input example) {
    Output result = Output.zeros();
    forward(example, result);
    return result;
  }

  /**
   * Runs one example into {@code result}, allocating nothing once warmed up.
   */
  public void forward(Input example, Output result) {
    network.predict(example, result);
  }

  /**
   * Runs {@code batch} examples: {@code inputs} holds {@code batch * Input.SIZE} floats, example after
   * example, each (None, 28, 28, 1) row-major; the result holds {@code batch * Output.SIZE}.
   *
   * @throws IllegalArgumentException if a length does not match the shapes
   */
  public float[] predict(float[] inputs, int batch) {
    return network.predict(inputs, batch);
  }

  /**
   * Runs {@code batch} examples into {@code outputs} ({@code batch * Output.SIZE} floats), allocating
   * nothing once warmed up.
   *
   * @throws IllegalArgumentException if a length does not match the shapes
   */
  public void predict(float[] inputs, float[] outputs, int batch) {
    network.predict(inputs, outputs, batch);
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
    return ModelDescription.parse(DESCRIPTION);
  }

  /**
   * The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran: every
   * layer's name, kind, input and output shapes, weights and parameter count.
   */
  public static CheckedModel model() {
    return MODEL;
  }

  /**
   * One example's input, shape (28, 28, 1) (the model's (None, 28, 28, 1) without the batch axis): 784 floats in
   * row-major (height, width, channels) order.
   */
  public static final class Input extends Example {
    public static final int HEIGHT = 28;

    public static final int WIDTH = 28;

    public static final int CHANNELS = 1;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 784;

    private Input(float[] values) {
      super("input", values, HEIGHT, WIDTH, CHANNELS);
    }

    /**
     * A copy of {@code values}, which must hold exactly {@link #SIZE} floats in height, width, channels order.
     *
     * @throws IllegalArgumentException if the length is not {@link #SIZE}
     */
    public static Input of(float[] values) {
      return new Input(copyOf(values, "input", HEIGHT, WIDTH, CHANNELS));
    }

    /**
     * An example of zeros.
     */
    public static Input zeros() {
      return new Input(new float[SIZE]);
    }

    /**
     * One element.
     *
     * @throws IndexOutOfBoundsException naming the index out of range
     */
    public float get(int row, int column, int channel) {
      return at(offset(row, column, channel));
    }

    /**
     * Sets one element.
     *
     * @throws IndexOutOfBoundsException naming the index out of range
     */
    public void set(int row, int column, int channel, float value) {
      put(offset(row, column, channel), value);
    }

    /**
     * The image resized to 28x28 and scaled as {@code preprocessing} says (gray for this model).
     *
     * @throws IllegalArgumentException if the preprocessing cannot produce this input (see
     *     {@link ImagePreprocessing#toInput})
     */
    public static Input fromImage(BufferedImage image, ImagePreprocessing preprocessing) {
      return new Input(preprocessing.toInput(image, HEIGHT, WIDTH, CHANNELS));
    }

    /**
     * The image resized bilinearly to 28x28 (gray) with values in [0, 1]: pixel / 255, as
     * torchvision's {@code ToTensor()}; {@link ImagePreprocessing#unit()}.
     */
    public static Input fromImage(BufferedImage image) {
      return fromImage(image, ImagePreprocessing.unit());
    }
  }

  /**
   * One example's output, shape (28, 28, 1) (the model's (None, 28, 28, 1) without the batch axis): 784 floats in
   * row-major (height, width, channels) order.
   */
  public static final class Output extends Example {
    public static final int HEIGHT = 28;

    public static final int WIDTH = 28;

    public static final int CHANNELS = 1;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 784;

    private Output(float[] values) {
      super("output", values, HEIGHT, WIDTH, CHANNELS);
    }

    /**
     * A copy of {@code values}, which must hold exactly {@link #SIZE} floats in height, width, channels order.
     *
     * @throws IllegalArgumentException if the length is not {@link #SIZE}
     */
    public static Output of(float[] values) {
      return new Output(copyOf(values, "output", HEIGHT, WIDTH, CHANNELS));
    }

    /**
     * An example of zeros.
     */
    public static Output zeros() {
      return new Output(new float[SIZE]);
    }

    /**
     * One element.
     *
     * @throws IndexOutOfBoundsException naming the index out of range
     */
    public float get(int row, int column, int channel) {
      return at(offset(row, column, channel));
    }

    /**
     * Sets one element.
     *
     * @throws IndexOutOfBoundsException naming the index out of range
     */
    public void set(int row, int column, int channel, float value) {
      put(offset(row, column, channel), value);
    }
  }
}
