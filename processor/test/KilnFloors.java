package test;

import dev.kiln.dsl.Padding;
import dev.kiln.runtime.Example;
import dev.kiln.runtime.ImagePreprocessing;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.weights.WeightFileException;
import dev.kiln.weights.WeightFiles;
import java.awt.image.BufferedImage;
import java.lang.String;
import java.nio.file.Path;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Kiln's compile-time view of the model {@code test.Floors}: input (None, 7, 7, 1), output (None, 3, 3, 1), 0 parameters.
 */
@Generated("dev.kiln.processor.KilnProcessor")
public final class KilnFloors {
  /**
   * Height of the model's input (None, 7, 7, 1).
   */
  public static final int INPUT_HEIGHT = 7;

  /**
   * Width of the model's input (None, 7, 7, 1).
   */
  public static final int INPUT_WIDTH = 7;

  /**
   * Channels of the model's input (None, 7, 7, 1).
   */
  public static final int INPUT_CHANNELS = 1;

  /**
   * Height of the model's output (None, 3, 3, 1).
   */
  public static final int OUTPUT_HEIGHT = 3;

  /**
   * Width of the model's output (None, 3, 3, 1).
   */
  public static final int OUTPUT_WIDTH = 3;

  /**
   * Channels of the model's output (None, 3, 3, 1).
   */
  public static final int OUTPUT_CHANNELS = 1;

  /**
   * Number of weights, trainable or not.
   */
  public static final long TOTAL_PARAMS = 0L;

  /**
   * Number of trainable weights.
   */
  public static final long TRAINABLE_PARAMS = 0L;

  /**
   * Number of non-trainable weights (e.g. moving statistics).
   */
  public static final long NON_TRAINABLE_PARAMS = 0L;

  /**
   * Multiply-accumulates per example.
   */
  public static final long MACS = 0L;

  private static final String SUMMARY = "Model: \"Floors\"\n"
      + "_________________________________________________________________\n"
      + " Layer (type)          Output Shape      Param #   MACs   Reads\n"
      + "=================================================================\n"
      + " image (InputLayer)    (None, 7, 7, 1)   0         0\n"
      + "_________________________________________________________________\n"
      + " pool (MaxPooling2D)   (None, 3, 3, 1)   0         0      image\n"
      + "=================================================================\n"
      + "Total params: 0 (0 B)\n"
      + "Trainable params: 0\n"
      + "Non-trainable params: 0\n"
      + "Multiply-accumulates: 0 per example\n"
      + "Activation memory: 58 floats (232 B) per example\n"
      + "_________________________________________________________________\n";

  private static final CheckedModel MODEL = ShapeChecker.check(spec());

  private final Network network;

  private KilnFloors(Network network) {
    this.network = network;
  }

  /**
   * The model with these weights (Keras names and layouts, e.g. {@code conv1/kernel}).
   *
   * @throws IllegalArgumentException listing every missing, unexpected or wrongly sized tensor
   */
  public static KilnFloors withWeights(Weights weights) {
    return new KilnFloors(Network.create(MODEL, weights));
  }

  /**
   * The model with the weights of a Keras file: {@code .weights.h5} or {@code .keras} (Keras 3),
   * {@code .h5} (Keras 2 {@code save_weights} or {@code save}), or safetensors with Keras names
   * ({@code conv1/kernel}). Layers are matched by field name.
   *
   * @throws WeightFileException listing every missing, unexpected or wrongly shaped tensor, or why the
   *     file cannot be read
   */
  public static KilnFloors fromKeras(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readKeras(file, MODEL));
  }

  /**
   * The model with the weights of a PyTorch {@code state_dict} saved as safetensors, matched to
   * the layers in declaration order and converted to Kiln's layouts (OIHW kernels, the Dense after
   * Flatten reordered from C,H,W to H,W,C).
   *
   * @throws WeightFileException listing every problem found in the file
   */
  public static KilnFloors fromPyTorch(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readPyTorch(file, MODEL));
  }

  /**
   * The model with Keras's default initialisation (glorot-uniform kernels, zero biases, batch
   * normalisation gamma 1, beta 0, mean 0, variance 1), reproducible from {@code seed}.
   */
  public static KilnFloors randomInit(long seed) {
    return withWeights(Weights.random(MODEL, seed));
  }

  /**
   * Runs one example: (None, 7, 7, 1) in, (None, 3, 3, 1) out.
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
   * example, each (None, 7, 7, 1) row-major; the result holds {@code batch * Output.SIZE}.
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
    return new ModelSpec("Floors", "image", new int[] {7, 7, 1}, List.of(
            new ModelSpec.LayerSpec("pool", new Pooling2DRule(LayerKind.MAX_POOLING_2D, new int[] {2}, new int[] {}, Padding.VALID), null)));
  }

  /**
   * The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran: every
   * layer's name, kind, input and output shapes, weights and parameter count.
   */
  public static CheckedModel model() {
    return MODEL;
  }

  /**
   * One example's input, shape (7, 7, 1) (the model's (None, 7, 7, 1) without the batch axis): 49 floats in
   * row-major (height, width, channels) order.
   */
  public static final class Input extends Example {
    public static final int HEIGHT = 7;

    public static final int WIDTH = 7;

    public static final int CHANNELS = 1;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 49;

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
     * The image resized to 7x7 and scaled as {@code preprocessing} says (gray for this model).
     *
     * @throws IllegalArgumentException if the preprocessing cannot produce this input (see
     *     {@link ImagePreprocessing#toInput})
     */
    public static Input fromImage(BufferedImage image, ImagePreprocessing preprocessing) {
      return new Input(preprocessing.toInput(image, HEIGHT, WIDTH, CHANNELS));
    }

    /**
     * The image resized bilinearly to 7x7 (gray) with values in [0, 1]: pixel / 255, as
     * torchvision's {@code ToTensor()}; {@link ImagePreprocessing#unit()}.
     */
    public static Input fromImage(BufferedImage image) {
      return fromImage(image, ImagePreprocessing.unit());
    }
  }

  /**
   * One example's output, shape (3, 3, 1) (the model's (None, 3, 3, 1) without the batch axis): 9 floats in
   * row-major (height, width, channels) order.
   */
  public static final class Output extends Example {
    public static final int HEIGHT = 3;

    public static final int WIDTH = 3;

    public static final int CHANNELS = 1;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 9;

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
