package dev.kiln.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.TensorShape;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The generated tensors' image and label methods: {@code Input.fromImage} for a 1- or 3-channel
 * image input, and {@code Output.topK} (with {@code LABELS} when the model declares them) for a
 * vector output. The work is done by the runtime's {@link ImagePreprocessing} and {@link Prediction}.
 */
final class ImageMethods {
  private ImageMethods() {}

  static void addFromImage(TypeSpec.Builder builder, ClassName type, TensorShape shape) {
    String colours = shape.dim(2) == 1 ? "gray" : "RGB";
    builder.addMethod(MethodSpec.methodBuilder("fromImage").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(type).addParameter(BufferedImage.class, "image").addParameter(RuntimeTypes.IMAGE_PREPROCESSING, "preprocessing")
        .addJavadoc("The image resized to $Lx$L and scaled as {@code preprocessing} says ($L for this model).\n\n"
            + "@throws IllegalArgumentException if the preprocessing cannot produce this input (see\n"
            + "    {@link $T#toInput})\n", shape.dim(0), shape.dim(1), colours, RuntimeTypes.IMAGE_PREPROCESSING)
        .addStatement("return new $T(preprocessing.toInput(image, HEIGHT, WIDTH, CHANNELS))", type).build());
    builder.addMethod(MethodSpec.methodBuilder("fromImage").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(type).addParameter(BufferedImage.class, "image")
        .addJavadoc("The image resized bilinearly to $Lx$L ($L) with values in [0, 1]: pixel / 255, as\n"
            + "torchvision's {@code ToTensor()}; {@link $T#unit()}.\n", shape.dim(0), shape.dim(1), colours,
            RuntimeTypes.IMAGE_PREPROCESSING)
        .addStatement("return fromImage(image, $T.unit())", RuntimeTypes.IMAGE_PREPROCESSING).build());
  }

  static void addTopK(TypeSpec.Builder builder, List<String> labels) {
    ParameterizedTypeName strings = ParameterizedTypeName.get(List.class, String.class);
    ParameterizedTypeName predictions = ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.PREDICTION);
    if (!labels.isEmpty()) {
      CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class);
      for (int i = 0; i < labels.size(); i++) {
        list.add(i == 0 ? "$S" : ", $S", labels.get(i));
      }
      builder.addField(FieldSpec.builder(strings, "LABELS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The class names the model declares ({@code @Labels}), one per unit in order.\n")
          .initializer(list.add(")").build()).build());
    }
    builder.addMethod(MethodSpec.methodBuilder("topK").addModifiers(Modifier.PUBLIC).returns(predictions)
        .addParameter(int.class, "k")
        .addJavadoc("The {@code k} largest scores, largest first (ties in unit order)$L.\n\n"
            + "@throws IllegalArgumentException if {@code k} is not in [1, {@link #UNITS}]\n",
            labels.isEmpty() ? "; the model declares no labels, so each label is null" : ", with their labels")
        .addStatement(labels.isEmpty() ? "return topK(k, null)" : "return topK(k, LABELS)").build());
    builder.addMethod(MethodSpec.methodBuilder("topK").addModifiers(Modifier.PUBLIC).returns(predictions)
        .addParameter(int.class, "k").addParameter(strings, "labels")
        .addJavadoc("The {@code k} largest scores, largest first, labelled from {@code labels} (one per unit, or\n"
            + "null for none).\n\n"
            + "@throws IllegalArgumentException if {@code k} is not in [1, {@link #UNITS}] or the label count differs\n")
        .addStatement("return $T.topK(toArray(), k, labels)", RuntimeTypes.PREDICTION).build());
  }
}
