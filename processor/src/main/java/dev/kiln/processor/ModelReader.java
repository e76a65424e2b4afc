package dev.kiln.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;
import dev.kiln.processor.AnnotationValues.Erroneous;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Model} class into a {@link ModelSpec}: the {@code @Input} field, then one layer
 * per annotated field in declaration order. Structural mistakes are reported here; each is
 * independent of the shapes, so the shape check still runs whenever there is an input.
 */
final class ModelReader {
  private final Elements elements;
  private final Reporter reporter;
  private final Trees trees;

  /** @param trees javac's tree API, or {@code null} under a compiler without it */
  ModelReader(Elements elements, Reporter reporter, Trees trees) {
    this.elements = elements;
    this.reporter = reporter;
    this.trees = trees;
  }

  /**
   * javac leaves an annotation it cannot resolve out of {@code getAnnotationMirrors()}, so a
   * misspelt {@code @Conv2d} would look like a field without a layer. Such a model is skipped:
   * javac reports the misspelling itself.
   */
  private void requireResolvedAnnotations(VariableElement field, Map<String, TreePath> fieldTrees)
      throws Erroneous {
    TreePath path = fieldTrees.get(field.getSimpleName().toString());
    if (path == null || !(path.getLeaf() instanceof VariableTree variable)) {
      return;
    }
    // javac leaves out of getAnnotationMirrors() an annotation it rejected (a layer annotation
    // repeated, say) and reports it itself; without it the field would look unannotated.
    if (variable.getModifiers().getAnnotations().size() > field.getAnnotationMirrors().size()) {
      throw new Erroneous(field.getSimpleName().toString());
    }
    for (AnnotationTree annotation : variable.getModifiers().getAnnotations()) {
      TypeMirror type = trees.getTypeMirror(new TreePath(path, annotation.getAnnotationType()));
      if (type == null || type.getKind() == TypeKind.ERROR) {
        throw new Erroneous(field.getSimpleName().toString());
      }
    }
  }

  /**
   * Each field's tree, found with one walk over the class: looking each field up on its own
   * ({@code Trees.getPath(Element)}) searches the class every time, which is quadratic in its size.
   */
  private Map<String, TreePath> fieldTrees(TypeElement type) throws Erroneous {
    Map<String, TreePath> paths = new HashMap<>();
    TreePath classPath = trees == null ? null : trees.getPath(type);
    if (classPath != null && classPath.getLeaf() instanceof ClassTree classTree) {
      // javac recovers from a syntax error with an erroneous node and may still run processors:
      // the fields around it are not what the user wrote, and javac reports the error itself.
      if (Boolean.TRUE.equals(new com.sun.source.util.TreeScanner<Boolean, Void>() {
        @Override
        public Boolean visitErroneous(com.sun.source.tree.ErroneousTree tree, Void unused) {
          return true;
        }

        @Override
        public Boolean reduce(Boolean a, Boolean b) {
          return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
        }
      }.scan(classTree, null))) {
        throw new Erroneous(type.getSimpleName().toString());
      }
      for (Tree member : classTree.getMembers()) {
        if (member instanceof VariableTree variable) {
          paths.put(variable.getName().toString(), new TreePath(classPath, variable));
        }
      }
    }
    return paths;
  }

  /**
   * @return the model, or {@code null} when it cannot be checked (reported)
   * @throws Erroneous when javac could not resolve part of it (javac reports that itself)
   */
  ReadModel read(TypeElement type, AnnotationMirror modelMirror) throws Erroneous {
    if (type.getKind() != ElementKind.CLASS) {
      reporter.error(ProblemCode.MODEL_KIND, type, modelMirror, null, type.getSimpleName(),
          "an " + type.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      return null;
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(ProblemCode.MODEL_GENERIC, type, modelMirror, null, type.getSimpleName());
    }
    boolean strict = new AnnotationValues(elements, modelMirror).bool("strict");
    boolean modelTrainable = new AnnotationValues(elements, modelMirror).bool("trainable");
    String modelName = type.getSimpleName().toString();
    List<ModelSpec.InputSpec> inputs = new ArrayList<>();
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    List<ReadModel.Location> inputNodes = new ArrayList<>();
    List<ReadModel.Location> layerNodes = new ArrayList<>();
    List<String> outputs = new ArrayList<>();

    Map<String, TreePath> fieldTrees = fieldTrees(type);
    List<VariableElement> fields = ElementFilter.fieldsIn(type.getEnclosedElements());
    // Without any @Input, the one error is on the class, not one per layer.
    boolean hasInput = fields.stream().anyMatch(f -> FieldAnnotations.of(f).input() != null);
    // A layer before the @Input, or an @Input after a layer, is left out; the layers after it
    // would then read the wrong fields, so the shapes are not checked (no cascade).
    boolean misplaced = false;
    java.util.Set<String> fieldNames = new java.util.HashSet<>();
    fields.forEach(f -> fieldNames.add(f.getSimpleName().toString()));
    Blocks blocks = new Blocks(elements, reporter, modelName, inputs, layers, layerNodes, fieldNames, modelTrainable);
    int errorsBefore = reporter.errorCount();
    for (VariableElement field : fields) {
      requireResolvedAnnotations(field, fieldTrees);
      FieldAnnotations found = FieldAnnotations.of(field);
      boolean tensor = isTensor(field);
      String fieldName = field.getSimpleName().toString();
      // A field javac could not resolve, or one its syntax-error recovery made up (`Tensor Tensor
      // x;` becomes a field `Tensor` and a field of type `x`): the model is not what was written.
      if (field.asType().getKind() == TypeKind.ERROR || !javax.lang.model.SourceVersion.isIdentifier(fieldName)) {
        throw new Erroneous(fieldName);
      }
      if (found.undefined()) {
        if (tensor) {
          reporter.error(ProblemCode.MISSING_LAYER, field, null, null, fieldName, modelName);
        }
        continue;
      }
      if (field.asType().getKind() == TypeKind.ERROR) {
        throw new Erroneous(fieldName);
      }
      AnnotationMirror main = found.main();
      String mainName = main.getAnnotationType().asElement().getSimpleName().toString();
      if (!tensor) {
        reporter.error(ProblemCode.FIELD_TYPE, field, null, null, fieldName, mainName, field.asType());
      }
      if (field.getModifiers().contains(Modifier.STATIC)) {
        reporter.error(ProblemCode.STATIC_FIELD, field, null, null, fieldName, mainName);
      }
      AnnotationMirror second = found.second();
      if (second != null) {
        reporter.error(ProblemCode.TWO_LAYERS, field, second, null, fieldName, mainName,
            second.getAnnotationType().asElement().getSimpleName());
      }
      if (found.output() != null) {
        outputs.add(fieldName);
      }
      AnnotationValues shape = found.shape() == null ? null : new AnnotationValues(elements, found.shape());
      AnnotationValues values = new AnnotationValues(elements, main);
      if (found.input() != null) {
        if (!layers.isEmpty()) {
          reporter.error(ProblemCode.INPUT_AFTER_LAYER, field, main, null, fieldName,
              layers.get(layers.size() - 1).name());
          misplaced = true;
          continue;
        }
        int[] inputShape = values.ints("shape");
        inputs.add(new ModelSpec.InputSpec(fieldName, inputShape));
        inputNodes.add(new ReadModel.Location(field, values, shape));
        checkInputShape(field, shape, inputShape);
      } else if (inputs.isEmpty()) {
        if (hasInput) {
          reporter.error(ProblemCode.LAYER_BEFORE_INPUT, field, main, null, "`" + fieldName + "`",
              firstInputName(type));
          misplaced = true;
        }
      } else if (found.isBlock()) {
        if (!blocks.expand(field, found, values, shape)) {
          return blocks.stoppedModel(type, errorsBefore, strict, inputNodes);
        }
      } else {
        blocks.checkLayerField(field, found);
        // @Shape(sameAs = "x") asserts what a layer's sameShapeAs = "x" achieves by fitting.
        String sameAs = values.has("sameShapeAs") ? values.string("sameShapeAs")
            : shape != null && shape.has("sameAs") ? shape.string("sameAs") : "";
        // @Shape({}) is written and wrong (the checker says what to write); @Shape(sameAs) alone has no value.
        int[] declared = shape == null || shape.written("value", -1) == null ? null : shape.ints("value");
        // A layer's own `trainable` wins; left out, it takes the model's (Keras's layer.trainable).
        boolean trainable = values.has("trainable") && values.written("trainable", -1) != null
            ? values.bool("trainable") : modelTrainable;
        layers.add(new ModelSpec.LayerSpec(fieldName, RuleReaders.read(found.kind(), values),
            blocks.from(values.strings("from")), blocks.resolve(sameAs), declared, trainable));
        layerNodes.add(new ReadModel.Location(field, values, shape));
        blocks.declared(fieldName);
      }
    }
    if (inputs.isEmpty()) {
      reporter.error(ProblemCode.NO_INPUT, type, modelMirror, null, modelName);
      return null;
    }
    if (misplaced) {
      return null;
    }
    if (layers.isEmpty()) {
      reporter.error(ProblemCode.NO_LAYERS, type, modelMirror, null, modelName, inputs.get(0).name());
      return null;
    }
    List<ReadModel.Location> nodes = new ArrayList<>(inputNodes);
    nodes.addAll(layerNodes);
    return new ReadModel(type, new ModelSpec(modelName, inputs, layers, blocks.resolve(outputs)), nodes, strict);
  }

  /** {@code @Shape} on the input restates its shape; a difference is a plain mismatch. */
  private void checkInputShape(VariableElement field, AnnotationValues shape, int[] inputShape) throws Erroneous {
    if (shape != null && !java.util.Arrays.equals(shape.ints("value"), inputShape)) {
      reporter.error(ProblemCode.INPUT_SHAPE_MISMATCH, field, shape.mirror(), shape.written("value", -1),
          field.getSimpleName(), dev.kiln.shape.TensorShape.describe(inputShape),
          dev.kiln.shape.TensorShape.describe(shape.ints("value")));
    }
  }

  private String firstInputName(TypeElement type) {
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (field.getAnnotation(Input.class) != null) {
        return field.getSimpleName().toString();
      }
    }
    return "(none)";
  }

  private boolean isTensor(VariableElement field) {
    TypeElement tensor = elements.getTypeElement(Tensor.class.getCanonicalName());
    return tensor != null && field.asType().getKind() == TypeKind.DECLARED
        && ((javax.lang.model.type.DeclaredType) field.asType()).asElement().equals(tensor);
  }

  static boolean isModel(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
        .contentEquals(Model.class.getCanonicalName());
  }
}
