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

  void write(ReadModel model, CheckedModel checked) throws IOException {
    TypeElement type = model.type();
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String name = generatedName(type);
    TypeSpec.Builder builder = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(type)
        .addAnnotation(AnnotationSpec.builder(Generated.class)
            .addMember("value", "$S", KilnProcessor.class.getName()).build())
        .addJavadoc("Kiln's compile-time view of the model {@code $L}: input $L, output $L, $L parameters.\n",
            type.getQualifiedName(), checked.inputShape(), checked.outputShape(),
            Summary.grouped(checked.totalParams()));
    ModelSpec spec = model.spec();
    if (spec.inputs().size() == 1) {
      shapeConstants(builder, "INPUT", "the model's input", checked.inputShape());
    } else {
      for (ModelSpec.InputSpec input : spec.inputs()) {
        shapeConstants(builder, constantName(input.name()), "the input `" + input.name() + "`",
            checked.layer(input.name()).output());
      }
    }
    if (checked.outputNames().size() == 1) {
      shapeConstants(builder, "OUTPUT", "the model's output", checked.outputShape());
    } else {
      for (String output : checked.outputNames()) {
        shapeConstants(builder, constantName(output), "the output `" + output + "`", checked.layer(output).output());
      }
    }
    longConstant(builder, "TOTAL_PARAMS", "Number of weights, trainable or not.", checked.totalParams());
    longConstant(builder, "TRAINABLE_PARAMS", "Number of trainable weights.", checked.trainableParams());
    longConstant(builder, "NON_TRAINABLE_PARAMS", "Number of non-trainable weights (e.g. moving statistics).",
        checked.nonTrainableParams());
    longConstant(builder, "MACS", "Multiply-accumulates per example.", checked.macs());
    builder.addField(FieldSpec.builder(String.class, "SUMMARY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", Summary.render(checked)).build());
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
    builder.addMethod(spec(model.spec()));
    builder.addField(FieldSpec.builder(CheckedModel.class, "MODEL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.check(spec())", ShapeChecker.class).build());
    builder.addMethod(MethodSpec.methodBuilder("model")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(CheckedModel.class)
        .addJavadoc("The checked model, rebuilt from {@link #spec()} by the same rules the compiler ran: every\n"
            + "layer's name, kind, input and output shapes, weights and parameter count.\n")
        .addStatement("return MODEL")
        .build());
    JavaFile.builder(packageName, builder.build()).skipJavaLangImports(true).build().writeTo(filer);

    FileObject report = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
        "META-INF/kiln/" + elements.getBinaryName(type) + ".json", type);
    try (Writer writer = report.openWriter()) {
      writer.write(ModelReport.json(checked));
    }
  }

  private static MethodSpec spec(ModelSpec spec) {
    CodeBlock.Builder layers = CodeBlock.builder();
    boolean sequential = spec.isSequential();
    for (int i = 0; i < spec.layers().size(); i++) {
      ModelSpec.LayerSpec layer = spec.layers().get(i);
      String separator = i + 1 < spec.layers().size() ? ",\n" : "";
      if (sequential) {
        layers.add("$>$>new $T($S, $L, null)$L$<$<", ModelSpec.LayerSpec.class, layer.name(),
            RuleEmitters.emit(layer.rule()), separator);
      } else {
        layers.add("$>$>new $T($S, $L, $L, $S, null)$L$<$<", ModelSpec.LayerSpec.class, layer.name(),
            RuleEmitters.emit(layer.rule()), strings(layer.from()), layer.sameShapeAs(), separator);
      }
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("spec")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ModelSpec.class)
        .addJavadoc("The model's layers and their attributes, as declared.\n");
    if (sequential) {
      return method.addStatement("return new $T($S, $S, $L, $T.of(\n$L))", ModelSpec.class, spec.name(),
          spec.inputName(), RuleEmitters.ints(spec.inputShape()), List.class, layers.build()).build();
    }
    CodeBlock.Builder inputs = CodeBlock.builder();
    for (int i = 0; i < spec.inputs().size(); i++) {
      ModelSpec.InputSpec input = spec.inputs().get(i);
      inputs.add("$>$>new $T($S, $L)$L$<$<", ModelSpec.InputSpec.class, input.name(),
          RuleEmitters.ints(input.shape()), i + 1 < spec.inputs().size() ? ",\n" : "");
    }
    return method.addStatement("return new $T($S, $T.of(\n$L), $T.of(\n$L), $L)", ModelSpec.class, spec.name(),
        List.class, inputs.build(), List.class, layers.build(), strings(spec.outputs())).build();
  }

  private static CodeBlock strings(List<String> values) {
    CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < values.size(); i++) {
      list.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return list.add(")").build();
  }

  private static void shapeConstants(TypeSpec.Builder builder, String prefix, String what, TensorShape shape) {
    String[] names = shape.isImage() ? new String[] {"HEIGHT", "WIDTH", "CHANNELS"}
        : shape.rank() == 1 ? new String[] {"UNITS"} : null;
    for (int axis = 0; axis < shape.rank(); axis++) {
      String axisName = names != null ? names[axis] : "DIM_" + axis;
      builder.addField(FieldSpec.builder(int.class, prefix + "_" + axisName,
              Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("$L of $L $L.\n", axisName.charAt(0) + axisName.substring(1).toLowerCase(java.util.Locale.ROOT),
              what, shape)
          .initializer("$L", shape.dim(axis)).build());
    }
  }

  /** {@code skipConv} to {@code SKIP_CONV}. */
  static String constantName(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  private static void longConstant(TypeSpec.Builder builder, String name, String doc, long value) {
    builder.addField(FieldSpec.builder(long.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", doc).initializer("$LL", value).build());
  }
}
