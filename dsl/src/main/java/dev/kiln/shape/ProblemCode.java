package dev.kiln.shape;

import java.util.Locale;

/**
 * Every diagnostic Kiln can emit, in one place. Each message says what must hold, what was received,
 * and how to fix it; the fix is computed by the rule that found the problem. The tag (e.g. {@code
 * kiln.window}) is stable: tests, documentation and {@code @SuppressWarnings} use it.
 */
public enum ProblemCode {
  // --- attribute values ------------------------------------------------------------------------
  ARRAY_LENGTH("kiln.array-length", "%s: `%s` takes %s; received %d values %s. Write %s."),
  NOT_POSITIVE("kiln.not-positive", "%s: `%s` must be at least 1; received %s."),
  NEGATIVE("kiln.negative", "%s: `%s` must not be negative; received %s."),
  NOT_FINITE(
      "kiln.not-finite",
      "%s: `%s` must be a finite number; received %s, which would make %s. %s"),
  STRIDES_WITH_DILATION(
      "kiln.strides-dilation",
      "%s: strides greater than 1 cannot be combined with a dilationRate greater than 1 (Keras 3 "
          + "rejects it); received strides = %s and dilationRate = %s. Use strides = 1 to keep the "
          + "dilation, or dilationRate = 1 to keep the stride."),
  OUTPUT_PADDING(
      "kiln.output-padding",
      "%s: `%s` must be smaller than the stride %d along that axis; received %d. %s"),
  DROPOUT_RATE(
      "kiln.dropout-rate",
      "%s: `rate` is the fraction of inputs dropped in training and must be in [0, 1); received %s."),
  RESHAPE_TARGET(
      "kiln.reshape-target",
      "%s: every `targetShape` entry must be at least 1, except a single -1 that is inferred; "
          + "received %s."),
  NORMALIZATION_VALUES(
      "kiln.normalization",
      "%s: `mean` and `variance` must have the same number of values; received %d and %d. %s"),
  CAUSAL_PADDING(
      "kiln.causal",
      "%s: padding = CAUSAL is only for Conv1D (Keras 3 accepts \"causal\" in Conv1D alone). Use VALID or "
          + "SAME, or a ZeroPadding1D before the layer for zeros at the start only."),
  // --- shapes ----------------------------------------------------------------------------------
  NEEDS_IMAGE(
      "kiln.rank",
      "%s needs a (height, width, channels) input, but its input %s is %s. %s"),
  NEEDS_SEQUENCE(
      "kiln.rank",
      "%s needs a (steps, channels) input, but its input %s is %s. %s"),
  WINDOW_TOO_LARGE("kiln.window", "%s: %s does not fit its %s: %s. %s."),
  TRANSPOSED_EMPTY(
      "kiln.window", "%s: the output would be empty for its %s: %s. %s"),
  TF_TRANSPOSE(
      "kiln.tf-transpose",
      "%s: SAME padding with a kernel of even extent %d and outputPadding 0 makes %d %s from %d, which "
          + "Keras's TensorFlow backend rejects when the model runs (a SAME convolution of %d gives back %d, "
          + "not %d: \"Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed\"); JAX and "
          + "PyTorch accept it. Use outputPadding = 1 (%d %s) to run on every backend."),
  TRUNCATION(
      "kiln.truncation",
      "%s drops %s of its %s: %s. %s"),
  CROP_TOO_MUCH(
      "kiln.crop",
      "%s: cropping must leave at least one row and one column, but %s of its %s. %s"),
  CROP_STEPS(
      "kiln.crop",
      "%s: cropping must leave at least one step, but %s of its %s. %s"),
  RESHAPE_SIZE(
      "kiln.reshape-size",
      "%s: the target shape must hold as many elements as the input; %s"),
  TOO_LARGE(
      "kiln.too-large",
      "%s: %s would need %,d elements, more than a Java array holds (2,147,483,647). %s"),
  PER_CHANNEL(
      "kiln.per-channel",
      "%s: `%s` takes one value, or one per channel (%d) of its %s; received %d values %s. Give 1 or %d values."),
  SHAPE_MISMATCH("kiln.shape", "%s is %s but @Shape declares %s. %s"),
  // --- graph wiring ----------------------------------------------------------------------------
  UNKNOWN_NAME("kiln.from", "%s reads `%s`, but the model has no field of that name.%s"),
  FORWARD_REFERENCE(
      "kiln.from",
      "%s reads `%s`, which is declared %s; a layer reads only fields declared before it, so the "
          + "model stays acyclic. Move `%s` above it."),
  ONE_INPUT(
      "kiln.from",
      "%s reads one input, but `from` names %d fields (%s). Keep one name, or merge them first with a "
          + "layer such as @Add or @Concatenate."),
  UNUSED(
      "kiln.unused",
      "`%s` is computed but no layer reads it and it is not an @Output; remove it, read it with `from`, "
          + "or mark it @Output."),
  MERGE_ARITY("kiln.merge", "%s: %s; received %d (%s)."),
  MERGE_RANK("kiln.merge", "%s: every input must have the same rank, but %s. %s"),
  MERGE_SHAPES("kiln.merge", "%s: %s. %s"),
  CONCAT_AXIS("kiln.merge", "%s: `axis` %d %s."),
  SAME_AS("kiln.shape", "%s is %s, but @Shape(sameAs = \"%s\") asks for the height and width of `%s`, %s."),
  SAME_SHAPE(
      "kiln.same-shape",
      "%s cannot come out with the %s of `%s` (%s): %s."),
  // --- model structure -------------------------------------------------------------------------
  NO_INPUT(
      "kiln.input",
      "model %s has no @Input field: declare one first, e.g. `@Input(shape = {28, 28, 1}) Tensor image;`."),
  INPUT_AFTER_LAYER(
      "kiln.input",
      "@Input `%s` is declared after the layer `%s`; declare every @Input before the layers."),
  LAYER_BEFORE_INPUT(
      "kiln.input",
      "%s is declared before the @Input `%s`, so it has no input. Declare the @Input field first."),
  NO_LAYERS("kiln.input", "model %s has an @Input but no layer: add at least one layer field after `%s`."),
  INPUT_SHAPE(
      "kiln.input",
      "@Input `%s`: every dimension must be at least 1 (or Input.ANY for a free height or width); received %s. "
          + "Images are {height, width, channels}."),
  NO_SIZE("kiln.size", "no %s of `%s` is accepted: %s"),
  FREE_CHANNELS(
      "kiln.size",
      "@Input `%s`: only the height and width can be Input.ANY; the channels fix every layer's weights. "
          + "Give them, e.g. {Input.ANY, Input.ANY, 3}."),
  FIELD_TYPE(
      "kiln.field",
      "`%s` is annotated @%s, so it must be declared as a dev.kiln.dsl.Tensor, not %s."),
  STATIC_FIELD(
      "kiln.field",
      "`%s` is annotated @%s but is static; layer fields are per model: remove `static`."),
  TWO_LAYERS(
      "kiln.field",
      "`%s` has two layer annotations, @%s and @%s; a field is the output of one layer. Split it "
          + "into two fields in the order the layers run."),
  MISSING_LAYER(
      "kiln.field",
      "`%s` is a Tensor field of model %s without a layer annotation; give it one (e.g. @Dense), "
          + "@Input, or change its type."),
  STRAY_ANNOTATION(
      "kiln.field",
      "`%s` is annotated @%s but its class %s is not a @Model, so nothing checks it. Annotate the class @Model."),
  LABELS(
      "kiln.labels",
      "@Labels on `%s` must name one class per unit of the model's output %s, %d labels; received %d. %s"),
  MODEL_KIND("kiln.model", "@Model goes on a class, but %s is %s. Declare the model as a class."),
  MODEL_GENERIC("kiln.model", "@Model class %s must not have type parameters."),
  WRITE_FAILED(
      "kiln.write",
      "could not write the generated files of model %s: %s. Is another class already named %s?"),
  INTERNAL(
      "kiln.internal",
      "internal error in the Kiln processor while checking %s: %s. This is a bug in Kiln: "
          + "please report it with the model source.");

  private final String tag;
  private final String template;

  ProblemCode(String tag, String template) {
    this.tag = tag;
    this.template = template;
  }

  /** Stable tag shown in brackets and accepted by {@code @SuppressWarnings}. */
  public String tag() {
    return tag;
  }

  public String format(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}
