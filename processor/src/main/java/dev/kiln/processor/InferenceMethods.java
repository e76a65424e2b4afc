package dev.kiln.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.CheckedModel;
import java.nio.file.Path;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The inference half of a generated model class: typed input and output, the factories, and the
 * single-example and batch calls, all delegating to one {@link Network} built from the model's
 * compile-time shapes (so its buffers are planned once, and it is safe to share between threads).
 */
final class InferenceMethods {
  private InferenceMethods() {}

  /** @param labels the output's class names ({@code @Labels}), or empty */
  static void add(TypeSpec.Builder builder, ClassName self, CheckedModel checked, List<String> labels) {
    ClassName input = self.nestedClass("Input");
    ClassName output = self.nestedClass("Output");
    builder.addType(TensorClassWriter.write(input, "input", checked.inputShape(), List.of()));
    builder.addType(TensorClassWriter.write(output, "output", checked.outputShape(), labels));
    builder.addField(FieldSpec.builder(RuntimeTypes.NETWORK, "network", Modifier.PRIVATE, Modifier.FINAL).build());
    builder.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(RuntimeTypes.NETWORK, "network").addStatement("this.network = network").build());
    builder.addMethod(MethodSpec.methodBuilder("withWeights").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self).addParameter(RuntimeTypes.WEIGHTS_TYPE, "weights")
        .addJavadoc("The model with these weights (Keras names and layouts, e.g. {@code conv1/kernel}).\n\n"
            + "@throws IllegalArgumentException listing every missing, unexpected or wrongly sized tensor\n")
        .addStatement("return new $T($T.create(MODEL, weights))", self, RuntimeTypes.NETWORK).build());
    builder.addMethod(MethodSpec.methodBuilder("fromKeras").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self).addParameter(Path.class, "file").addException(RuntimeTypes.WEIGHT_FILE_EXCEPTION)
        .addJavadoc("The model with the weights of a Keras file: {@code .weights.h5} or {@code .keras} (Keras 3),\n"
            + "{@code .h5} (Keras 2 {@code save_weights} or {@code save}), or safetensors with Keras names\n"
            + "({@code conv1/kernel}). Layers are matched by field name.\n\n"
            + "@throws WeightFileException listing every missing, unexpected or wrongly shaped tensor, or why the\n"
            + "    file cannot be read\n")
        .addStatement("return withWeights($T.readKeras(file, MODEL))", RuntimeTypes.WEIGHT_FILES).build());
    builder.addMethod(MethodSpec.methodBuilder("fromPyTorch").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self).addParameter(Path.class, "file").addException(RuntimeTypes.WEIGHT_FILE_EXCEPTION)
        .addJavadoc("The model with the weights of a PyTorch {@code state_dict} saved as safetensors, matched to\n"
            + "the layers in declaration order and converted to Kiln's layouts (OIHW kernels, the Dense after\n"
            + "Flatten reordered from C,H,W to H,W,C).\n\n"
            + "@throws WeightFileException listing every problem found in the file\n")
        .addStatement("return withWeights($T.readPyTorch(file, MODEL))", RuntimeTypes.WEIGHT_FILES).build());
    builder.addMethod(MethodSpec.methodBuilder("randomInit").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self).addParameter(long.class, "seed")
        .addJavadoc("The model with Keras's default initialisation (glorot-uniform kernels, zero biases, batch\n"
            + "normalisation gamma 1, beta 0, mean 0, variance 1), reproducible from {@code seed}.\n")
        .addStatement("return withWeights($T.random(MODEL, seed))", RuntimeTypes.WEIGHTS_TYPE).build());
    builder.addMethod(MethodSpec.methodBuilder("forward").addModifiers(Modifier.PUBLIC).returns(output)
        .addParameter(input, "example")
        .addJavadoc("Runs one example: $L in, $L out.\n", checked.inputShape(), checked.outputShape())
        .addStatement("$T result = $T.zeros()", output, output)
        .addStatement("forward(example, result)")
        .addStatement("return result").build());
    builder.addMethod(MethodSpec.methodBuilder("forward").addModifiers(Modifier.PUBLIC).returns(void.class)
        .addParameter(input, "example").addParameter(output, "result")
        .addJavadoc("Runs one example into {@code result}, allocating nothing once warmed up.\n")
        .addStatement("network.predict(example, result)").build());
    builder.addMethod(MethodSpec.methodBuilder("predict").addModifiers(Modifier.PUBLIC).returns(float[].class)
        .addParameter(float[].class, "inputs").addParameter(int.class, "batch")
        .addJavadoc("Runs {@code batch} examples: {@code inputs} holds {@code batch * Input.SIZE} floats, "
            + "example after\nexample, each $L row-major; the result holds {@code batch * Output.SIZE}.\n\n"
            + "@throws IllegalArgumentException if a length does not match the shapes\n", checked.inputShape())
        .addStatement("return network.predict(inputs, batch)").build());
    builder.addMethod(MethodSpec.methodBuilder("predict").addModifiers(Modifier.PUBLIC).returns(void.class)
        .addParameter(float[].class, "inputs").addParameter(float[].class, "outputs").addParameter(int.class, "batch")
        .addJavadoc("Runs {@code batch} examples into {@code outputs} ({@code batch * Output.SIZE} floats), "
            + "allocating\nnothing once warmed up.\n\n"
            + "@throws IllegalArgumentException if a length does not match the shapes\n")
        .addStatement("network.predict(inputs, outputs, batch)").build());
  }
}
