package test;

import dev.kiln.runtime.Example;
import dev.kiln.runtime.ImagePreprocessing;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Prediction;
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
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Kiln's compile-time view of the model {@code test.Classifier}: input (None, 28, 28, 1), output (None, 10), 13,610 parameters.
 */
@Generated("dev.kiln.processor.KilnProcessor")
public final class KilnClassifier {
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
   * Units of the model's output (None, 10).
   */
  public static final int OUTPUT_UNITS = 10;

  /**
   * Number of weights, trainable or not.
   */
  public static final long TOTAL_PARAMS = 13610L;

  /**
   * Number of trainable weights.
   */
  public static final long TRAINABLE_PARAMS = 13610L;

  /**
   * Number of non-trainable weights (e.g. moving statistics).
   */
  public static final long NON_TRAINABLE_PARAMS = 0L;

  /**
   * Multiply-accumulates per example.
   */
  public static final long MACS = 62192L;

  private static final String SUMMARY = "Model: \"Classifier\"\n"
      + "_____________________________________________________________________\n"
      + " Layer (type)          Output Shape        Param #   MACs     Reads\n"
      + "=====================================================================\n"
      + " image (InputLayer)    (None, 28, 28, 1)   0         0\n"
      + "_____________________________________________________________________\n"
      + " conv (Conv2D)         (None, 26, 26, 8)   80        48,672   image\n"
      + "_____________________________________________________________________\n"
      + " pool (MaxPooling2D)   (None, 13, 13, 8)   0         0        conv\n"
      + "_____________________________________________________________________\n"
      + " flat (Flatten)        (None, 1352)        0         0        pool\n"
      + "_____________________________________________________________________\n"
      + " classes (Dense)       (None, 10)          13,530    13,520   flat\n"
      + "=====================================================================\n"
      + "Total params: 13,610 (53.16 KB)\n"
      + "Trainable params: 13,610\n"
      + "Non-trainable params: 0\n"
      + "Multiply-accumulates: 62,192 per example\n"
      + "Activation memory: 8,906 floats (34.79 KB) per example\n"
      + "_____________________________________________________________________\n";

  /**
   * The model as declared, in Kiln's model description format 1.
   */
  private static final String DESCRIPTION = "kiln-model-description 1\n"
      + "model Classifier\n"
      + "input image [28,28,1]\n"
      + "layer conv Conv2D from=[] filters=8 kernelSize=[3] strides=[1] padding=VALID dilationRate=[1] activation=RELU useBias=true trainable=true\n"
      + "layer pool MaxPooling2D from=[] poolSize=[2] strides=[] padding=VALID trainable=true\n"
      + "layer flat Flatten from=[] trainable=true\n"
      + "layer classes Dense from=[] units=10 activation=SOFTMAX useBias=true trainable=true\n";

  private static final CheckedModel MODEL = ShapeChecker.check(spec());

  private final Network network;

  private KilnClassifier(Network network) {
    this.network = network;
  }

  /**
   * The model with these weights (Keras names and layouts, e.g. {@code conv1/kernel}).
   *
   * @throws IllegalArgumentException listing every missing, unexpected or wrongly sized tensor
   */
  public static KilnClassifier withWeights(Weights weights) {
    return new KilnClassifier(Network.create(MODEL, weights));
  }

  /**
   * The model with the weights of a Keras file: {@code .weights.h5} or {@code .keras} (Keras 3),
   * {@code .h5} (Keras 2 {@code save_weights} or {@code save}), or safetensors with Keras names
   * ({@code conv1/kernel}). Layers are matched by field name.
   *
   * @throws WeightFileException listing every missing, unexpected or wrongly shaped tensor, or why the
   *     file cannot be read
   */
  public static KilnClassifier fromKeras(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readKeras(file, MODEL));
  }

  /**
   * The model with the weights of a PyTorch {@code state_dict} saved as safetensors, matched to
   * the layers in declaration order and converted to Kiln's layouts (OIHW kernels, the Dense after
   * Flatten reordered from C,H,W to H,W,C).
   *
   * @throws WeightFileException listing every problem found in the file
   */
  public static KilnClassifier fromPyTorch(Path file) throws WeightFileException {
    return withWeights(WeightFiles.readPyTorch(file, MODEL));
  }

  /**
   * The model with Keras's default initialisation (glorot-uniform kernels, zero biases, batch
   * normalisation gamma 1, beta 0, mean 0, variance 1), reproducible from {@code seed}.
   */
  public static KilnClassifier randomInit(long seed) {
    return withWeights(Weights.random(MODEL, seed));
  }

  /**
   * Runs one example: (None, 28, 28, 1) in, (None, 10) out.
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
   * One example's output, shape (10) (the model's (None, 10) without the batch axis): 10 floats in
   * row-major (units) order.
   */
  public static final class Output extends Example {
    public static final int UNITS = 10;

    /**
     * Floats in one example.
     */
    public static final int SIZE = 10;

    private Output(float[] values) {
      super("output", values, UNITS);
    }

    /**
     * A copy of {@code values}, which must hold exactly {@link #SIZE} floats in units order.
     *
     * @throws IllegalArgumentException if the length is not {@link #SIZE}
     */
    public static Output of(float[] values) {
      return new Output(copyOf(values, "output", UNITS));
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
    public float get(int unit) {
      return at(offset(unit));
    }

    /**
     * Sets one element.
     *
     * @throws IndexOutOfBoundsException naming the index out of range
     */
    public void set(int unit, float value) {
      put(offset(unit), value);
    }

    /**
     * The index of the largest value (the first, on ties): the predicted class.
     */
    public int argmax() {
      return largest();
    }

    /**
     * The {@code k} largest scores, largest first (ties in unit order); the model declares no labels, so each label is null.
     *
     * @throws IllegalArgumentException if {@code k} is not in [1, {@link #UNITS}]
     */
    public List<Prediction> topK(int k) {
      return topK(k, null);
    }

    /**
     * The {@code k} largest scores, largest first, labelled from {@code labels} (one per unit, or
     * null for none).
     *
     * @throws IllegalArgumentException if {@code k} is not in [1, {@link #UNITS}] or the label count differs
     */
    public List<Prediction> topK(int k, List<String> labels) {
      return Prediction.topK(toArray(), k, labels);
    }
  }
}
