package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected layer over the last axis. Keras {@code Dense}: kernel
 * {@code (in_features, units)}, bias {@code (units)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Dense {
  /** Number of output features. */
  int units();

  /** Activation applied to the output (fused into the layer). */
  Activations activation() default Activations.LINEAR;

  /** Whether the layer adds a bias vector. */
  boolean useBias() default true;

  /**
   * Keras's {@code trainable}: {@code false} freezes the layer, so its weights count as non-trainable (as
   * after {@code layer.trainable = False}). Left out, the layer takes {@link Model#trainable()}.
   */
  boolean trainable() default true;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
