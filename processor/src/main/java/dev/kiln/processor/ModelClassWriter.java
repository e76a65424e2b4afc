package dev.kiln.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelReport;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.FreeSizes;
import dev.kiln.shape.Summary;
import dev.kiln.shape.TensorShape;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code Kiln<Model>} for a valid model: its shapes as constants, its summary, and the spec
 * that rebuilds it at run time; and the model's JSON report as a class-path resource. Output
 * depends only on the model, so builds are byte-identical.
 */
final class ModelClassWriter {
  private final Filer filer;
  private final Elements elements;

  ModelClassWriter(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  /** {@code KilnDenoiser}; {@code KilnOuter_Inner} for a nested model. */
  static String generatedName(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return "Kiln" + String.join("_", names);
  }

  void write(ReadModel model, CheckedModel checked, FreeSizes.Resolved free) throws IOException {
    TypeElement type = model.type();
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String name = generatedName(type);
    TypeSpec.Builder builder = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(type)
        .addAnnotation(AnnotationSpec.builder(Generated.class)
            .addMember("value", "$S", KilnProcessor.class.getName()).build())
        .addJavadoc("Kiln's compile-time view of the model {@code $L}: input $L, output $L, $L parameters.\n",
            type.getQualifiedName(), free == null ? checked.inputShape() : free.shape(0, checked.inputShape()),
            free == null ? checked.outputShape() : free.shape(checked.layers().size() - 1, checked.outputShape()),
            Summary.grouped(checked.totalParams()));
    if (free != null) {
      builder.addJavadoc("\n<p>Free input size: $L. The shape constants and the typed methods are for the\n"
          + "smallest accepted input; {@link #atAnySize} runs any accepted size.\n",
          free.describe().replace("≥", "&ge;").replace("≡", "&equiv;"));
    }
    ModelSpec spec = model.spec();
    ConstantNames names = new ConstantNames();
    for (String fixed : new String[] {"TOTAL_PARAMS", "TRAINABLE_PARAMS", "NON_TRAINABLE_PARAMS", "MACS", "SUMMARY",
        "MODEL", SpecWriter.FIELD}) {
      names.reserve(fixed);
    }
    // The model-wide INPUT_ and OUTPUT_ constants keep their names; a field-derived one that meets
    // them (an @Input named `output`) gets the suffix.
    if (spec.inputs().size() == 1) {
      reserveAxes(names, "INPUT", checked.inputShape());
    }
    if (checked.outputNames().size() == 1) {
      reserveAxes(names, "OUTPUT", checked.outputShape());
    }
    if (spec.inputs().size() == 1) {
      shapeConstants(builder, null, "INPUT", "the model's input", checked.inputShape());
    } else {
      for (ModelSpec.InputSpec input : spec.inputs()) {
        shapeConstants(builder, names, constantName(input.name()), "the input `" + input.name() + "`",
            checked.layer(input.name()).output());
      }
    }
    if (checked.outputNames().size() == 1) {
      shapeConstants(builder, null, "OUTPUT", "the model's output", checked.outputShape());
    } else {
      for (String output : checked.outputNames()) {
        shapeConstants(builder, names, constantName(output), "the output `" + output + "`",
            checked.layer(output).output());
      }
    }
    longConstant(builder, "TOTAL_PARAMS", "Number of weights, trainable or not.", checked.totalParams());
    longConstant(builder, "TRAINABLE_PARAMS", "Number of trainable weights.", checked.trainableParams());
    longConstant(builder, "NON_TRAINABLE_PARAMS", "Number of non-trainable weights (e.g. moving statistics).",
        checked.nonTrainableParams());
    longConstant(builder, "MACS", "Multiply-accumulates per example.", checked.macs());
    String summary = Summary.render(checked, free);
    builder.addField(FieldSpec.builder(String.class, "SUMMARY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(LongCode.fitsOneConstant(summary) ? CodeBlock.of("$S", summary) : LongCode.text(summary))
        .build());
    ClassName self = ClassName.get(packageName, name);
    if (spec.inputs().size() == 1 && checked.outputNames().size() == 1) {
      InferenceMethods.add(builder, self, checked, LabelsReader.read(model, checked, null));
    }
    builder.addMethod(MethodSpec.methodBuilder("summary")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(String.class)
        .addJavadoc("The Keras-style summary: each layer's output shape, parameters and multiply-accumulates.\n")
        .addStatement("return SUMMARY")
        .build());
    builder.addMethod(SpecWriter.spec(builder, model.spec()));
    builder.addField(FieldSpec.builder(CheckedModel.class, "MODEL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.check(spec())", ShapeChecker.class).build());
    builder.addMethod(MethodSpec.methodBuilder("model")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(CheckedModel.class)
        .addJavadoc("The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran: every\n"
            + "layer's name, kind, input and output shapes, weights and parameter count.\n")
        .addStatement("return MODEL")
        .build());
    if (free != null) {
      ClassName network = ClassName.get("dev.kiln.runtime", "FreeSizeNetwork");
      builder.addMethod(MethodSpec.methodBuilder("atAnySize")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(network)
          .addParameter(ClassName.get("dev.kiln.runtime", "Weights"), "weights")
          .addParameter(int.class, "threads")
          .addJavadoc("The model with {@code weights}, for every input size it accepts: $L. Each size is planned\n"
              + "on first use and kept; a size outside the set is an {@code IllegalArgumentException} naming the\n"
              + "rule and the nearest accepted sizes.\n", free.describe().replace("≥", "&ge;").replace("≡", "&equiv;"))
          .addStatement("return $T.create(spec(), weights, threads)", network)
          .build());
    }
    // java.lang types are imported explicitly: a class named String or Double in the model's
    // package would otherwise shadow them in the generated code.
    JavaFile.builder(packageName, builder.build()).skipJavaLangImports(false).build().writeTo(filer);

    FileObject report = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
        "META-INF/kiln/" + elements.getBinaryName(type) + ".json", type);
    try (Writer writer = report.openWriter()) {
      writer.write(ModelReport.json(checked));
    }
  }

  /** @param taken the names handed out; {@code null} for the reserved model-wide INPUT_ and OUTPUT_ names */
  private static void shapeConstants(TypeSpec.Builder builder, ConstantNames taken, String prefix, String what,
      TensorShape shape) {
    boolean fixed = taken == null;
    for (int axis = 0; axis < shape.rank(); axis++) {
      String axisName = axisNames(shape)[axis];
      String name = fixed ? prefix + "_" + axisName : taken.unique(prefix + "_" + axisName);
      builder.addField(FieldSpec.builder(int.class, name,
              Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("$L of $L $L.\n", axisName.charAt(0) + axisName.substring(1).toLowerCase(java.util.Locale.ROOT),
              what, shape)
          .initializer("$L", shape.dim(axis)).build());
    }
  }

  private static String[] axisNames(TensorShape shape) {
    if (shape.isImage()) {
      return new String[] {"HEIGHT", "WIDTH", "CHANNELS"};
    }
    String[] names = new String[shape.rank()];
    for (int axis = 0; axis < names.length; axis++) {
      names[axis] = shape.rank() == 1 ? "UNITS" : "DIM_" + axis;
    }
    return names;
  }

  private static void reserveAxes(ConstantNames names, String prefix, TensorShape shape) {
    for (String axis : axisNames(shape)) {
      names.reserve(prefix + "_" + axis);
    }
  }

  /** {@code skipConv} to {@code SKIP_CONV}, injectively ({@link ConstantNames#prefix}). */
  static String constantName(String field) {
    return ConstantNames.prefix(field);
  }

  private static void longConstant(TypeSpec.Builder builder, String name, String doc, long value) {
    builder.addField(FieldSpec.builder(long.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", doc).initializer("$LL", value).build());
  }
}
