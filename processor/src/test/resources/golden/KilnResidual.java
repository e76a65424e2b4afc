package test;

import dev.kiln.runtime.Example;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelDescription;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.weights.WeightFileException;
import dev.kiln.weights.WeightFiles;
import java.lang.String;
import java.nio.file.Path;
import javax.annotation.processing.Generated;

/**
 * Kiln's compile-time view of the model {@code test.Residual}: input (None, 16, 16, 8), output (None, 16, 16, 8), 1,168 parameters.
 */
@Generated("dev.kiln.processor.KilnProcessor")
public final class KilnResidual {
  /**
   * Height of the model's input (None, 16, 16, 8).
   */
  public static final int INPUT_HEIGHT = 16;

  /**
   * Width of the model's input (None, 16, 16, 8).
   */
  public static final int INPUT_WIDTH = 16;

  /**
   * Channels of the model's input (None, 16, 16, 8).
   */
  public static final int INPUT_CHANNELS = 8;

  /**
   * Height of the model's output (None, 16, 16, 8).
   */
  public static final int OUTPUT_HEIGHT = 16;

  /**
   * Width of the model's output (None, 16, 16, 8).
   */
  public static final int OUTPUT_WIDTH = 16;

  /**
   * Channels of the model's output (None, 16, 16, 8).
   */
  public static final int OUTPUT_CHANNELS = 8;

  /**
   * Number of weights, trainable or not.
   */
  public static final long TOTAL_PARAMS = 1168L;

  /**
   * Number of trainable weights.
   */
  public static final long TRAINABLE_PARAMS = 1168L;

  /**
   * Number of non-trainable weights (e.g. moving statistics).
   */
  public static final long NON_TRAINABLE_PARAMS = 0L;

  /**
   * Multiply-accumulates per example.
   */
  public static final long MACS = 294912L;

  private static final String SUMMARY = "Model: \"Residual\"\n"
      + "____________________________________________________________________________\n"
      + " Layer (type)         Output Shape        Param #   MACs      Reads\n"
      + "============================================================================\n"
      + " image (InputLayer)   (None, 16, 16, 8)   0         0\n"
      + "____________________________________________________________________________\n"
      + " conv1 (Conv2D)       (None, 16, 16, 8)   584       147,456   image\n"
      + "____________________________________________________________________________\n"
      + " conv2 (Conv2D)       (None, 16, 16, 8)   584       147,456   conv1\n"
      + "____________________________________________________________________________\n"
      + " sum (Add)            (None, 16, 16, 8)   0         0         conv2, image\n"
      + "____________________________________________________________________________\n"
      + " out (ReLU)           (None, 16, 16, 8)   0         0         sum\n"
      + "============================================================================\n"
      + "Total params: 1,168 (4.56 KB)\n"
      + "Trainable params: 1,168\n"
      + "Non-trainable params: 0\n"
      + "Multiply-accumulates: 294,912 per example\n"
      + "Activation memory: 10,240 floats (40.00 KB) per example\n"
      + "____________________________________________________________________________\n";

  /**
   * The model as declared, in Kiln's model description format 1.
   */
  private static final String DESCRIPTION = "kiln-model-description 1\n"
      + "model Residual\n"
      + "input image [16,16,8]\n"
      + "layer conv1 Conv2D from=[] filters=8 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer conv2 Conv2D from=[] filters=8 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=LINEAR useBias=true trainable=true\n"
      + "layer sum Add from=[conv2,image] trainable=true\n"
      + "layer out ReLU from=[] maxValue=Infinity negativeSlope=0.0 threshold=0.0 trainable=true\n";

  private static final CheckedModel MODEL = ShapeChecker.check(spec());

  private final Network network;

  private KilnResidual(Network network) {
    this.network = network;
  }

  /**
   * The model with these weights (Keras names and layouts, e.g. {@code conv1/kernel}).
   *
   * @throws IllegalArgumentException listing every missing, unexpected or wrongly sized tensor
   */
  public static KilnResidual withWeights(Weights weights) {
    return new KilnResidual(Network.create(MODEL, weights));
  }

  /**
   * The model with the weights of a Keras file: {@code .weights.h5} or {@code .keras} (Keras 3),
   * {@code .h5} (Keras 2 {@code save_weights} or {@code save}), or safetensors with Keras names
   * ({@code conv1/kernel}). Layers are matched by field name.
   *
   * @throws WeightFileException listing every missing, unexpected or wrongly shaped tensor, or why the
   *     file cannot be read
   */
  public static KilnResidual fromKeras(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readKeras(file, MODEL));
  }

  /**
   * The model with the weights of a PyTorch {@code state_dict} saved as safetensors, matched to
   * the layers in declaration order and converted to Kiln's layouts (OIHW kernels, the Dense after
   * Flatten reordered from C,H,W to H,W,C).
   *
   * @throws WeightFileException listing every problem found in the file
   */
  public static KilnResidual fromPyTorch(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readPyTorch(file, MODEL));
  }

  /**
   * The model with Keras's default initialisation (glorot-uniform kernels, zero biases, batch
   * normalisation gamma 1, beta 0, mean 0, variance 1), reproducible from {@code seed}.
   */
  public static KilnResidual randomInit(long seed) {
    return withWeights(Weights.random(MODEL, seed));
  }

  /**
   * Runs one example: (None, 16, 16, 8) in, (None, 16, 16, 8) out.
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
   * example, each (None, 16, 16, 8) row-major; the result holds {@code batch * Output.SIZE}.
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
   * One example's input, shape (16, 16, 8) (the model's (None, 16, 16, 8) without the batch axis): 2048 floats in
   * row-major (height, width, channels) order.
   */
  public static final class Input extends Example {
    public static final int HEIGHT = 16;

    public static final int WIDTH = 16;

    public static final int CHANNELS = 8;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 2048;

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
  }

  /**
   * One example's output, shape (16, 16, 8) (the model's (None, 16, 16, 8) without the batch axis): 2048 floats in
   * row-major (height, width, channels) order.
   */
  public static final class Output extends Example {
    public static final int HEIGHT = 16;

    public static final int WIDTH = 16;

    public static final int CHANNELS = 8;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 2048;

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
