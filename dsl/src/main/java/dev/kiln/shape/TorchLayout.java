package dev.kiln.shape;

/**
 * How a layer kind's Keras weights come from a PyTorch {@code state_dict}: which torch module type
 * holds them and in which layout. Data for {@code dev.kiln.weights}, which converts each one with an
 * exhaustive switch, so a new kind states its layout here or javac rejects its {@link LayerKind}
 * entry (docs/SEMANTICS.md §6.4–6.5).
 */
public enum TorchLayout {
  /** No weights. */
  NONE(0),
  /** {@code nn.Conv2d}: weight {@code (out, in, kh, kw)}, bias {@code (out)}. */
  CONV(1),
  /** {@code nn.ConvTranspose2d}: weight {@code (in, out, kh, kw)}, bias {@code (out)}. */
  CONV_TRANSPOSE(1),
  /** {@code nn.Conv2d} with {@code groups = in}: weight {@code (in * multiplier, 1, kh, kw)}. */
  DEPTHWISE(1),
  /** Two modules: a depthwise {@code nn.Conv2d} without bias, then a 1x1 pointwise one with the bias. */
  SEPARABLE(2),
  /** {@code nn.Conv1d}: weight {@code (out, in, k)}, bias {@code (out)}. */
  CONV_1D(1),
  /** {@code nn.ConvTranspose1d}: weight {@code (in, out, k)}, bias {@code (out)}. */
  CONV_1D_TRANSPOSE(1),
  /** {@code nn.Conv1d} with {@code groups = in}: weight {@code (in * multiplier, 1, k)}. */
  DEPTHWISE_1D(1),
  /** Two modules: a depthwise {@code nn.Conv1d} without bias, then a kernel-1 pointwise one with the bias. */
  SEPARABLE_1D(2),
  /** {@code nn.Linear}: weight {@code (units, features)}, bias {@code (units)}. */
  LINEAR(1),
  /** {@code nn.BatchNorm2d}/{@code 1d}: weight, bias, running_mean, running_var, one value per feature. */
  BATCH_NORM(1),
  /** Weights that no PyTorch module keeps (Keras's adapted Normalization statistics). */
  NOT_IN_PYTORCH(0);

  private final int modules;

  TorchLayout(int modules) {
    this.modules = modules;
  }

  /** How many consecutive torch modules one layer of this layout reads. */
  public int modules() {
    return modules;
  }
}
