package dev.kiln.importer.onnx;

import java.util.Arrays;

/**
 * An ONNX tensor computed at run time, held by a Kiln field.
 *
 * @param field the Kiln field holding it
 * @param dims its ONNX shape: {@code (N, C, H, W)} for an image (Kiln holds it as
 *     {@code (H, W, C)}), {@code (N, F)} for a vector; {@code dims[0]} is the batch and ignored
 * @param nonNegative whether every value is provably {@code >= 0} (after ReLU, Clip(0, …), Sigmoid,
 *     …): then zero padding before a max pool equals ONNX's {@code -inf} padding
 * @param order for a vector made by flattening an image: Kiln feature {@code k} (flattened
 *     {@code (H, W, C)}) is ONNX feature {@code order[k]} (flattened {@code (C, H, W)}); {@code null}
 *     when both orders agree
 */
record Act(String field, long[] dims, boolean nonNegative, int[] order) {

  boolean isImage() {
    return dims.length == 4;
  }

  int channels() {
    return (int) dims[1];
  }

  int height() {
    return (int) dims[2];
  }

  int width() {
    return (int) dims[3];
  }

  /** The same tensor under another shape or sign knowledge. */
  Act with(String newField, long[] newDims, boolean newNonNegative, int[] newOrder) {
    return new Act(newField, newDims, newNonNegative, newOrder);
  }

  /** {@code (1, 64, 56, 56)}. */
  String shape() {
    return Arrays.toString(dims).replace('[', '(').replace(']', ')');
  }

  /** An image's dims with new channels, height and width. */
  static long[] image(long batch, long channels, long height, long width) {
    return new long[] {batch, channels, height, width};
  }
}
