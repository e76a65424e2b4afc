package dev.kiln.dsl;

/**
 * The Keras activation functions ({@code keras.activations}), for a layer's {@code activation}
 * attribute and for {@link Activation}. Definitions follow Keras 3.
 */
public enum Activations {
  /** {@code x}: no activation (the Keras default). */
  LINEAR,
  /** {@code max(x, 0)}. */
  RELU,
  /** {@code min(max(x, 0), 6)}. */
  RELU6,
  /** {@code x >= 0 ? x : 0.2 * x} (Keras 3 {@code leaky_relu} default slope). */
  LEAKY_RELU,
  /** {@code x > 0 ? x : exp(x) - 1}. */
  ELU,
  /** {@code 1.0507 * (x > 0 ? x : 1.67326 * (exp(x) - 1))}. */
  SELU,
  /** {@code x * Phi(x)} with the exact (erf) Gaussian CDF, Keras 3's default. */
  GELU,
  /** {@code x * sigmoid(x)}; Keras calls it both {@code silu} and {@code swish}. */
  SILU,
  /** Same function as {@link #SILU}. */
  SWISH,
  /** {@code 1 / (1 + exp(-x))}. */
  SIGMOID,
  /** {@code relu6(x + 3) / 6} (Keras 3 definition). */
  HARD_SIGMOID,
  /** {@code tanh(x)}. */
  TANH,
  /** {@code exp(x) / sum(exp(x))} over the last (channel) axis. */
  SOFTMAX,
  /** {@code log(1 + exp(x))}. */
  SOFTPLUS,
  /** {@code x / (1 + |x|)}. */
  SOFTSIGN,
  /** {@code x * hard_sigmoid(x)} = {@code x * relu6(x + 3) / 6}; Keras 3 {@code hard_silu}. */
  HARD_SILU,
  /** Same function as {@link #HARD_SILU}; Keras 3's alias {@code hard_swish} (MobileNetV3). */
  HARD_SWISH,
  /** {@code x * tanh(softplus(x))}. */
  MISH,
  /** {@code exp(x)}. */
  EXPONENTIAL,
  /** {@code x - max - log(sum(exp(x - max)))} over the last (channel) axis: the log of softmax. */
  LOG_SOFTMAX
}
