package dev.kiln.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.kiln.shape.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated {@code spec()}: the model's declaration as Java that rebuilds it. A model
 * of up to {@link #INLINE} layers is one readable expression; a larger one adds its layers in
 * nested classes of {@link #PER_CLASS} each, so that no method exceeds 64 KB of bytecode and no
 * class's constant pool its 65,535 entries, however many layers there are.
 */
final class SpecWriter {
  private SpecWriter() {}

  static final int INLINE = 100;
  static final int PER_CLASS = 200;

  static MethodSpec spec(TypeSpec.Builder owner, ClassName self, ModelSpec spec) {
    boolean sequential = spec.isSequential();
    List<CodeBlock> layers = new ArrayList<>();
    for (ModelSpec.LayerSpec layer : spec.layers()) {
      // @Shape assertions are part of the spec: with a free input size they narrow the sizes run.
      CodeBlock declared = layer.declared() == null ? CodeBlock.of("null") : RuleEmitters.ints(layer.declared());
      if (!layer.trainable()) {
        layers.add(CodeBlock.of("new $T($S, $L, $L, $S, $L, false)", ModelSpec.LayerSpec.class, layer.name(),
            RuleEmitters.emit(layer.rule()), LongCode.names(layer.from()), layer.sameShapeAs(), declared));
      } else {
        layers.add(sequential
            ? CodeBlock.of("new $T($S, $L, $L)", ModelSpec.LayerSpec.class, layer.name(),
                RuleEmitters.emit(layer.rule()), declared)
            : CodeBlock.of("new $T($S, $L, $L, $S, $L)", ModelSpec.LayerSpec.class, layer.name(),
                RuleEmitters.emit(layer.rule()), LongCode.names(layer.from()), layer.sameShapeAs(), declared));
      }
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("spec")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ModelSpec.class)
        .addJavadoc("The model's layers and their attributes, as declared.\n");
    CodeBlock layerList = list(owner, self, "Layers", ModelSpec.LayerSpec.class, layers);
    if (sequential) {
      return method.addStatement("return new $T($S, $S, $L, $L)", ModelSpec.class, spec.name(),
          spec.inputName(), RuleEmitters.ints(spec.inputShape()), layerList).build();
    }
    List<CodeBlock> inputs = new ArrayList<>();
    for (ModelSpec.InputSpec input : spec.inputs()) {
      inputs.add(CodeBlock.of("new $T($S, $L)", ModelSpec.InputSpec.class, input.name(),
          RuleEmitters.ints(input.shape())));
    }
    CodeBlock inputList = list(owner, self, "Inputs", ModelSpec.InputSpec.class, inputs);
    return method.addStatement("return new $T($S, $L, $L, $L)", ModelSpec.class, spec.name(), inputList,
        layerList, LongCode.names(spec.outputs())).build();
  }

  /**
   * {@code List.of(\n a,\n b)} for a short list; else a call to a method that fills a list from
   * nested classes {@code <Prefix>0}, {@code <Prefix>1}, ...
   */
  private static CodeBlock list(TypeSpec.Builder owner, ClassName self, String prefix, Class<?> type,
      List<CodeBlock> items) {
    if (items.size() <= INLINE) {
      CodeBlock.Builder list = CodeBlock.builder().add("$T.of(\n", List.class);
      for (int i = 0; i < items.size(); i++) {
        list.add("$>$>$L$L$<$<", items.get(i), i + 1 < items.size() ? ",\n" : "");
      }
      return list.add(")").build();
    }
    TypeName listType = ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(type));
    String fill = "all" + prefix;
    MethodSpec.Builder all = MethodSpec.methodBuilder(fill).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(listType)
        .addStatement("$T items = new $T<>($L)", listType, ArrayList.class, items.size());
    for (int start = 0, part = 0; start < items.size(); start += PER_CLASS, part++) {
      ClassName nested = self.nestedClass(prefix + part);
      MethodSpec.Builder add = MethodSpec.methodBuilder("addTo").addModifiers(Modifier.STATIC)
          .addParameter(listType, "items");
      for (CodeBlock item : items.subList(start, Math.min(items.size(), start + PER_CLASS))) {
        add.addStatement("items.add($L)", item);
      }
      owner.addType(TypeSpec.classBuilder(nested).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("$L $L to $L of the model, in a class of their own to stay within the class-file limits.\n",
              prefix, start, Math.min(items.size(), start + PER_CLASS) - 1)
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
          .addMethod(add.build()).build());
      all.addStatement("$T.addTo(items)", nested);
    }
    owner.addMethod(all.addStatement("return items").build());
    return CodeBlock.of("$N()", fill);
  }
}
