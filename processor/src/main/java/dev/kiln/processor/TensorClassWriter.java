package dev.kiln.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.TensorShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * Writes a generated model's typed tensor ({@code KilnDenoiser.Input}, {@code .Output}): one
 * example's floats in NHWC row-major order, with the compile-time shape as constants, a length
 * check on the way in, and element accessors that check their indices.
 */
final class TensorClassWriter {
  private TensorClassWriter() {}

  static TypeSpec write(ClassName type, String role, TensorShape shape) {
    List<String> axes = axisNames(shape);
    TypeSpec.Builder builder = TypeSpec.classBuilder(type)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("One example's $L, shape $L (the model's $L without the batch axis): $L floats in\n"
            + "row-major ($L) order.\n", role, dims(shape), shape, shape.size(),
            String.join(", ", axes).toLowerCase(Locale.ROOT));
    for (int axis = 0; axis < shape.rank(); axis++) {
      builder.addField(FieldSpec.builder(int.class, axes.get(axis), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", shape.dim(axis)).build());
    }
    builder.addField(FieldSpec.builder(int.class, "SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Floats in one example.\n").initializer("$L", shape.size()).build());
    builder.addField(FieldSpec.builder(float[].class, "values", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("$L, row-major.\n", dims(shape)).build());
    builder.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(float[].class, "values").addStatement("this.values = values").build());
    builder.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(type).addParameter(float[].class, "values")
        .addJavadoc("A copy of {@code values}, which must hold exactly {@link #SIZE} floats in $L order.\n\n"
            + "@throws IllegalArgumentException if the length is not {@link #SIZE}\n",
            String.join(", ", axes).toLowerCase(Locale.ROOT))
        .beginControlFlow("if (values.length != SIZE)")
        .addStatement("throw new $T($S + values.length)", IllegalArgumentException.class,
            "expected " + shape.size() + " floats for " + role + " " + dims(shape) + ", received ")
        .endControlFlow()
        .addStatement("return new $T(values.clone())", type).build());
    builder.addMethod(MethodSpec.methodBuilder("zeros").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(type).addJavadoc("An example of zeros.\n").addStatement("return new $T(new float[SIZE])", type)
        .build());
    builder.addMethod(accessor(axes, shape, false));
    builder.addMethod(accessor(axes, shape, true));
    builder.addMethod(MethodSpec.methodBuilder("toArray").addModifiers(Modifier.PUBLIC).returns(float[].class)
        .addJavadoc("A copy of the $L floats, row-major.\n", shape.size()).addStatement("return values.clone()")
        .build());
    builder.addMethod(MethodSpec.methodBuilder("array").returns(float[].class)
        .addJavadoc("The backing array, for the generated model only.\n").addStatement("return values").build());
    if (shape.rank() == 1) {
      builder.addMethod(MethodSpec.methodBuilder("argmax").addModifiers(Modifier.PUBLIC).returns(int.class)
          .addJavadoc("The index of the largest value (the first, on ties): the predicted class.\n")
          .addStatement("int best = 0")
          .beginControlFlow("for (int i = 1; i < SIZE; i++)")
          .beginControlFlow("if (values[i] > values[best])")
          .addStatement("best = i")
          .endControlFlow()
          .endControlFlow()
          .addStatement("return best").build());
    }
    builder.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(String.class)
        .addStatement("return $S + $T.toString(values)", role + " " + dims(shape) + " ", Arrays.class).build());
    return builder.build();
  }

  /** {@code get(row, column, channel)} or {@code set(...)}, with index checks. */
  private static MethodSpec accessor(List<String> axes, TensorShape shape, boolean set) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(set ? "set" : "get").addModifiers(Modifier.PUBLIC)
        .returns(set ? void.class : float.class)
        .addJavadoc(set ? "Sets one element.\n" : "One element.\n");
    List<String> params = new ArrayList<>();
    for (String axis : axes) {
      String name = parameterName(axis);
      params.add(name);
      method.addParameter(ParameterSpec.builder(int.class, name).build());
      method.beginControlFlow("if ($N < 0 || $N >= $N)", name, name, axis)
          .addStatement("throw new $T($S + $N + $S + $N + $S)", IndexOutOfBoundsException.class, name + " ", name,
              " outside [0, ", axis, ")")
          .endControlFlow();
    }
    if (set) {
      method.addParameter(float.class, "value");
    }
    StringBuilder index = new StringBuilder(params.get(0));
    for (int i = 1; i < params.size(); i++) {
      index.insert(0, "(").append(") * ").append(axes.get(i)).append(" + ").append(params.get(i));
    }
    return set ? method.addStatement("values[$L] = value", index).build()
        : method.addStatement("return values[$L]", index).build();
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

  private static String parameterName(String axis) {
    return switch (axis) {
      case "HEIGHT" -> "row";
      case "WIDTH" -> "column";
      case "CHANNELS" -> "channel";
      case "UNITS" -> "unit";
      default -> "i" + axis.substring(4);
    };
  }
}
