package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains where a shape came from: for each axis that differs from the declared one, the layers
 * that changed it, with the floors that lost rows named and runs of equal scalings merged ("`up1`,
 * `up2` and `up3` (UpSampling2D) multiplied 3 by 8 to 24").
 */
final class ShapeTrace {
  private ShapeTrace() {}

  private static final String[] AXIS = {"Height", "Width"};
  private static final String[] ROWS = {"row", "column"};

  /** One layer's effect on one axis. */
  private record Step(LayerInfo layer, int axis, int in, int out, long lost) {
    boolean multiplies() {
      return lost == 0 && out > in && out % in == 0;
    }

    boolean divides() {
      return lost == 0 && out < in && in % out == 0 && isPooling(layer);
    }
  }

  static String explain(List<LayerInfo> infos, int node, int[] declared) {
    TensorShape actual = infos.get(node).output();
    if (actual.rank() != declared.length) {
      return rankChange(infos, node);
    }
    List<String> parts = new ArrayList<>();
    if (actual.rank() == 2 && actual.dim(0) != declared[0]) {
      // A sequence's one spatial axis, as the 1-D layer family sees (steps, channels).
      parts.add("Steps: " + trace(infos, node, 0, "step"));
    }
    String[] traces = new String[2];
    for (int a = 0; a < 2 && actual.isImage(); a++) {
      if (actual.dim(a) != declared[a]) {
        traces[a] = trace(infos, node, a, ROWS[a]);
      }
    }
    if (traces[0] != null && traces[1] != null
        && trace(infos, node, 0, "x").equals(trace(infos, node, 1, "x"))) {
      parts.add("Height and width: " + trace(infos, node, 0, "row and column"));
    } else {
      for (int a = 0; a < 2; a++) {
        if (traces[a] != null) {
          parts.add(AXIS[a] + ": " + traces[a]);
        }
      }
    }
    int last = actual.rank() - 1;
    if (actual.dim(last) != declared[last]) {
      parts.add(channelTrace(infos, node));
    }
    return String.join(" ", parts);
  }

  private static String rankChange(List<LayerInfo> infos, int node) {
    for (int i = node; i > 0; i--) {
      LayerInfo info = infos.get(i);
      if (info.input().rank() != info.output().rank()) {
        return "`" + info.name() + "` (" + info.typeName() + ") turned " + info.input() + " into " + info.output()
            + ".";
      }
    }
    return "";
  }

  private static String channelTrace(List<LayerInfo> infos, int node) {
    for (int i = node; i > 0; i--) {
      LayerInfo info = infos.get(i);
      if (info.input().channels() != info.output().channels()) {
        return "Channels: " + info.output().channels() + " come from `" + info.name() + "` (" + info.typeName()
            + ").";
      }
    }
    return "Channels: " + infos.get(0).output().channels() + " come from the @Input `" + infos.get(0).name() + "`.";
  }

  private static String trace(List<LayerInfo> infos, int node, int axis, String unit) {
    List<Step> steps = new ArrayList<>();
    // Where the image this axis belongs to was made: the input, or a layer such as a Reshape.
    int origin = 0;
    int rank = infos.get(node).output().rank();
    for (int i = 1; i <= node; i++) {
      LayerInfo info = infos.get(i);
      if (info.input().rank() != rank || info.output().rank() != rank) {
        steps.clear();
        origin = i;
        continue;
      }
      int in = info.input().dim(axis);
      int out = info.output().dim(axis);
      if (in != out) {
        steps.add(new Step(info, axis, in, out, lost(info, axis)));
      }
    }
    if (steps.isEmpty()) {
      LayerInfo made = infos.get(origin);
      return origin == 0
          ? "no layer changes it from the input's " + made.output().dim(axis) + "."
          : "no layer changes it from the " + made.output().dim(axis) + " that `" + made.name() + "` ("
              + made.typeName() + ") made.";
    }
    List<String> phrases = new ArrayList<>();
    for (int i = 0; i < steps.size(); ) {
      Step step = steps.get(i);
      int j = i + 1;
      if (step.multiplies() || step.divides()) {
        while (j < steps.size() && steps.get(j).multiplies() == step.multiplies()
            && steps.get(j).divides() == step.divides()) {
          j++;
        }
      }
      phrases.add(phrase(steps.subList(i, j), unit));
      i = j;
    }
    return String.join(", then ", phrases) + ".";
  }

  private static String phrase(List<Step> run, String unit) {
    Step first = run.get(0);
    Step last = run.get(run.size() - 1);
    String who = names(run);
    if (first.multiplies()) {
      return who + " multiplied " + first.in + " by " + (last.out / first.in) + " to " + last.out;
    }
    if (first.divides()) {
      return who + (run.size() == 1 && first.in == 2 * first.out ? " halved " + first.in + " to " + first.out
          : " divided " + first.in + " by " + (first.in / last.out) + " to " + last.out);
    }
    if (first.lost > 0) {
      String rows = first.lost > 1
          ? unit.replace("row", "rows").replace("column", "columns").replace("step", "steps") : unit;
      return who + " floored " + floorText(first) + " to " + first.out + ", dropping " + first.lost + " " + rows;
    }
    return who + " took " + first.in + " to " + first.out + formula(first);
  }

  /** {@code (VALID: floor((256 - 4) / 2) + 1)} for a convolution, else nothing. */
  private static String formula(Step step) {
    ConvWindow window = step.layer.rule().slidingWindow();
    if (window == null || step.layer.rule().pools()) {
      return "";
    }
    int axis = step.axis;
    int s = window.strideSizes()[axis];
    long dk = Window.dilated(window.kernelSizes()[axis], window.dilationSizes()[axis]);
    return window.padding() != Padding.VALID
        ? " (" + window.padding() + ": ceil(" + step.in + " / " + s + "))"
        : " (VALID: floor((" + step.in + " - " + dk + ") / " + s + ") + 1)";
  }

  private static String floorText(Step step) {
    ConvWindow pool = step.layer.rule().slidingWindow();
    if (step.layer.rule().pools()) {
      int[] k = pool.kernelSizes();
      int[] s = pool.strideSizes();
      boolean even = true;
      for (int a = 0; a < k.length; a++) {
        even &= k[a] == s[a] && s[a] == s[0];
      }
      if (even) {
        return step.in + " / " + s[0];
      }
    }
    return Integer.toString(step.in);
  }

  /** {@code `up1`, `up2` and `up3` (UpSampling2D)}, or each with its own type when they differ. */
  private static String names(List<Step> run) {
    List<String> names = new ArrayList<>();
    String type = run.get(0).layer.typeName();
    boolean sameType = run.stream().allMatch(s -> s.layer.typeName().equals(type));
    for (Step s : run) {
      names.add("`" + s.layer.name() + "`" + (sameType ? "" : " (" + s.layer.typeName() + ")"));
    }
    return join(names) + (sameType ? " (" + type + ")" : "");
  }

  private static String join(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** A pooling's exact division reads as halving; a strided convolution's shows its formula instead. */
  private static boolean isPooling(LayerInfo info) {
    return info.rule().pools();
  }

  /** Rows a VALID window layer dropped on this axis. */
  private static long lost(LayerInfo info, int axis) {
    ConvWindow window = info.rule().slidingWindow();
    if (window == null) {
      return 0;
    }
    return Window.lost(info.input().dim(axis), window.kernelSizes()[axis], window.strideSizes()[axis],
        window.dilationSizes()[axis], window.padding());
  }
}
