package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The class names of a vector output, one per unit in order: {@code @Labels({"T-shirt/top",
 * "Trouser", ...})} on the output field. The processor checks there is exactly one per unit, and
 * the generated {@code Output.topK(k)} returns them with the scores. For a long list (ImageNet's
 * 1,000) pass it at run time instead: {@code Output.topK(k, labels)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Labels {
  String[] value();
}
