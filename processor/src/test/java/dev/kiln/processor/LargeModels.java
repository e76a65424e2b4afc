package dev.kiln.processor;

import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Valid models of any size, written as sources: long chains, wide merges and Inception-like graphs. */
final class LargeModels {
  private LargeModels() {}

  /** A chain of {@code layers} layers: SAME convolutions with batch normalisation and activations. */
  static JavaFileObject chain(String name, int layers) {
    List<String> lines = header(name, "  @Input(shape = {16, 16, 3}) Tensor image;");
    for (int i = 0; i < layers; i++) {
      lines.add(switch (i % 3) {
        case 0 -> "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME) Tensor conv" + i + ";";
        case 1 -> "  @BatchNormalization Tensor bn" + i + ";";
        default -> "  @Activation(RELU) Tensor relu" + i + ";";
      });
    }
    return Sources.source(name, close(lines));
  }

  /** One input read by {@code width} convolutions that a Concatenate joins. */
  static JavaFileObject wideConcat(String name, int width) {
    List<String> lines = header(name, "  @Input(shape = {8, 8, 3}) Tensor image;");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      lines.add("  @Conv2D(filters = 2, kernelSize = 1, from = \"image\") Tensor branch" + i + ";");
      names.add("\"branch" + i + "\"");
    }
    lines.add("  @Concatenate(from = {" + String.join(", ", names) + "}) Tensor joined;");
    return Sources.source(name, close(lines));
  }

  /**
   * Inception-style blocks: four branches (1x1; 1x1 then 3x3; 1x1 then 5x5; pooling then 1x1), each
   * convolution followed by batch normalisation and ReLU, joined by a Concatenate. InceptionV3 has
   * 11 such blocks over 318 layers; {@code blocks} sets the size (29 layers per block).
   */
  static JavaFileObject inceptionLike(String name, int blocks) {
    List<String> lines = header(name, "  @Input(shape = {35, 35, 16}) Tensor image;");
    String previous = "image";
    for (int b = 0; b < blocks; b++) {
      String p = "b" + b + "_";
      List<String> ends = new ArrayList<>();
      ends.add(branch(lines, p + "1x1", previous, new int[] {1}));
      ends.add(branch(lines, p + "3x3", previous, new int[] {1, 3}));
      ends.add(branch(lines, p + "5x5", previous, new int[] {1, 5, 5}));
      lines.add("  @AveragePooling2D(poolSize = 3, strides = 1, padding = SAME, from = \"" + previous + "\") Tensor "
          + p + "pool;");
      ends.add(branch(lines, p + "poolproj", p + "pool", new int[] {1}));
      lines.add("  @Concatenate(from = {\"" + String.join("\", \"", ends) + "\"}) Tensor " + p + "mixed;");
      previous = p + "mixed";
    }
    lines.add("  @GlobalAveragePooling2D Tensor pooled;");
    lines.add("  @Dense(units = 10, activation = SOFTMAX) Tensor classes;");
    return Sources.source(name, close(lines));
  }

  /**
   * Keras's VGG16 (include_top, 224x224x3): 13 convolutions in five blocks, each block ending in a
   * pooling, then Flatten and three Dense layers; 138,357,544 parameters. With {@code wrongShape},
   * the last layer asserts a wrong @Shape, so the processor searches fixes over the whole model.
   */
  static JavaFileObject vgg16(String name, boolean wrongShape) {
    List<String> lines = header(name, "  @Input(shape = {224, 224, 3}) Tensor image;");
    int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
    for (int b = 0; b < blocks.length; b++) {
      for (int c = 1; c <= blocks[b][1]; c++) {
        lines.add("  @Conv2D(filters = " + blocks[b][0] + ", kernelSize = 3, padding = SAME, activation = RELU) Tensor"
            + " block" + (b + 1) + "_conv" + c + ";");
      }
      lines.add("  @MaxPooling2D Tensor block" + (b + 1) + "_pool;");
    }
    lines.add("  @Flatten Tensor flatten;");
    lines.add("  @Dense(units = 4096, activation = RELU) Tensor fc1;");
    lines.add("  @Dense(units = 4096, activation = RELU) Tensor fc2;");
    lines.add("  @Dense(units = 1000, activation = SOFTMAX)" + (wrongShape ? " @Shape({100})" : "")
        + " Tensor predictions;");
    return Sources.source(name, close(lines));
  }

  /** A chain as {@link #chain}, whose last layer asserts a wrong @Shape. */
  static JavaFileObject chainWithWrongShape(String name, int layers) {
    JavaFileObject valid = chain(name, layers);
    try {
      String code = valid.getCharContent(true).toString();
      int last = code.lastIndexOf(" Tensor ");
      return com.google.testing.compile.JavaFileObjects.forSourceString("test." + name,
          code.substring(0, last) + " @Shape({8, 8, 8})" + code.substring(last));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String branch(List<String> lines, String prefix, String from, int[] kernels) {
    String input = from;
    for (int i = 0; i < kernels.length; i++) {
      String conv = prefix + "_conv" + i;
      lines.add("  @Conv2D(filters = 8, kernelSize = " + kernels[i] + ", padding = SAME, useBias = false, from = \""
          + input + "\") Tensor " + conv + ";");
      lines.add("  @BatchNormalization(scale = false) Tensor " + prefix + "_bn" + i + ";");
      lines.add("  @Activation(RELU) Tensor " + prefix + "_relu" + i + ";");
      input = prefix + "_relu" + i;
    }
    return input;
  }

  private static List<String> header(String name, String input) {
    List<String> lines = new ArrayList<>();
    lines.add("@Model");
    lines.add("class " + name + " {");
    lines.add(input);
    return lines;
  }

  private static String[] close(List<String> lines) {
    lines.add("}");
    return lines.toArray(new String[0]);
  }
}
