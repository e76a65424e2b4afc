package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The safetensors header checks of the reference reader, each failing with its own message. */
class SafetensorsTest {
  static Map<String, FileTensor> read(byte[] file) throws WeightFileException {
    return Safetensors.read(ByteSource.of(file), "t.safetensors");
  }

  static String refusal(byte[] file) {
    return assertThrows(WeightFileException.class, () -> read(file)).getMessage();
  }

  static void assertRefused(byte[] file, String... fragments) {
    String message = refusal(file);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "expected `" + fragment + "` in: " + message);
    }
  }

  @Test
  void readsTensorsWithMetadata() throws WeightFileException {
    SafetensorsBuilder b = new SafetensorsBuilder().f32("a", new long[] {2}, 1f, -2f).f32("s", new long[0], 7f);
    byte[] file = b.build("{\"__metadata__\":{\"format\":\"pt\"}," + b.header().substring(1));
    Map<String, FileTensor> tensors = read(file);
    assertEquals(List.of("a", "s"), List.copyOf(tensors.keySet()));
    assertArrayEquals(new float[] {1f, -2f}, tensors.get("a").values().read(2));
    assertArrayEquals(new long[0], tensors.get("s").shape());
    assertArrayEquals(new float[] {7f}, tensors.get("s").values().read(1));
  }

  @Test
  void acceptsAnEmptyFileOfTensors() throws WeightFileException {
    assertEquals(Map.of(), read(new SafetensorsBuilder().build("{}")));
  }

  @Test
  void convertsHalfAndBfloat16() throws WeightFileException {
    // float16: 1.0, -2.0, smallest subnormal 2^-24, +inf; bfloat16: 1.0, -0.5
    byte[] half = {0x00, 0x3c, 0x00, (byte) 0xc0, 0x01, 0x00, 0x00, 0x7c};
    byte[] bf16 = {(byte) 0x80, 0x3f, 0x00, (byte) 0xbf};
    byte[] file = new SafetensorsBuilder().raw("h", "F16", new long[] {4}, half).raw("b", "BF16", new long[] {2}, bf16)
        .build();
    Map<String, FileTensor> tensors = read(file);
    assertArrayEquals(new float[] {1f, -2f, 0x1p-24f, Float.POSITIVE_INFINITY}, tensors.get("h").values().read(4));
    assertArrayEquals(new float[] {1f, -0.5f}, tensors.get("b").values().read(2));
  }

  @Test
  void refusesFilesShorterThanTheLengthPrefix() {
    assertRefused(new byte[5], "5 bytes, too short");
  }

  @Test
  void refusesAHugeHeaderLengthBeforeAllocating() {
    byte[] file = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
    assertRefused(file, "header length 18446744073709551615 exceeds the limit of 100000000 bytes");
    file = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L).array();
    assertRefused(file, "header length 100000001 exceeds the limit");
  }

  @Test
  void refusesAHeaderRunningPastTheEnd() {
    byte[] file = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(9).array();
    assertRefused(file, "header length 9 runs past the end of the file (16 bytes)");
  }

  @Test
  void refusesHeadersThatAreNotUtf8JsonObjects() {
    byte[] bad = new SafetensorsBuilder().build("{\"a\":1}");
    bad[9] = (byte) 0xff;
    assertRefused(bad, "not valid UTF-8");
    assertRefused(new SafetensorsBuilder().build("{\"a\":"), "not valid JSON");
    assertRefused(new SafetensorsBuilder().build("[1, 2]"), "not a JSON object");
    assertRefused(new SafetensorsBuilder().build("{\"a\":1,\"a\":1}"), "duplicate key \"a\"");
  }

  @Test
  void refusesMalformedTensorEntries() {
    assertRefused(new SafetensorsBuilder().entry("t", "F33", new long[] {1}, 0, 4).data(new byte[4]).build(),
        "tensor \"t\": unknown dtype \"F33\"");
    assertRefused(new SafetensorsBuilder().build("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}"),
        "shape must be non-negative integers below 2^63, found -1");
    assertRefused(new SafetensorsBuilder().build("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}"),
        "found 1.5");
    assertRefused(new SafetensorsBuilder().build("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}"),
        "data_offsets must have 2 entries, found 1");
    assertRefused(new SafetensorsBuilder().build("{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}"),
        "dtype must be a string");
    assertRefused(new SafetensorsBuilder().build("{\"t\":[]}"), "its entry must be an object");
    assertRefused(new SafetensorsBuilder().build("{\"__metadata__\":{\"a\":1}}"), "__metadata__ entry \"a\" must be a string");
  }

  @Test
  void refusesOffsetsPastTheEnd() {
    byte[] file = new SafetensorsBuilder().entry("t", "F32", new long[] {4}, 0, 16).data(new byte[8]).build();
    assertRefused(file, "data ends at byte 16 of the data section, but the file holds 8 bytes of data: offsets past "
        + "the end of the file");
    file = new SafetensorsBuilder().entry("t", "F32", new long[] {4}, Long.MAX_VALUE - 16, Long.MAX_VALUE)
        .data(new byte[16]).build();
    assertRefused(file, "leave a gap after the previous tensor", "offsets past the end of the file");
  }

  @Test
  void refusesGapsOverlapsAndTrailingBytes() {
    byte[] gap = new SafetensorsBuilder().entry("a", "F32", new long[] {1}, 0, 4).entry("b", "F32", new long[] {1}, 8, 12)
        .data(new byte[12]).build();
    assertRefused(gap, "tensor \"b\": data_offsets [8, 12] leave a gap after the previous tensor, which ends at 4");
    byte[] overlap = new SafetensorsBuilder().entry("a", "F32", new long[] {2}, 0, 8)
        .entry("b", "F32", new long[] {2}, 4, 12).data(new byte[12]).build();
    assertRefused(overlap, "tensor \"b\": data_offsets [4, 12] overlap the previous tensor, which ends at 8");
    byte[] trailing = new SafetensorsBuilder().f32("a", 1).data(new byte[3]).build();
    assertRefused(trailing, "the file holds 7 bytes of data: trailing bytes");
    byte[] backwards = new SafetensorsBuilder().entry("a", "F32", new long[] {0}, 4, 0).data(new byte[4]).build();
    assertRefused(backwards, "data_offsets [4, 0] end before they begin");
  }

  @Test
  void refusesSizesThatDisagreeWithTheShape() {
    byte[] file = new SafetensorsBuilder().entry("a", "F16", new long[] {3}, 0, 8).data(new byte[8]).build();
    assertRefused(file, "tensor \"a\": data_offsets [0, 8] hold 8 bytes, but shape (3,) of F16 needs 6");
  }

  @Test
  void refusesAbsurdShapesWithoutOverflowing() {
    long big = 1L << 40;
    byte[] file = new SafetensorsBuilder().entry("a", "F32", new long[] {big, big}, 0, 4).data(new byte[4]).build();
    assertRefused(file, "shape (1099511627776, 1099511627776) of F32 overflows 64 bits");
    file = new SafetensorsBuilder().entry("a", "F64", new long[] {1L << 61}, 0, 4).data(new byte[4]).build();
    assertRefused(file, "overflows 64 bits");
    file = new SafetensorsBuilder().build("{\"a\":{\"dtype\":\"F32\",\"shape\":[18446744073709551615],\"data_offsets\":[0,4]}}");
    assertRefused(file, "below 2^63");
  }

  @Test
  void listsEveryProblemOfTheHeader() {
    byte[] file = new SafetensorsBuilder().entry("a", "F33", new long[] {1}, 0, 4).entry("b", "F32", new long[] {2}, 4, 8)
        .entry("c", "F32", new long[] {1}, 9, 13).data(new byte[13]).build();
    WeightFileException e = assertThrows(WeightFileException.class, () -> read(file));
    assertEquals(List.of("tensor \"a\": unknown dtype \"F33\"",
        "tensor \"b\": data_offsets [4, 8] hold 4 bytes, but shape (2,) of F32 needs 8",
        "tensor \"c\": data_offsets [9, 13] leave a gap after the previous tensor, which ends at 8"), e.problems());
    assertTrue(e.getMessage().startsWith("t.safetensors: 3 problems:"), e.getMessage());
  }

  @Test
  void headerTextIsUtf8() throws WeightFileException {
    byte[] file = new SafetensorsBuilder().f32("conv\u00e9/kernel", 1).build();
    assertEquals("conv\u00e9/kernel", read(file).keySet().iterator().next());
    assertTrue(new String(file, StandardCharsets.UTF_8).contains("conv\u00e9"));
  }
}
