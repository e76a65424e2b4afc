package dev.kiln.importer;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln-import model.onnx}: the command writes the source, or lists why it cannot. */
class OnnxCommandTest {
  @TempDir Path dir;

  private static Path fixture(String name) throws Exception {
    return Path.of(OnnxCommandTest.class.getResource("onnx/" + name).toURI());
  }

  @Test
  void writesTheModelSource() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KilnImport.run(new String[] {fixture("unet.opset17.onnx").toString(), "--package", "com.example",
        "--out", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isEqualTo(0);
    Path written = dir.resolve("com/example/Unet.java");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + written);
    String source = Files.readString(written);
    assertThat(source).contains("@Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, outputPadding = 0)");
    assertThat(source).contains("@Cropping2D(cropping = {1, 0, 1, 0})");
  }

  @Test
  void aModelThatCannotBeImportedExitsWithEveryReason() throws Exception {
    Path bad = dir.resolve("bad.onnx");
    Files.write(bad, new byte[] {0x3a, (byte) 0xff, 0x7f});
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KilnImport.run(new String[] {bad.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.onnx is not a readable ONNX file");
  }
}
