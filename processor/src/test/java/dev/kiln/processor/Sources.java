package dev.kiln.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test sources in package {@code test} with the DSL imported, compiled with the Kiln processor. */
final class Sources {
  private Sources() {}

  static final String[] IMPORTS = {
      "package test;",
      "import static dev.kiln.dsl.Activations.*;",
      "import static dev.kiln.dsl.Padding.*;",
      "import dev.kiln.dsl.*;",
  };

  static JavaFileObject source(String className, String... lines) {
    List<String> all = new ArrayList<>(List.of(IMPORTS));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test." + className, all);
  }

  static Compilation compile(JavaFileObject... files) {
    return Compiler.javac().withProcessors(new KilnProcessor()).compile(files);
  }

  /** Seed 000's denoiser, valid. */
  static JavaFileObject denoiser() {
    return source("Denoiser",
        "@Model",
        "class Denoiser {",
        "  @Input(shape = {28, 28, 1}) Tensor image;",
        "  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool1;",
        "  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv2;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool2;",
        "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;",
        "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;",
        "  @UpSampling2D(size = 2) Tensor up1;",
        "  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv5;",
        "  @UpSampling2D(size = 2) Tensor up2;",
        "  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape({28, 28, 1}) Tensor restored;",
        "}");
  }
}
