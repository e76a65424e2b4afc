package dev.kiln.runtime;

import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.Edges;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;

/**
 * How the graph optimizer changed one kernel: the activation it runs in its epilogue (its own, or a
 * following activation layer's), zero padding taken over from a {@code ZeroPadding2D} before it,
 * the input it then reads (the unpadded one), and whether it adds a residual tensor before the
 * activation. {@link #of} is the unchanged layer.
 *
 * @param padding rows and columns of zeros added before the layer's own padding ({@code 0} for none)
 * @param input the shape the kernel reads: the layer's input, or the {@code ZeroPadding2D}'s input
 */
record Fusion(ActivationFunction activation, Edges padding, TensorShape input, boolean residual) {
  static final Edges NONE = new Edges(0, 0, 0, 0);

  static Fusion of(ActivationFunction activation, TensorShape input) {
    return new Fusion(activation, NONE, input, false);
  }

  boolean padded() {
    return !padding.equals(NONE);
  }

  /**
   * The zeros a window layer adds along one axis of {@code size} when a {@code ZeroPadding2D} of
   * {@code before} and {@code after} was folded into it: those, plus the layer's own padding computed
   * on the padded size, as the unfused pair would pad.
   */
  static Window.Pad padding(int size, int before, int after, int k, int s, int d, Padding mode) {
    Window.Pad own = Window.padding(size + before + after, k, s, d, mode);
    return new Window.Pad(before + own.before(), after + own.after());
  }
}
