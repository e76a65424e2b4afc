package dev.kiln.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * Writes a generated model's typed tensor ({@code KilnDenoiser.Input}, {@code .Output}): an
 * {@link Example} with the compile-time shape as constants, a length-checked factory and typed
 * element accessors; the checks themselves live in {@code Example}.
 */
final class TensorClassWriter {
  private TensorClassWriter() {}

  /** @param labels a vector output's class names in unit order ({@code @Labels}), or empty */
  static TypeSpec write(ClassName type, String role, TensorShape shape, List<String> labels) {
    List<String> axes = axisNames(shape);
    CodeBlock dims = CodeBlock.of("$L", String.join(", ", axes));
    TypeSpec.Builder builder = TypeSpec.classBuilder(type)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(RuntimeTypes.EXAMPLE)
        .addJavadoc("One example's $L, shape $L (the model's $L without the batch axis): $L floats in\n"
            + "row-major ($L) order.\n", role, dims(shape), shape, shape.size(),
            String.join(", ", axes).toLowerCase(Locale.ROOT));
    for (int axis = 0; axis < shape.rank(); axis++) {
      builder.addField(FieldSpec.builder(int.class, axes.get(axis), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", shape.dim(axis)).build());
    }
    builder.addField(FieldSpec.builder(int.class, "SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Floats in one example.\n").initializer("$L", shape.size()).build());
    builder.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(float[].class, "values").addStatement("super($S, values, $L)", role, dims).build());
    builder.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(type).addParameter(float[].class, "values")
        .addJavadoc("A copy of {@code values}, which must hold exactly {@link #SIZE} floats in $L order.\n\n"
            + "@throws IllegalArgumentException if the length is not {@link #SIZE}\n",
            String.join(", ", axes).toLowerCase(Locale.ROOT))
        .addStatement("return new $T(copyOf(values, $S, $L))", type, role, dims).build());
    builder.addMethod(MethodSpec.methodBuilder("zeros").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(type).addJavadoc("An example of zeros.\n").addStatement("return new $T(new float[SIZE])", type)
        .build());
    List<String> params = parameterNames(shape);
    if (params != null) {
      String call = String.join(", ", params);
      MethodSpec.Builder get = MethodSpec.methodBuilder("get").addModifiers(Modifier.PUBLIC).returns(float.class)
          .addJavadoc("One element.\n\n@throws IndexOutOfBoundsException naming the index out of range\n");
      MethodSpec.Builder set = MethodSpec.methodBuilder("set").addModifiers(Modifier.PUBLIC)
          .addJavadoc("Sets one element.\n\n@throws IndexOutOfBoundsException naming the index out of range\n");
      for (String param : params) {
        get.addParameter(int.class, param);
        set.addParameter(int.class, param);
      }
      set.addParameter(float.class, "value");
      builder.addMethod(get.addStatement("return at(offset($L))", call).build());
      builder.addMethod(set.addStatement("put(offset($L), value)", call).build());
    }
    if (shape.rank() == 1) {
      builder.addMethod(MethodSpec.methodBuilder("argmax").addModifiers(Modifier.PUBLIC).returns(int.class)
          .addJavadoc("The index of the largest value (the first, on ties): the predicted class.\n")
          .addStatement("return largest()").build());
      if (role.equals("output")) {
        ImageMethods.addTopK(builder, labels);
      }
    }
    if (role.equals("input") && shape.isImage() && (shape.dim(2) == 1 || shape.dim(2) == 3)) {
      ImageMethods.addFromImage(builder, type, shape);
    }
    return builder.build();
  }

  /** {@code (28, 28, 1)}: the shape of one example. */
  private static String dims(TensorShape shape) {
    return "(" + shape.compact().replace("x", ", ") + ")";
  }

  private static List<String> axisNames(TensorShape shape) {
    if (shape.isImage()) {
      return List.of("HEIGHT", "WIDTH", "CHANNELS");
    }
    if (shape.rank() == 1) {
      return List.of("UNITS");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < shape.rank(); i++) {
      names.add("DIM_" + i);
    }
    return names;
  }

  /** Accessor parameters for images and vectors; other ranks are read through {@code toArray()}. */
  private static List<String> parameterNames(TensorShape shape) {
    return shape.isImage() ? List.of("row", "column", "channel") : shape.rank() == 1 ? List.of("unit") : null;
  }
}
