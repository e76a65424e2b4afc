package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncated, corrupted and hostile files each give a clear {@link WeightFileException}: never another
 * exception, an OutOfMemoryError, a hang, or a read past the end.
 */
class HostileFilesTest {
  static final CheckedModel MLP = WeightCases.model("mlp");

  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static String refusal(Path file) {
    return assertThrows(WeightFileException.class, () -> WeightFiles.readKeras(file, MLP)).getMessage();
  }

  private static void assertContains(String message, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "expected `" + fragment + "` in: " + message);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp.keras.safetensors", "mlp.keras2.h5", "mlp.keras2_full.h5", "mlp.weights.h5", "mlp.keras",
      "mlp.keras.bf16.safetensors"})
  void truncatedFilesAreRefused(String fixture) throws IOException {
    byte[] whole = WeightCases.bytes(fixture);
    for (int length : new int[] {0, 1, 7, 8, 9, 64, 512, whole.length / 3, whole.length / 2, whole.length - 100,
        whole.length - 1}) {
      Path file = write(fixture, Arrays.copyOf(whole, Math.max(0, length)));
      String message = refusal(file);
      assertTrue(message.startsWith(file.toString()), message);
    }
  }

  /** Thousands of seeded random corruptions: each loads or is refused, quickly, with a WeightFileException. */
  @ParameterizedTest
  @ValueSource(strings = {"mlp.keras.safetensors", "mlp.torch.safetensors", "mlp.keras2.h5", "mlp.weights.h5",
      "mlp.keras"})
  void corruptedBytesLoadOrAreRefused(String fixture) {
    byte[] whole = WeightCases.bytes(fixture);
    Random random = new Random(fixture.hashCode());
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int round = 0; round < 300; round++) {
        byte[] bytes = whole.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        Path file = write("corrupt-" + fixture, bytes);
        try {
          if (fixture.contains("torch")) {
            WeightFiles.readPyTorch(file, MLP, FormatsTest.MLP_MODULES);
          } else {
            WeightFiles.readKeras(file, MLP);
          }
        } catch (WeightFileException expected) {
          // refused with a message
        }
      }
    });
  }

  @Test
  void hdf5ExternalLinkIsRefused() {
    assertContains(refusal(WeightCases.path("hostile/external_link.weights.h5")),
        "`/layers/dense/vars/0` is an HDF5 external link to `/etc/passwd:/data`; external links are refused");
  }

  @Test
  void compressedHdf5DatasetIsRefused() {
    assertContains(refusal(WeightCases.path("hostile/compressed.weights.h5")),
        "`/layers/dense/vars/0` is compressed or filtered");
  }

  @Test
  void zipBombIsRefusedBeforeInflating() throws IOException {
    Path file = dir.resolve("bomb.keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        zip.write(zeros);  // 64 MiB of zeros deflate to about 64 KiB
      }
      zip.closeEntry();
    }
    assertTrue(Files.size(file) < 1 << 20);
    assertContains(refusal(file), "member `model.weights.h5` declares 67108864 bytes but stores only",
        "a compression ratio above 100 is refused as a zip bomb");
  }

  @Test
  void pathTraversalInKerasArchiveIsRefused() throws IOException {
    Path file = dir.resolve("evil.keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
      zip.write(1);
      zip.putNextEntry(new ZipEntry("/abs/path"));
      zip.write(1);
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      zip.write(WeightCases.bytes("mlp.keras2.h5"));
      zip.closeEntry();
    }
    assertContains(refusal(file), "2 problems",
        "member `../../etc/cron.d/evil` has a path that escapes the archive (absolute or `..`): refused",
        "member `/abs/path` has a path that escapes the archive");
  }

  @Test
  void kerasArchiveWithoutWeights() throws IOException {
    Path file = dir.resolve("empty.keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("model.weights.npz"));
      zip.write(1);
    }
    assertContains(refusal(file), "no `model.weights.h5` member (`model.weights.npz` is not supported)");
  }

  @Test
  void filesThatAreNotWhatTheirNameSays() throws IOException {
    assertContains(refusal(write("x.h5", "hello, world".getBytes())),
        "named like a Keras HDF5 file but does not start with the HDF5 signature");
    assertContains(refusal(write("x.keras", new byte[3])), "does not start with the zip signature");
    assertContains(refusal(dir.resolve("missing.safetensors")), "no such file");
    assertContains(refusal(write("x.safetensors", new byte[0])), "0 bytes, too short");
  }

  @Test
  void pytorchReaderRefusesOtherFormats() throws IOException {
    String message = assertThrows(WeightFileException.class,
        () -> WeightFiles.readPyTorch(WeightCases.path("mlp.keras2.h5"), MLP)).getMessage();
    assertContains(message, "an HDF5 file, which is a Keras format: use WeightFiles.readKeras");
    Path pt = dir.resolve("model.pt");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(pt))) {
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(1);
    }
    message = assertThrows(WeightFileException.class, () -> WeightFiles.readPyTorch(pt, MLP)).getMessage();
    assertContains(message, "pickle-based .pt/.pth files are not read");
  }

  @Test
  void hugeSafetensorsHeaderLengthIsRefusedWithoutReadingIt() throws IOException {
    Path file = dir.resolve("huge.safetensors");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x7f, '{', '}'});
    }
    assertContains(refusal(file), "header length 9151314442816847872 exceeds the limit of 100000000 bytes");
  }
}
