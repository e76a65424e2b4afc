package dev.kiln.importer.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.importer.ImportException;
import dev.kiln.importer.ImportedLayer;
import dev.kiln.importer.ModelSourceWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Single ops: what each becomes in Kiln, and each refusal with its reason. */
class OnnxOpsTest {

  private static List<ImportedLayer> layers(Graphs g) throws ImportException {
    return Translation.run(g.build(), "test.onnx", "", "Test").model().layers();
  }

  private static String source(Graphs g) throws ImportException {
    return ModelSourceWriter.write(Translation.run(g.build(), "test.onnx", "", "Test").model());
  }

  private static String refusal(Graphs g) {
    ImportException e = assertThrows(ImportException.class, () -> Translation.run(g.build(), "test.onnx", "", "Test"));
    return String.join("\n", e.problems());
  }

  private static String annotations(List<ImportedLayer> layers) {
    return layers.stream().map(ImportedLayer::annotation).collect(Collectors.joining(" "));
  }

  /** ResNet's stem: padding 3 on 224 is not Keras SAME (2 before, 3 after): ZeroPadding2D + VALID, trimmed to what the windows read. */
  @Test
  void resnetStemIsZeroPaddingAndValid() throws Exception {
    Graphs g = Graphs.image(3, 224, 224).weight("w", 8, 3, 7, 7)
        .node("/conv1/Conv", "Conv", Graphs.in("image", "w"), "c", "kernel_shape", new long[] {7, 7},
            "strides", new long[] {2, 2}, "pads", new long[] {3, 3, 3, 3})
        .output("c");
    String source = source(g);
    assertThat(source).contains("@ZeroPadding2D(padding = {3, 2, 3, 2})");
    assertThat(source).contains("@Conv2D(filters = 8, kernelSize = 7, strides = 2, padding = Padding.VALID, useBias = false)");
  }

  @ParameterizedTest(name = "in {0}, k {1}, s {2}, pads {3}: {4}")
  @CsvSource({
      "56, 3, 1, 1, SAME",      // total 2, split 1 + 1
      "56, 1, 2, 0, SAME",      // total 0: VALID and SAME agree, and SAME reads every row
      "56, 3, 2, 1, VALID",     // SAME would pad 0 before and 1 after
      "7, 3, 1, 1, SAME"})
  void convUsesSameOnlyWhereItIsTheSamePadding(int in, int k, int s, int p, String padding) throws Exception {
    Graphs g = Graphs.image(4, in, in).weight("w", 4, 4, k, k)
        .node("conv", "Conv", Graphs.in("image", "w"), "c", "kernel_shape", new long[] {k, k},
            "strides", new long[] {s, s}, "pads", new long[] {p, p, p, p})
        .output("c");
    List<ImportedLayer> layers = layers(g);
    ImportedLayer conv = layers.get(layers.size() - 1);
    assertThat(conv.attributes().get("padding").toString()).isEqualTo(padding);
  }

  @Test
  void maxPoolPadsWithZerosOnlyAfterRelu() throws Exception {
    Graphs relu = Graphs.image(4, 112, 112).node("/relu/Relu", "Relu", Graphs.in("image"), "r")
        .node("/maxpool/MaxPool", "MaxPool", Graphs.in("r"), "p", "kernel_shape", new long[] {3, 3},
            "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1})
        .output("p");
    assertThat(annotations(layers(relu))).isEqualTo("Input ReLU ZeroPadding2D MaxPooling2D");
    Graphs raw = Graphs.image(4, 112, 112)
        .node("/maxpool/MaxPool", "MaxPool", Graphs.in("image"), "p", "kernel_shape", new long[] {3, 3},
            "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1})
        .output("p");
    assertThat(refusal(raw)).contains("node `/maxpool/MaxPool` (MaxPool, opset 17): max pooling pads with -inf");
    assertThat(refusal(raw)).contains("Keras SAME's ([0, 0, 1, 1])");
  }

  @Test
  void averagePoolExcludingPadsIsSameOrRefused() throws Exception {
    Graphs same = Graphs.image(2, 8, 8).node("pool", "AveragePool", Graphs.in("image"), "p",
        "kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1}).output("p");
    assertThat(layers(same).get(1).attributes().get("padding").toString()).isEqualTo("SAME");
    Graphs strided = Graphs.image(2, 8, 8).node("pool", "AveragePool", Graphs.in("image"), "p",
        "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1}).output("p");
    assertThat(refusal(strided)).contains("count_include_pad = 0");
    Graphs counted = Graphs.image(2, 8, 8).node("pool", "AveragePool", Graphs.in("image"), "p",
        "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1},
        "count_include_pad", 1L).output("p");
    assertThat(annotations(layers(counted))).isEqualTo("Input ZeroPadding2D AveragePooling2D");
  }

  @Test
  void ceilModeAddsTheLastWindowOrIsRefused() throws Exception {
    // 7 wide, window 2 stride 2: ceil_mode gives 4 windows, the last reading column 6 alone
    Graphs max = Graphs.image(2, 7, 7).node("r", "Relu", Graphs.in("image"), "r")
        .node("pool", "MaxPool", Graphs.in("r"), "p", "kernel_shape", new long[] {2, 2},
            "strides", new long[] {2, 2}, "ceil_mode", 1L).output("p");
    String source = source(max);
    assertThat(source).contains("@ZeroPadding2D(padding = {0, 1, 0, 1})");
    Graphs counted = Graphs.image(2, 7, 7).node("pool", "AveragePool", Graphs.in("image"), "p",
        "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}, "ceil_mode", 1L, "count_include_pad", 1L)
        .output("p");
    assertThat(refusal(counted)).contains("ceil_mode adds a window past the pads");
  }

  @Test
  void everyUnsupportedOpIsListedWithItsNodeAndOpset() {
    Graphs g = Graphs.image(2, 4, 4)
        .node("/lstm/LSTM", "LSTM", Graphs.in("image"), "a")
        .node("/custom", "Mystery", Graphs.in("image"), "b")
        .node("/hswish/HardSwish", "HardSwish", Graphs.in("image"), "c")
        .node("/hsig/HardSigmoid", "HardSigmoid", Graphs.in("image"), "d")
        .output("a").output("b").output("c").output("d");
    String problems = refusal(g.opset(13));
    assertThat(problems).contains("node `/lstm/LSTM` (LSTM, opset 13): op `LSTM` is not supported");
    assertThat(problems).contains("node `/custom` (Mystery, opset 13): op `Mystery` is not supported");
    // HardSwish is Keras 3's hard_silu, which Kiln has: it translates, so it is not among the refusals.
    assertThat(problems).doesNotContain("HardSwish");
    assertThat(problems).contains("node `/hsig/HardSigmoid` (HardSigmoid, opset 13): alpha 0.2, beta 0.5");
  }

  /** x.view(x.size(0), -1) as torch.onnx writes it with a dynamic batch: Shape, Gather, Unsqueeze, Concat, Reshape. */
  @Test
  void shapeArithmeticBeforeReshapeIsFolded() throws Exception {
    Graphs g = Graphs.image(2, 3, 3)
        .initializer(Graphs.tensor("zero").setDataType(7).addInt64Data(0).build())
        .initializer(Graphs.tensor("axes", 1).setDataType(7).addInt64Data(0).build())
        .initializer(Graphs.tensor("minus", 1).setDataType(7).addInt64Data(-1).build())
        .node("/Shape", "Shape", Graphs.in("image"), "s")
        .node("/Gather", "Gather", Graphs.in("s", "zero"), "n", "axis", 0L)
        .node("/Unsqueeze", "Unsqueeze", Graphs.in("n", "axes"), "n1")
        .node("/Concat", "Concat", Graphs.in("n1", "minus"), "target", "axis", 0L)
        .node("/Reshape", "Reshape", Graphs.in("image", "target"), "flat")
        .weight("w", 4, 18).node("/fc/Gemm", "Gemm", Graphs.in("flat", "w"), "y", "transB", 1L)
        .output("y");
    assertThat(annotations(layers(g))).isEqualTo("Input Flatten Dense");
    Binding kernel = Translation.run(g.build(), "t.onnx", "", "T").bindings().get(0);
    // Kiln feature (h=0, w=1, c=0) is ONNX feature (c=0, h=0, w=1) = 1; (h=0, w=0, c=1) is 9
    float[] onnx = new float[4 * 18];
    for (int u = 0; u < 4; u++) {
      for (int f = 0; f < 18; f++) {
        onnx[u * 18 + f] = f;
      }
    }
    float[] keras = kernel.layout().apply(onnx);
    assertThat(keras[1 * 4]).isEqualTo(9f);
    assertThat(keras[2 * 4]).isEqualTo(1f);
  }

  @Test
  void layoutDependentReshapesAndGroupsAreRefused() {
    Graphs reshape = Graphs.image(2, 4, 4)
        .initializer(Graphs.tensor("shape", 4).setDataType(7).addInt64Data(1).addInt64Data(4).addInt64Data(2)
            .addInt64Data(4).build())
        .node("/view", "Reshape", Graphs.in("image", "shape"), "r").output("r");
    assertThat(refusal(reshape)).contains("only flattening (N, -1) means the same");
    Graphs grouped = Graphs.image(4, 4, 4).weight("w", 4, 2, 3, 3)
        .node("g", "Conv", Graphs.in("image", "w"), "c", "group", 2L, "pads", new long[] {1, 1, 1, 1}).output("c");
    assertThat(refusal(grouped)).contains("grouped convolution (2 groups on 4 channels");
  }

  @Test
  void resizeNearestAndBilinearByTheirCoordinates() throws Exception {
    assertThrows(Refused.class, () -> ResizeOps.nearestMatches(4, 2, "align_corners", "floor"));
    assertThrows(Refused.class, () -> ResizeOps.nearestMatches(4, 2, "half_pixel", "floor"));
    ResizeOps.nearestMatches(4, 2, "align_corners", "round_prefer_floor"); // happens to pick the same rows
    ResizeOps.nearestMatches(5, 3, "half_pixel", "round_prefer_floor"); // no tie, the same picks
    ResizeOps.nearestMatches(5, 3, "asymmetric", "floor");
    Graphs aligned = Graphs.image(2, 4, 4)
        .initializer(Graphs.tensor("scales", 4).addFloatData(1).addFloatData(1).addFloatData(2).addFloatData(2).build())
        .node("/up", "Resize", Graphs.in("image", "", "scales"), "u", "mode", "linear",
            "coordinate_transformation_mode", "align_corners").output("u");
    assertThat(refusal(aligned)).contains("Kiln's bilinear UpSampling2D uses half-pixel centres");
  }

  @Test
  void depthwiseConvolutionKeepsItsMultiplier() throws Exception {
    Graphs g = Graphs.image(4, 8, 8).weight("w", 8, 1, 3, 3)
        .node("/dw/Conv", "Conv", Graphs.in("image", "w"), "c", "group", 4L, "pads", new long[] {1, 1, 1, 1})
        .output("c");
    assertThat(source(g)).contains("@DepthwiseConv2D(kernelSize = 3, padding = Padding.SAME, depthMultiplier = 2, useBias = false)");
  }

  @Test
  void fieldNamesComeFromTheModulePath() {
    assertThat(Translation.fieldBase(new Node(dev.kiln.importer.onnx.proto.Onnx.NodeProto.newBuilder()
        .setName("/layer1/layer1.0/conv1/Conv").setOpType("Conv").build(), 17))).isEqualTo("layer1.0_conv1");
    assertThat(Translation.fieldBase(new Node(dev.kiln.importer.onnx.proto.Onnx.NodeProto.newBuilder()
        .setName("/Flatten").setOpType("Flatten").build(), 17))).isEqualTo("flatten");
  }
}
