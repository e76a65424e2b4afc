package dev.kiln.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A Keras 3 {@code .keras} archive: a zip holding {@code metadata.json}, {@code config.json} and
 * {@code model.weights.h5}. Only that member is read, by its exact name; nothing is extracted, and
 * an archive with an absolute or {@code ..} member name is refused as hostile. The member must
 * declare a size the reader can hold, expand at most {@link #MAX_RATIO} times its stored size (Keras
 * stores members uncompressed; DEFLATE reaches about 1032:1 only on crafted data) and may not
 * produce more bytes than it declared.
 */
final class KerasArchive {
  static final String WEIGHTS = "model.weights.h5";
  static final long MAX_MEMBER = Integer.MAX_VALUE - 8;
  static final long MAX_RATIO = 100;
  /** Below this, any ratio is harmless. */
  static final long RATIO_FLOOR = 1 << 20;

  private KerasArchive() {}

  /** The bytes of {@code model.weights.h5}. */
  static byte[] weights(Path archive, String file) throws WeightFileException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ZipEntry member = null;
      List<String> problems = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith("/") || name.startsWith("\\") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
            || ("/" + name + "/").contains("/../")) {
          problems.add("member `" + name + "` has a path that escapes the archive (absolute or `..`): refused");
        }
        if (name.equals(WEIGHTS)) {
          if (member != null) {
            problems.add("the archive holds `" + WEIGHTS + "` twice");
          }
          member = entry;
        }
      }
      if (member == null && problems.isEmpty()) {
        problems.add("not a Keras 3 archive with HDF5 weights: no `" + WEIGHTS + "` member"
            + (zip.getEntry("model.weights.npz") != null ? " (`model.weights.npz` is not supported)" : ""));
      }
      if (!problems.isEmpty()) {
        throw new WeightFileException(file, problems);
      }
      return read(zip, member, file);
    } catch (ZipException e) {
      throw new WeightFileException(file, "not a valid zip archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new WeightFileException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static byte[] read(ZipFile zip, ZipEntry member, String file) throws IOException, WeightFileException {
    long size = member.getSize();
    long stored = member.getCompressedSize();
    String what = "member `" + WEIGHTS + "`";
    if (size < 0 || size > MAX_MEMBER) {
      throw new WeightFileException(file, what + " declares " + size + " bytes; at most " + MAX_MEMBER
          + " can be read");
    }
    if (size > RATIO_FLOOR && (stored <= 0 || size / MAX_RATIO > stored)) {
      throw new WeightFileException(file, what + " declares " + size + " bytes but stores only " + stored
          + ": a compression ratio above " + MAX_RATIO + " is refused as a zip bomb");
    }
    byte[] out = new byte[(int) size];
    try (InputStream in = zip.getInputStream(member)) {
      int filled = 0;
      while (filled < out.length) {
        int n = in.read(out, filled, out.length - filled);
        if (n < 0) {
          throw new WeightFileException(file, what + " ended after " + filled + " of its declared " + size + " bytes");
        }
        filled += n;
      }
      if (in.read() >= 0) {
        throw new WeightFileException(file, what + " holds more than its declared " + size + " bytes: refused");
      }
    }
    return out;
  }
}
