package dev.kiln.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file's header and validates it as the reference reader
 * ({@code safetensors/src/tensor.rs}, {@code read_metadata} and {@code Metadata::validate}) does:
 * an 8-byte little-endian header length of at most 100 MB that fits the file, a UTF-8 JSON object
 * of tensors ({@code dtype}, {@code shape}, {@code data_offsets}) and an optional
 * {@code __metadata__} map of strings; the tensors, sorted by offsets, tile the data section
 * exactly (no gap, no overlap, ending at the end of the file), and each one's byte count equals
 * {@code product(shape) * dtype size}, every product overflow-checked. Values are read later, only
 * for tensors the model asks for.
 */
final class Safetensors {
  static final long MAX_HEADER = 100_000_000L;

  private Safetensors() {}

  /** The tensors of {@code source}, by name in header order; every problem found is reported together. */
  static Map<String, FileTensor> read(ByteSource source, String file) throws WeightFileException {
    long size = source.size();
    if (size < 8) {
      throw new WeightFileException(file, "not a safetensors file: " + size + " bytes, too short for the 8-byte "
          + "header length");
    }
    byte[] prefix = bytes(source, 0, 8, file);
    long headerLength = ByteBuffer.wrap(prefix).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 0 || headerLength > MAX_HEADER) {
      throw new WeightFileException(file, "safetensors header length " + Long.toUnsignedString(headerLength)
          + " exceeds the limit of " + MAX_HEADER + " bytes");
    }
    if (headerLength > size - 8) {
      throw new WeightFileException(file, "safetensors header length " + headerLength + " runs past the end of the "
          + "file (" + size + " bytes): truncated or not a safetensors file");
    }
    String header;
    try {
      header = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(source, 8, (int) headerLength, file))).toString();
    } catch (CharacterCodingException e) {
      throw new WeightFileException(file, "safetensors header is not valid UTF-8");
    }
    Object json;
    try {
      json = Json.parse(header);
    } catch (Json.JsonException e) {
      throw new WeightFileException(file, "safetensors header is not valid JSON: " + e.getMessage());
    }
    if (!(json instanceof Map<?, ?> entries)) {
      throw new WeightFileException(file, "safetensors header is not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    List<Entry> tensors = new ArrayList<>();
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals("__metadata__")) {
        checkMetadata(e.getValue(), problems);
      } else {
        Entry entry = entry(name, e.getValue(), problems);
        if (entry != null) {
          tensors.add(entry);
        }
      }
    }
    long dataStart = 8 + headerLength;
    checkLayout(tensors, size - dataStart, problems);
    if (!problems.isEmpty()) {
      throw new WeightFileException(file, problems);
    }
    Map<String, FileTensor> result = new LinkedHashMap<>();
    for (Entry t : tensors) {
      long begin = dataStart + t.begin;
      result.put(t.name, new FileTensor(t.name, t.shape, t.dtype.name(), t.dtype.isFloat(),
          count -> t.dtype.toFloats(bytes(source, begin, Math.multiplyExact(count, t.dtype.size), file), count)));
    }
    return result;
  }

  private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {}

  private static void checkMetadata(Object value, List<String> problems) {
    if (value == Json.NULL) {
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add("__metadata__ must be an object of strings");
      return;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String)) {
        problems.add("__metadata__ entry \"" + e.getKey() + "\" must be a string");
      }
    }
  }

  private static Entry entry(String name, Object value, List<String> problems) {
    String where = "tensor \"" + name + "\": ";
    if (!(value instanceof Map<?, ?> info)) {
      problems.add(where + "its entry must be an object with dtype, shape and data_offsets");
      return null;
    }
    Dtype dtype = null;
    if (!(info.get("dtype") instanceof String dtypeName)) {
      problems.add(where + "dtype must be a string");
    } else if ((dtype = Dtype.named(dtypeName)) == null) {
      problems.add(where + "unknown dtype \"" + dtypeName + "\"");
    }
    long[] shape = naturals(info.get("shape"), -1, where + "shape", problems);
    long[] offsets = naturals(info.get("data_offsets"), 2, where + "data_offsets", problems);
    if (shape == null || offsets == null) {
      return null;
    }
    // A bad dtype alone still lets the layout check place the tensor (no cascade of gap reports).
    return new Entry(name, dtype, shape, offsets[0], offsets[1]);
  }

  /** A JSON array of non-negative 64-bit integers, of length {@code length} unless it is -1. */
  private static long[] naturals(Object value, int length, String what, List<String> problems) {
    if (!(value instanceof List<?> list)) {
      problems.add(what + " must be an array of non-negative integers");
      return null;
    }
    if (length >= 0 && list.size() != length) {
      problems.add(what + " must have " + length + " entries, found " + list.size());
      return null;
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object item = list.get(i);
      if (!(item instanceof Long n) || n < 0) {
        problems.add(what + " must be non-negative integers below 2^63, found " + item);
        return null;
      }
      out[i] = n;
    }
    return out;
  }

  /** The reference's {@code Metadata::validate}, reporting every tensor at fault instead of the first. */
  private static void checkLayout(List<Entry> tensors, long dataLength, List<String> problems) {
    tensors.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expectedStart = 0;
    for (Entry t : tensors) {
      String where = "tensor \"" + t.name + "\": ";
      if (t.end < t.begin) {
        problems.add(where + "data_offsets [" + t.begin + ", " + t.end + "] end before they begin");
      } else if (t.begin != expectedStart) {
        problems.add(where + "data_offsets [" + t.begin + ", " + t.end + "] "
            + (t.begin > expectedStart ? "leave a gap after" : "overlap") + " the previous tensor, which ends at "
            + expectedStart);
      }
      expectedStart = Math.max(expectedStart, t.end);
      if (t.dtype == null) {
        continue;
      }
      long bytes;
      try {
        long elements = 1;
        for (long d : t.shape) {
          elements = Math.multiplyExact(elements, d);
        }
        bytes = Math.multiplyExact(elements, t.dtype.size);
      } catch (ArithmeticException e) {
        problems.add(where + "shape " + FileTensor.text(t.shape) + " of " + t.dtype + " overflows 64 bits");
        continue;
      }
      if (t.end >= t.begin && t.end - t.begin != bytes) {
        problems.add(where + "data_offsets [" + t.begin + ", " + t.end + "] hold " + (t.end - t.begin)
            + " bytes, but shape " + FileTensor.text(t.shape) + " of " + t.dtype + " needs " + bytes);
      }
    }
    if (expectedStart != dataLength) {
      problems.add("the tensors' data ends at byte " + expectedStart + " of the data section, but the file holds "
          + dataLength + " bytes of data" + (expectedStart > dataLength ? ": offsets past the end of the file"
          : ": trailing bytes"));
    }
  }

  private static byte[] bytes(ByteSource source, long position, int length, String file)
      throws WeightFileException {
    byte[] out = new byte[length];
    try {
      source.read(position, out);
    } catch (IOException e) {
      throw new WeightFileException(file, "cannot read " + length + " bytes at offset " + position + ": "
          + e.getMessage(), e);
    }
    return out;
  }
}
