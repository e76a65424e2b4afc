package dev.kiln.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.ModelDescription;
import dev.kiln.shape.ModelSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated {@code spec()}: the model's {@link ModelDescription}, a versioned text with
 * one line per layer, as a string constant that {@code spec()} parses. The generated class thus
 * calls no rule constructor (Kiln's internals stay internal), javac compiles a string instead of
 * nested constructor calls (the bulk of what the processor used to add to a compile), and a model
 * of any size fits the class-file limits ({@link LongCode#text} chunks long text).
 */
final class SpecWriter {
  private SpecWriter() {}

  /** The constant holding the description, reserved in {@link ModelClassWriter}'s names. */
  static final String FIELD = "DESCRIPTION";

  static MethodSpec spec(TypeSpec.Builder owner, ModelSpec spec) {
    String description = ModelDescription.write(spec);
    owner.addField(FieldSpec.builder(String.class, FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The model as declared, in Kiln's model description format $L.\n", ModelDescription.VERSION)
        .initializer(LongCode.fitsOneConstant(description) ? CodeBlock.of("$S", description)
            : LongCode.text(description))
        .build());
    return MethodSpec.methodBuilder("spec")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ModelSpec.class)
        .addJavadoc("The model's layers and their attributes, as declared.\n")
        .addStatement("return $T.parse($N)", ModelDescription.class, FIELD)
        .build();
  }
}
