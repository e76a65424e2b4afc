package dev.kiln.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types the generated classes call, by name only: the processor runs with kiln-dsl on
 * its path, never kiln-runtime, so it must not load them (see the README's "Layout").
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  private static final String RUNTIME = "dev.kiln.runtime";
  private static final String WEIGHTS = "dev.kiln.weights";

  static final ClassName NETWORK = ClassName.get(RUNTIME, "Network");
  static final ClassName FREE_SIZE_NETWORK = ClassName.get(RUNTIME, "FreeSizeNetwork");
  static final ClassName WEIGHTS_TYPE = ClassName.get(RUNTIME, "Weights");
  static final ClassName EXAMPLE = ClassName.get(RUNTIME, "Example");
  static final ClassName IMAGE_PREPROCESSING = ClassName.get(RUNTIME, "ImagePreprocessing");
  static final ClassName PREDICTION = ClassName.get(RUNTIME, "Prediction");
  static final ClassName WEIGHT_FILES = ClassName.get(WEIGHTS, "WeightFiles");
  static final ClassName WEIGHT_FILE_EXCEPTION = ClassName.get(WEIGHTS, "WeightFileException");
}
