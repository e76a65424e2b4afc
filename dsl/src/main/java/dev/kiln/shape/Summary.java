package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a checked model as Keras's {@code model.summary()} does (the plain-text Keras 2 layout,
 * which survives any terminal), with a multiply-accumulate column and totals.
 */
public final class Summary {
  private Summary() {}

  public static String render(CheckedModel model) {
    return render(model, null);
  }

  /**
   * @param free the free input sizes, whose formulas replace the sizes of the smallest accepted
   *     input (at which the counts are given); {@code null} for a model of one size
   */
  public static String render(CheckedModel model, FreeSizes.Resolved free) {
    // Keras's show_trainable column, shown when it says something: some layer is frozen.
    boolean anyFrozen = false;
    for (int i = 0; i < model.layers().size(); i++) {
      anyFrozen |= model.isFrozen(i);
    }
    List<String[]> rows = new ArrayList<>();
    for (int node = 0; node < model.layers().size(); node++) {
      LayerInfo layer = model.layers().get(node);
      String[] row = {
          layer.name() + " (" + layer.typeName() + ")",
          free == null ? layer.output().toString() : free.shape(node, layer.output()),
          grouped(layer.params()),
          grouped(layer.macs()),
          String.join(", ", layer.sources())};
      rows.add(anyFrozen ? trainableColumn(row, layer.weights().isEmpty() ? "-" : model.isFrozen(node) ? "N" : "Y")
          : row);
    }
    String[] header = {"Layer (type)", "Output Shape", "Param #", "MACs", "Reads"};
    if (anyFrozen) {
      header = trainableColumn(header, "Trainable");
    }
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
      width[c] += 3;
    }
    int total = 0;
    for (int w : width) {
      total += w;
    }
    StringBuilder out = new StringBuilder();
    out.append("Model: \"").append(model.spec().name()).append("\"\n");
    out.append("_".repeat(total)).append('\n');
    line(out, header, width);
    out.append("=".repeat(total)).append('\n');
    for (int r = 0; r < rows.size(); r++) {
      line(out, rows.get(r), width);
      if (r + 1 < rows.size()) {
        out.append("_".repeat(total)).append('\n');
      }
    }
    out.append("=".repeat(total)).append('\n');
    out.append("Total params: ").append(grouped(model.totalParams())).append(" (")
        .append(bytes(model.totalParams() * 4)).append(")\n");
    out.append("Trainable params: ").append(grouped(model.trainableParams())).append('\n');
    out.append("Non-trainable params: ").append(grouped(model.nonTrainableParams())).append('\n');
    out.append("Multiply-accumulates: ").append(grouped(model.macs())).append(" per example");
    TensorShape input = model.inputShape();
    out.append(free == null ? "\n" : " at " + input.dim(0) + "x" + input.dim(1) + ", the smallest input\n");
    out.append("Activation memory: ").append(grouped(model.activationFloats())).append(" floats (")
        .append(bytes(model.activationFloats() * 4)).append(") per example\n");
    if (free != null) {
      out.append("Input sizes: ").append(free.describe()).append('\n');
    }
    out.append("_".repeat(total)).append('\n');
    return out.toString();
  }

  /** {@code row} with {@code cell} inserted before the last column (Reads, which can be long). */
  private static String[] trainableColumn(String[] row, String cell) {
    String[] wider = new String[row.length + 1];
    System.arraycopy(row, 0, wider, 0, row.length - 1);
    wider[row.length - 1] = cell;
    wider[row.length] = row[row.length - 1];
    return wider;
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      line.append(' ').append(cells[c]).append(" ".repeat(width[c] - cells[c].length() - 1));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** {@code 8,001}: thousands grouped, as Keras prints counts. */
  public static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** {@code 31.25 KB}, as Keras prints sizes. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
  }
}
