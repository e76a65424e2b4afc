package dev.kiln.shape;

import java.util.List;

/**
 * Every diagnostic Kiln can emit, in one place: its tag, its severity and its whole sentence. Each
 * sentence says what must hold, what was received, and how to fix it; callers pass only the values
 * for its {@code ${named}} placeholders (see {@link Template}), in the order the names first
 * appear. A value named {@code fix} or {@code explanation} is a sentence the rule computed (the
 * smallest kernel that fits, the trace of a shape); everything constant lives here. The layer-level
 * codes start with {@code ${layer}}, which {@link Problems} fills with the layer's label.
 *
 * <p>The tag (e.g. {@code kiln.window}) is stable: tests, documentation and {@code
 * @SuppressWarnings} use it. Several codes may share one tag where one rule words its cases apart.
 * The rendered text is the same in javac's diagnostics, the JSON report and run-time exceptions.
 */
public enum ProblemCode {
  // --- attribute values ------------------------------------------------------------------------
  ARRAY_LENGTH("kiln.array-length", Severity.ERROR,
      "${layer}: `${attribute}` takes one value for both axes or two (height, width); received ${count} values "
          + "${received}. Write ${attribute} = ${example} or ${attribute} = {${example}, ${example}}."),
  EDGES_LENGTH("kiln.array-length", Severity.ERROR,
      "${layer}: `${attribute}` takes one value (all sides), two (vertical, horizontal) or four (top, bottom, "
          + "left, right); received ${count} values ${received}. Write ${attribute} = 1 or ${attribute} = {0, 1, 0, 1}."),
  STEPS_LENGTH("kiln.array-length", Severity.ERROR,
      "${layer}: `${attribute}` takes one value (steps); received ${count} values ${received}. Write "
          + "${attribute} = ${example}."),
  ENDS_LENGTH("kiln.array-length", Severity.ERROR,
      "${layer}: `${attribute}` takes one value (both ends) or two (start, end); received ${count} values "
          + "${received}. Write ${attribute} = 1 or ${attribute} = {0, 1}."),
  PER_CHANNEL_EMPTY("kiln.array-length", Severity.ERROR,
      "${layer}: `${attribute}` takes one value, or one per channel; received 0 values {}. Write ${attribute} = 1."),
  /** {@code attribute} names the element when one is at fault: {@code kernelSize[1]}. */
  NOT_POSITIVE("kiln.not-positive", Severity.ERROR, "${layer}: `${attribute}` must be at least 1; received ${value}."),
  NEGATIVE("kiln.negative", Severity.ERROR, "${layer}: `${attribute}` must not be negative; received ${value}."),
  /** {@code effect}: what a non-finite value would poison, e.g. {@code every output NaN}. */
  NOT_FINITE("kiln.not-finite", Severity.ERROR,
      "${layer}: `${attribute}` must be a finite number; received ${value}, which would make ${effect}. "
          + "Use a finite value."),
  NOT_FINITE_DEFAULT("kiln.not-finite", Severity.ERROR,
      "${layer}: `${attribute}` must be a finite number; received ${value}, which would make ${effect}. "
          + "Keras's default is ${attribute} = ${kerasDefault}."),
  NAN_MAX_VALUE("kiln.not-finite", Severity.ERROR,
      "${layer}: `maxValue` must be a finite number; received ${value}, which would make every output NaN. "
          + "Leave maxValue out for no upper clamp."),
  STRIDES_WITH_DILATION("kiln.strides-dilation", Severity.ERROR,
      "${layer}: strides greater than 1 cannot be combined with a dilationRate greater than 1 (Keras 3 "
          + "rejects it); received strides = ${strides} and dilationRate = ${dilationRate}. Use strides = 1 to "
          + "keep the dilation, or dilationRate = 1 to keep the stride."),
  /** {@code axis}: {@code height} or {@code width}. */
  OUTPUT_PADDING("kiln.output-padding", Severity.ERROR,
      "${layer}: `${attribute}` must be smaller than the stride ${stride} along that axis; received ${value}. "
          + "With stride ${stride}, outputPadding 0 to ${largest} picks one of the ${stride} output ${axis}s that "
          + "convolve back to the same input; leave it out to let Keras choose."),
  OUTPUT_PADDING_STRIDE_ONE("kiln.output-padding", Severity.ERROR,
      "${layer}: `${attribute}` must be smaller than the stride 1 along that axis; received ${value}. "
          + "With stride 1 there is one output ${axis}: use outputPadding = 0, or leave it out."),
  DROPOUT_RATE("kiln.dropout-rate", Severity.ERROR,
      "${layer}: `rate` is the fraction of inputs dropped in training and must be in [0, 1); received ${rate}."),
  RESHAPE_TARGET("kiln.reshape-target", Severity.ERROR,
      "${layer}: every `targetShape` entry must be at least 1, except a single -1 that is inferred; "
          + "received ${targetShape}."),
  NORMALIZATION_MISSING("kiln.normalization", Severity.ERROR,
      "${layer}: `mean` and `variance` must have the same number of values; received ${means} and ${variances}. "
          + "Give both (Keras requires them together), or leave both out to load them as weights."),
  NORMALIZATION_VALUES("kiln.normalization", Severity.ERROR,
      "${layer}: `mean` and `variance` must have the same number of values; received ${means} and ${variances}. "
          + "Give one value per channel in each, or one value in each."),
  CAUSAL_PADDING("kiln.causal", Severity.ERROR,
      "${layer}: padding = CAUSAL is only for Conv1D (Keras 3 accepts \"causal\" in Conv1D alone). Use VALID or "
          + "SAME, or a ZeroPadding1D before the layer for zeros at the start only."),
  // --- shapes ----------------------------------------------------------------------------------
  /** {@code source}: where the input comes from; {@code fix}: the layer to add or remove. */
  NEEDS_IMAGE("kiln.rank", Severity.ERROR,
      "${layer} needs a (height, width, channels) input, but its input ${source} is ${shape}. ${fix}"),
  /** {@code source}: where the input comes from; {@code fix}: the layer to add or remove. */
  NEEDS_SEQUENCE("kiln.rank", Severity.ERROR,
      "${layer} needs a (steps, channels) input, but its input ${source} is ${shape}. ${fix}"),
  /** {@code arithmetic}: the axes at fault, e.g. {@code height and width 2 - 3 + 1 = 0}. */
  WINDOW_TOO_LARGE("kiln.window", Severity.ERROR,
      "${layer}: ${window} does not fit its ${input}: VALID gives ${arithmetic} (TensorFlow: \"Negative dimension "
          + "size caused by subtracting ${extent} from ${size}\"). Use padding = SAME (output ${sameOutput}), or a "
          + "${attribute} of at most ${largest}."),
  WINDOW_TOO_LARGE_DILATED("kiln.window", Severity.ERROR,
      "${layer}: ${window} does not fit its ${input}: VALID gives ${arithmetic} (TensorFlow: \"Negative dimension "
          + "size caused by subtracting ${extent} from ${size}\"). Use padding = SAME (output ${sameOutput})."),
  TRANSPOSED_EMPTY("kiln.window", Severity.ERROR,
      "${layer}: the output would be empty for its ${input}: SAME with outputPadding gives ${axis} (${size} - 1) * "
          + "${stride} + (${extent} mod 2) + ${outputPadding} = ${output}. Use an odd kernelSize, outputPadding = 1, "
          + "or leave outputPadding out (output ${strided} high)."),
  TRANSPOSED_EMPTY_STEPS("kiln.window", Severity.ERROR,
      "${layer}: the output would be empty for its ${input}: SAME with outputPadding gives steps (${size} - 1) * "
          + "${stride} + (${extent} mod 2) + ${outputPadding} = ${output}. Use an odd kernelSize, outputPadding = 1, "
          + "or leave outputPadding out (output ${strided} steps)."),
  /** {@code rows}: {@code rows}, {@code columns} or {@code steps}. */
  TF_TRANSPOSE("kiln.tf-transpose", Severity.WARNING,
      "${layer}: SAME padding with a kernel of even extent ${extent} and outputPadding 0 makes ${output} ${rows} "
          + "from ${size}, which Keras's TensorFlow backend rejects when the model runs (a SAME convolution of "
          + "${output} gives back ${back}, not ${size}: \"Conv2DCustomBackpropInput: Size of out_backprop doesn't "
          + "match computed\"); JAX and PyTorch accept it. Use outputPadding = 1 (${padded} ${rows}) to run on every "
          + "backend."),
  /** {@code dropped}: {@code 1 row at the bottom}; {@code arithmetic}: each axis's floor division. */
  TRUNCATION("kiln.truncation", Severity.WARNING,
      "${layer} drops ${dropped} of its ${input}: VALID ${arithmetic}. Use padding = SAME to keep them (output "
          + "${sameOutput})."),
  /** {@code what}: {@code cropping 2 + 2 rows leaves 0 of 4}, per axis at fault. */
  CROP_TOO_MUCH("kiln.crop", Severity.ERROR,
      "${layer}: cropping must leave at least one row and one column, but ${what} of its ${input}. At most ${rows} "
          + "rows and ${columns} columns can be cropped, e.g. cropping = ${cropping} (output ${output})."),
  /** {@code what}: {@code cropping 2 + 2 steps leaves 0 of 4}. */
  CROP_STEPS("kiln.crop", Severity.ERROR,
      "${layer}: cropping must leave at least one step, but ${what} of its ${input}. At most ${most} steps can be "
          + "cropped, e.g. cropping = ${cropping} (output ${output})."),
  RESHAPE_SIZE("kiln.reshape-size", Severity.ERROR,
      "${layer}: the target shape must hold as many elements as the input; ${targetShape} holds ${known} elements "
          + "but the ${input} holds ${elements}. ${fix}"),
  RESHAPE_SIZE_INFERRED("kiln.reshape-size", Severity.ERROR,
      "${layer}: the target shape must hold as many elements as the input; the ${input} holds ${elements} "
          + "elements, which ${known} (the product of the other entries of ${targetShape}) does not divide. ${fix}"),
  /** {@code what}: {@code the output 70000x70000x8} or {@code its kernel (3, 3, 8, 9e9)}. */
  TOO_LARGE("kiln.too-large", Severity.ERROR,
      "${layer}: ${what} would need ${elements:%,d} elements, more than a Java array holds (2,147,483,647). ${fix}"),
  PER_CHANNEL("kiln.per-channel", Severity.ERROR,
      "${layer}: `${attribute}` takes one value, or one per channel (${channels}) of its ${input}; received ${count} "
          + "values ${received}. Give 1 or ${channels} values."),
  /** {@code explanation}: where height, width or channels changed, and the fixes that were checked. */
  SHAPE_MISMATCH("kiln.shape", Severity.ERROR, "${layer} is ${actual} but @Shape declares ${declared}. ${explanation}"),
  INPUT_SHAPE_MISMATCH("kiln.shape", Severity.ERROR,
      "@Input `${input}` is ${actual} but @Shape declares ${declared}. Make the two agree."),
  // --- graph wiring ----------------------------------------------------------------------------
  UNKNOWN_NAME("kiln.from", Severity.ERROR, "${layer} reads `${name}`, but the model has no field of that name."),
  UNKNOWN_NAME_NEAR("kiln.from", Severity.ERROR,
      "${layer} reads `${name}`, but the model has no field of that name. Did you mean `${nearest}`?"),
  FORWARD_REFERENCE("kiln.from", Severity.ERROR,
      "${layer} reads `${name}`, which is declared after it; a layer reads only fields declared before it, so the "
          + "model stays acyclic. Move `${name}` above it."),
  SELF_REFERENCE("kiln.from", Severity.ERROR,
      "${layer} reads `${name}`, which is declared by this very field; a layer reads only fields declared before "
          + "it, so the model stays acyclic. Read a field declared above it."),
  ONE_INPUT("kiln.from", Severity.ERROR,
      "${layer} reads one input, but `from` names ${count} fields (${names}). Keep one name, or merge them first "
          + "with a layer such as @Add or @Concatenate."),
  UNUSED("kiln.unused", Severity.WARNING,
      "`${field}` is computed but no layer reads it and it is not an @Output; remove it, read it with `from`, "
          + "or mark it @Output."),
  MERGE_ARITY("kiln.merge", Severity.ERROR,
      "${layer}: a merge needs at least two inputs; received ${count} (${inputs})."),
  SUBTRACT_ARITY("kiln.merge", Severity.ERROR,
      "${layer}: Subtract takes exactly two inputs (from[0] - from[1]); received ${count} (${inputs})."),
  /** {@code shapes}: {@code `up1` is 56x56x64 and `flat` is 32}. */
  MERGE_RANK("kiln.merge", Severity.ERROR,
      "${layer}: every input must have the same rank, but ${shapes}. Flatten or Reshape the inputs to one rank first."),
  MERGE_SHAPES("kiln.merge", Severity.ERROR,
      "${layer}: element-wise inputs must have equal sizes (or 1, which broadcasts), but ${shapes}. ${fix}"),
  /** {@code axis}: {@code channels}, {@code height}, {@code width} or {@code axis 2}. */
  CONCAT_SHAPES("kiln.merge", Severity.ERROR,
      "${layer}: Concatenate along ${axis} needs every other size to agree, but ${shapes}. ${fix}"),
  CONCAT_AXIS("kiln.merge", Severity.ERROR,
      "${layer}: `axis` ${axis} is outside the inputs' axes (1 to ${rank}, or -1 to -${rank})."),
  BATCH_AXIS("kiln.merge", Severity.ERROR,
      "${layer}: `axis` ${axis} is the batch axis; concatenate along -1 (channels) or another axis of one example."),
  SAME_AS("kiln.shape", Severity.ERROR,
      "${layer} is ${actual}, but @Shape(sameAs = \"${target}\") asks for the height and width of `${target}`, "
          + "${targetShape}."),
  /** {@code reasons}: why each candidate {@code outputPadding} misses, joined by semicolons. */
  SAME_SHAPE("kiln.same-shape", Severity.ERROR,
      "${layer} cannot come out with the height and width of `${target}` (${targetShape}): ${reasons}."),
  SAME_SHAPE_UPSAMPLING("kiln.same-shape", Severity.ERROR,
      "${layer} cannot come out with the height and width of `${target}` (${targetShape}): ${reasons}. A "
          + "Conv2DTranspose with sameShapeAs can reach sizes in between, or crop/pad the other tensor."),
  SAME_SHAPE_NOT_IMAGE("kiln.same-shape", Severity.ERROR,
      "${layer} cannot come out with the height and width of `${target}` (${targetShape}): it has none."),
  // --- blocks (@Block, @Let, @If, @Repeat) ---------------------------------------------------
  /** {@code where}: the block use and the path into it; {@code fix}: what to write instead. */
  BLOCK_EXPRESSION("kiln.block", Severity.ERROR,
      "${where}: cannot compute \"${expression}\": ${reason}. ${fix}"),
  /** {@code what}: {@code parameter} or {@code attribute}; {@code known}: the names it has. */
  BLOCK_UNKNOWN_ATTRIBUTE("kiln.block", Severity.ERROR,
      "${where}: @${annotation} has no ${what} named `${name}`; the names it has are ${known}. Use one of those."),
  BLOCK_VALUE_TYPE("kiln.block", Severity.ERROR,
      "${where}: \"${expression}\" is ${actualType}, but `${attribute}` of @${annotation} takes ${expectedType}."),
  BLOCK_LET_UNSET("kiln.block", Severity.ERROR,
      "${where}: `${attribute} = LET` stands for a value a @Let gives, but no @Let gives `${attribute}`. Add "
          + "@Let(\"${attribute} = ...\") or write the value."),
  BLOCK_LET_TWICE("kiln.block", Severity.ERROR,
      "${where}: `${attribute}` is written in @${annotation} and given by @Let; keep one (write "
          + "`${attribute} = LET` where Java requires it)."),
  BLOCK_FROM("kiln.block", Severity.ERROR,
      "${where} reads `${from}`, which is neither a layer of @${block} declared before it nor the block's input "
          + "`${input}`."),
  BLOCK_CYCLE("kiln.block", Severity.ERROR,
      "${where} uses @${block} inside itself (${path}): a block cannot contain itself. Build the repetition with "
          + "@Repeat."),
  BLOCK_NAME_COLLISION("kiln.block", Severity.ERROR,
      "${where} expands to the layer `${layer}`, which is already ${taken}; every layer needs its own name (Keras's "
          + "too). Rename the field `${field}`."),
  BLOCK_LAYERS_FIELD("kiln.block", Severity.ERROR,
      "@Block ${block}: `${field}` in its Layers needs exactly one layer annotation or block use; @Input, @Shape "
          + "and @Output go in the model, not in a block."),
  BLOCK_NO_LAYERS("kiln.block", Severity.ERROR,
      "@Block ${block}: declare its layers as the fields of a nested `class Layers { ... }`, as a @Model declares "
          + "its own."),
  BLOCK_REPEAT_COUNT("kiln.block", Severity.ERROR,
      "`${field}` repeats @${block}: `value` is the number of blocks and must be at least 1; received ${count}."),
  BLOCK_REPEAT_NAME("kiln.block", Severity.ERROR,
      "`${field}` repeats @${block}: its name must end in the number of the first block, which counts up for the "
          + "others, as in `${example}`."),
  BLOCK_TOO_MANY_LAYERS("kiln.block", Severity.ERROR,
      "`${field}` uses @${block}, which expands to more than ${limit} layers, the most one model may hold."),
  BLOCK_OUTSIDE("kiln.block", Severity.ERROR, "`${field}` is annotated @${annotation}, which ${reason}."),
  // --- model structure -------------------------------------------------------------------------
  NO_INPUT("kiln.input", Severity.ERROR,
      "model ${model} has no @Input field: declare one first, e.g. `@Input(shape = {28, 28, 1}) Tensor image;`."),
  INPUT_AFTER_LAYER("kiln.input", Severity.ERROR,
      "@Input `${input}` is declared after the layer `${previous}`; declare every @Input before the layers."),
  LAYER_BEFORE_INPUT("kiln.input", Severity.ERROR,
      "${layer} is declared before the @Input `${input}`, so it has no input. Declare the @Input field first."),
  NO_LAYERS("kiln.input", Severity.ERROR,
      "model ${model} has an @Input but no layer: add at least one layer field after `${input}`."),
  INPUT_SHAPE("kiln.input", Severity.ERROR,
      "@Input `${input}`: every dimension must be at least 1 (or Input.ANY for a free height or width); received "
          + "${shape}. Images are {height, width, channels}."),
  /** {@code axis}: {@code height} or {@code width}; {@code reason}: the rule that excludes every size. */
  NO_SIZE("kiln.size", Severity.ERROR, "no ${axis} of `${input}` is accepted: ${reason}"),
  FREE_CHANNELS("kiln.size", Severity.ERROR,
      "@Input `${input}`: only the height and width can be Input.ANY; the channels fix every layer's weights. "
          + "Give them, e.g. {Input.ANY, Input.ANY, 3}."),
  FREE_SEQUENCE_CHANNELS("kiln.size", Severity.ERROR,
      "@Input `${input}`: only the length can be Input.ANY; the channels fix every layer's weights. Give them, "
          + "e.g. {Input.ANY, 3}."),
  FIELD_TYPE("kiln.field", Severity.ERROR,
      "`${field}` is annotated @${annotation}, so it must be declared as a dev.kiln.dsl.Tensor, not ${type}."),
  STATIC_FIELD("kiln.field", Severity.ERROR,
      "`${field}` is annotated @${annotation} but is static; layer fields are per model: remove `static`."),
  TWO_LAYERS("kiln.field", Severity.ERROR,
      "`${field}` has two layer annotations, @${first} and @${second}; a field is the output of one layer. Split it "
          + "into two fields in the order the layers run."),
  MISSING_LAYER("kiln.field", Severity.ERROR,
      "`${field}` is a Tensor field of model ${model} without a layer annotation; give it one (e.g. @Dense), "
          + "@Input, or change its type."),
  STRAY_ANNOTATION("kiln.field", Severity.ERROR,
      "`${field}` is annotated @${annotation} but its class ${owner} is not a @Model, so nothing checks it. "
          + "Annotate the class @Model."),
  /** {@code fix}: the labels to add or remove. */
  LABELS("kiln.labels", Severity.ERROR,
      "@Labels on `${field}` must name one class per unit of the model's output ${output}, ${units} labels; "
          + "received ${count}. ${fix}"),
  MODEL_KIND("kiln.model", Severity.ERROR,
      "@Model goes on a class, but ${model} is ${kind}. Declare the model as a class."),
  MODEL_GENERIC("kiln.model", Severity.ERROR, "@Model class ${model} must not have type parameters."),
  WRITE_FAILED("kiln.write", Severity.ERROR,
      "could not write the generated files of model ${model}: ${reason}. Is another class already named "
          + "${generated}?"),
  /** {@code exception}: class and message; {@code frames}: lines {@code \n  at dev.kiln...}. */
  INTERNAL("kiln.internal", Severity.ERROR,
      "internal error in the Kiln processor while checking ${model}: ${exception}. This is a bug in Kiln: "
          + "please report it with the model source and these lines:${frames}");

  private final String tag;
  private final Severity severity;
  private final Template template;

  ProblemCode(String tag, Severity severity, String template) {
    this.tag = tag;
    this.severity = severity;
    this.template = new Template(template);
  }

  /** Stable tag shown in brackets and accepted by {@code @SuppressWarnings}. */
  public String tag() {
    return tag;
  }

  /** An error fails the compile; a warning does not, unless the model is strict. */
  public Severity severity() {
    return severity;
  }

  /** The names of the values {@link #sentence} takes, in order. */
  public List<String> placeholders() {
    return template.names();
  }

  /** The message without its tag, from one value per placeholder. */
  public String sentence(Object... values) {
    return template.render(values);
  }
}
