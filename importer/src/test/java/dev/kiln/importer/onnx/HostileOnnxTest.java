package dev.kiln.importer.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.kiln.importer.ImportException;
import dev.kiln.importer.onnx.proto.Onnx.StringStringEntryProto;
import dev.kiln.importer.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Broken and hostile files: each gives a clear error, never an exception from deeper down. */
class HostileOnnxTest {

  private static String parseError(byte[] bytes) {
    ImportException e = assertThrows(ImportException.class, () -> OnnxFile.parse(ByteBuffer.wrap(bytes), "bad.onnx"));
    return e.getMessage();
  }

  @Test
  void truncatedFilesAreRefused() throws Exception {
    byte[] file = Files.readAllBytes(Fixtures.path("ops_mix.opset13.onnx"));
    for (int cut : new int[] {1, 17, file.length / 2, file.length - 1}) {
      assertThat(parseError(Arrays.copyOf(file, cut))).contains("bad.onnx is not a readable ONNX file");
    }
  }

  @Test
  void lengthsPastTheEndAndDeepNestingAreRefused() {
    // field 7 (graph), length 2^31 - 1 in a 7-byte file
    assertThat(parseError(new byte[] {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00}))
        .contains("not a readable ONNX file");
    // 200 nested groups of an unknown field
    byte[] groups = new byte[400];
    for (int i = 0; i < 200; i++) {
      groups[i] = (byte) 0xab; // field 21, start group
      groups[399 - i] = (byte) 0xac; // end group
    }
    assertThat(parseError(groups)).contains("not a readable ONNX file");
    assertThat(parseError(new byte[0])).contains("it has no graph");
  }

  @Test
  void float16AndTypedFieldsDecode() throws Exception {
    TensorProto raw = Graphs.tensor("h", 3).setDataType(TensorProto.DataType.FLOAT16_VALUE)
        .setRawData(ByteString.copyFrom(new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0, 0x01, 0x00})).build();
    assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, Const.of(raw, "h").floats());
    TensorProto typed = Graphs.tensor("h", 2).setDataType(TensorProto.DataType.FLOAT16_VALUE)
        .addInt32Data(0x3800).addInt32Data(0x7c00).build();
    assertArrayEquals(new float[] {0.5f, Float.POSITIVE_INFINITY}, Const.of(typed, "h").floats());
    TensorProto floats = Graphs.tensor("f", 2).addFloatData(1.5f).addFloatData(-3f).build();
    assertArrayEquals(new float[] {1.5f, -3f}, Const.of(floats, "f").floats());
  }

  @Test
  void dataThatDoesNotFitItsDimsIsRefusedByName() throws Exception {
    TensorProto shortRaw = Graphs.tensor("conv.weight", 2, 3).setRawData(ByteString.copyFrom(new byte[20])).build();
    Refused e = assertThrows(Refused.class, () -> Const.of(shortRaw, "conv.weight").floats());
    assertThat(e).hasMessageThat().isEqualTo("tensor `conv.weight` has 20 raw_data bytes where its dims need 24");
    TensorProto huge = Graphs.tensor("big", 1L << 20, 1L << 20).build();
    assertThat(assertThrows(Refused.class, () -> Const.of(huge, "big"))).hasMessageThat()
        .contains("has more elements than Kiln reads");
    TensorProto negative = Graphs.tensor("neg", -4).build();
    assertThat(assertThrows(Refused.class, () -> Const.of(negative, "neg"))).hasMessageThat()
        .contains("negative dimension -4");
  }

  @Test
  void externalDataIsRefusedWithTheWayOut() {
    TensorProto external = Graphs.tensor("fc.weight", 4).setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")).build();
    Refused e = assertThrows(Refused.class, () -> Const.of(external, "fc.weight").floats());
    assertThat(e).hasMessageThat().contains("external data in `weights.bin`");
    assertThat(e).hasMessageThat().contains("save_as_external_data=False");
  }

  @Test
  void graphOnlyFilesImportButTheirWeightsDoNot() throws Exception {
    var onnx = OnnxFile.read(Fixtures.path("resnet18.opset17.graph.onnx"));
    var result = Translation.run(onnx, "resnet18.graph.onnx", "", "Resnet18");
    Binding first = result.bindings().get(0);
    Refused e = assertThrows(Refused.class, () -> result.initializers().get(first.initializer()).floats());
    assertThat(e).hasMessageThat().contains("a graph-only file, with its weights removed?");
  }

  @Test
  void dynamicSpatialSizesAreRefused() {
    var input = Graphs.value("image", 1, 3, 8, 8).toBuilder();
    input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(2).setDimParam("height");
    ImportException e = assertThrows(ImportException.class, () -> Translation.run(
        dev.kiln.importer.onnx.proto.Onnx.ModelProto.newBuilder()
            .addOpsetImport(dev.kiln.importer.onnx.proto.Onnx.OperatorSetIdProto.newBuilder().setVersion(17))
            .setGraph(dev.kiln.importer.onnx.proto.Onnx.GraphProto.newBuilder().addInput(input)).build(),
        "dyn.onnx", "", "Dyn"));
    assertThat(e.problems()).containsExactly("input `image`: dimension 2 is `height`; Kiln checks shapes at compile "
        + "time, so every size but the batch must be fixed (export with a fixed input size)");
  }
}
