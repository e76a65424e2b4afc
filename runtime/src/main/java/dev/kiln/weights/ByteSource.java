package dev.kiln.weights;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the bytes of a weight file: a file channel, or an array (fuzz tests, archive
 * members). Every read is positional and bounded by {@link #size()}; reading past the end is an
 * {@link EOFException}, never a short read.
 */
interface ByteSource extends AutoCloseable {
  long size();

  /** Fills {@code target} from {@code position}. */
  void read(long position, byte[] target) throws IOException;

  @Override
  void close() throws IOException;

  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void read(long position, byte[] target) throws IOException {
        if (position < 0 || position > bytes.length - (long) target.length) {
          throw new EOFException("read of " + target.length + " bytes at " + position + " past the end ("
              + bytes.length + " bytes)");
        }
        System.arraycopy(bytes, (int) position, target, 0, target.length);
      }

      @Override
      public void close() {}
    };
  }

  static ByteSource open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long size = channel.size();
    return new ByteSource() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public void read(long position, byte[] target) throws IOException {
        if (position < 0 || position > size - target.length) {
          throw new EOFException("read of " + target.length + " bytes at " + position + " past the end ("
              + size + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(target);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, position + buffer.position()) < 0) {
            throw new EOFException("the file ended at " + (position + buffer.position()) + " bytes");
          }
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
