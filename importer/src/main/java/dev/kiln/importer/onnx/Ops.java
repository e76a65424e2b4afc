package dev.kiln.importer.onnx;

import java.util.Map;
import java.util.TreeMap;

/** Every ONNX op the importer translates, by op type: the one list to read to see what Kiln imports. */
final class Ops {
  private Ops() {}

  /** Translates one node of the current graph. */
  @FunctionalInterface
  interface Op {
    void apply(Translation t, Node node) throws Refused;
  }

  private static final Map<String, Op> OPS = new TreeMap<>(Map.ofEntries(
      Map.entry("Conv", ConvOps::conv),
      Map.entry("ConvTranspose", ConvOps::convTranspose),
      Map.entry("BatchNormalization", LayerOps::batchNormalization),
      Map.entry("Relu", ActivationOps::relu),
      Map.entry("Clip", ActivationOps::clip),
      Map.entry("LeakyRelu", ActivationOps::leakyRelu),
      Map.entry("Sigmoid", ActivationOps::sigmoid),
      Map.entry("Tanh", ActivationOps::tanh),
      Map.entry("HardSigmoid", ActivationOps::hardSigmoid),
      Map.entry("HardSwish", ActivationOps::hardSwish),
      Map.entry("Softmax", ActivationOps::softmax),
      Map.entry("Add", LayerOps::add),
      Map.entry("Mul", LayerOps::mul),
      Map.entry("Sub", ShapeOps::sub),
      Map.entry("Div", ShapeOps::arithmetic),
      Map.entry("Concat", LayerOps::concat),
      Map.entry("MaxPool", PoolOps::maxPool),
      Map.entry("AveragePool", PoolOps::averagePool),
      Map.entry("GlobalAveragePool", PoolOps::globalAveragePool),
      Map.entry("GlobalMaxPool", PoolOps::globalMaxPool),
      Map.entry("Pad", PoolOps::pad),
      Map.entry("Flatten", ShapeOps::flatten),
      Map.entry("Reshape", ShapeOps::reshape),
      Map.entry("Gemm", LayerOps::gemm),
      Map.entry("MatMul", LayerOps::matMul),
      Map.entry("Resize", ResizeOps::resize),
      Map.entry("Upsample", ResizeOps::resize),
      Map.entry("Dropout", ActivationOps::identity),
      Map.entry("Identity", ActivationOps::identity),
      Map.entry("Constant", ShapeOps::constant),
      Map.entry("Shape", ShapeOps::shape),
      Map.entry("Gather", ShapeOps::gather),
      Map.entry("Unsqueeze", ShapeOps::reshapeConst),
      Map.entry("Squeeze", ShapeOps::reshapeConst),
      Map.entry("Cast", ShapeOps::reshapeConst)));

  /** The handler of {@code opType}, or {@code null} when Kiln does not translate it. */
  static Op get(String opType) {
    return OPS.get(opType);
  }
}
