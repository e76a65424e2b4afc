package dev.kiln.processor;

import dev.kiln.dsl.Block;
import dev.kiln.dsl.If;
import dev.kiln.dsl.Let;
import dev.kiln.processor.AnnotationValues.Erroneous;
import dev.kiln.processor.BlockExpression.Bound;
import dev.kiln.processor.BlockExpression.Mistake;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ProblemCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Expands a field that uses a {@code @Block} into the block's layers, named as Keras names them
 * ({@code conv2_block1} + {@code _1_conv}), with each {@code @Let} computed, each {@code @If} decided
 * and each {@code @Repeat} unrolled; blocks used inside blocks expand in turn. Every expanded layer's
 * location is the use's field with the path into the block, so a shape problem is reported where the
 * block is used. A mistake in the block's declaration is reported once, on the declaration.
 */
final class BlockExpander {
  /**
   * Expanded layers per model at most: a {@code @Repeat} nested in another multiplies, and each use that
   * reads {@code channels} checks the layers before it (ten times DenseNet201's 700 layers).
   */
  static final int MAX_LAYERS = 10_000;

  /** The model being read, which receives the expanded layers. */
  interface Sink {
    /** Appends a layer, or reports that its name is taken and returns false. */
    boolean add(ModelSpec.LayerSpec layer, ReadModel.Location location);

    /** The name of the node declared last. */
    String last();

    /** The channel count of node {@code name}, or {@code null} when a problem before it leaves it unknown. */
    Integer channels(String name);

    boolean modelTrainable();

    /** Names a repeated use's instance ({@code conv2_block2}) for the fields after it; false when taken (reported). */
    boolean alias(String name, String node);
  }

  /** The expansion stopped: a problem was reported, or the shapes it depends on are unknown. */
  static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** The model field that uses the block, and its annotation: where problems of the expanded layers go. */
  private record Site(VariableElement field, AnnotationValues use) {}

  private final Elements elements;
  private final Reporter reporter;
  private final Sink sink;
  private final Set<String> reported = new HashSet<>();
  private int layers;

  BlockExpander(Elements elements, Reporter reporter, Sink sink) {
    this.elements = elements;
    this.reporter = reporter;
    this.sink = sink;
  }

  /**
   * Expands model field {@code field}, which uses a block with {@code use} (and {@code repeat}, or
   * {@code null}), reading node {@code input}.
   *
   * @return the name of the node that is the field's output
   */
  String expand(VariableElement field, AnnotationMirror use, AnnotationMirror repeat, String input)
      throws Stop, Erroneous {
    Site site = new Site(field, new AnnotationValues(elements, use));
    Map<String, Bound> params = new LinkedHashMap<>();
    elements.getElementValuesWithDefaults(use).forEach((element, value) -> {
      String name = element.getSimpleName().toString();
      boolean written = use.getElementValues().containsKey(element);
      params.put(name, new Bound(BlockValues.fromAnnotation(value), written ? name : null));
    });
    return repeated(site, field, use, params, repeat, Map.of(), field.getSimpleName().toString(), "", "", input,
        new ArrayDeque<>());
  }

  /** One use, or a {@code @Repeat} stage of uses, of the block of {@code use}. */
  private String repeated(Site site, Element declaredOn, AnnotationMirror use, Map<String, Bound> params,
      AnnotationMirror repeat, Map<String, Bound> outer, String name, String parentName, String parentPath,
      String input, Deque<TypeElement> stack) throws Stop, Erroneous {
    TypeElement block = (TypeElement) use.getAnnotationType().asElement();
    String where = parentPath.isEmpty() ? "`" + name + "`" : "`" + parentPath + " → " + name.substring(parentName.length()) + "`";
    if (stack.contains(block)) {
      List<String> chain = new ArrayList<>();
      stack.descendingIterator().forEachRemaining(t -> chain.add("@" + t.getSimpleName()));
      chain.add("@" + block.getSimpleName());
      throw declarationError(ProblemCode.BLOCK_CYCLE, declaredOn, use, null, where, block.getSimpleName(),
          String.join(" → ", chain));
    }
    TypeElement body = layersClass(block);
    int count = 1;
    Map<String, Bound> rest = Map.of();
    if (repeat != null) {
      AnnotationValues values = new AnnotationValues(elements, repeat);
      count = values.integer("value");
      if (count < 1) {
        throw error(ProblemCode.BLOCK_REPEAT_COUNT, declaredOn, repeat, values.written("value", -1), name,
            block.getSimpleName(), count);
      }
      if (count > 1 && trailingNumber(name) < 0) {
        throw error(ProblemCode.BLOCK_REPEAT_NAME, declaredOn, repeat, null, name, block.getSimpleName(), name + "1");
      }
      rest = assignments(declaredOn, repeat, values, "rest", BlockValues.elements(block), block, outer, where, "parameter");
    }
    String output = input;
    for (int i = 0; i < count; i++) {
      String instance = i == 0 ? name : base(name) + (trailingNumber(name) + i);
      Map<String, Bound> scope = new LinkedHashMap<>(params);
      if (i > 0) {
        scope.putAll(rest);
      }
      String path = parentPath.isEmpty() ? instance : parentPath + " → " + instance.substring(parentName.length());
      stack.push(block);
      output = instance(site, block, body, scope, instance, path, output, stack);
      stack.pop();
      if (!sink.alias(instance, output)) {
        throw new Stop();
      }
    }
    return output;
  }

  /** The layers of one use of {@code block}, reading {@code input}; returns the output's node name. */
  private String instance(Site site, TypeElement block, TypeElement body, Map<String, Bound> scope, String name,
      String path, String input, Deque<TypeElement> stack) throws Stop, Erroneous {
    String blockInput = block.getAnnotation(Block.class).input();
    if (!scope.containsKey("channels") && mentionsChannels(body)) {
      Integer channels = sink.channels(input);
      if (channels == null) {
        throw new Stop();
      }
      scope.put("channels", new Bound(channels, null));
    }
    Map<String, String> resolved = new HashMap<>();
    String previous = input;
    for (VariableElement field : ElementFilter.fieldsIn(body.getEnclosedElements())) {
      String fieldName = field.getSimpleName().toString();
      String where = "`" + path + " → " + fieldName + "`";
      FieldAnnotations found = FieldAnnotations.of(field);
      if (found.undefined() && field.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
        continue; // a constant of the block's, not a layer
      }
      if (found.undefined() || found.input() != null || found.shape() != null || found.output() != null
          || found.second() != null) {
        throw declarationError(ProblemCode.BLOCK_LAYERS_FIELD, field, null, null, block.getSimpleName(), fieldName);
      }
      AnnotationMirror main = found.main();
      AnnotationValues written = new AnnotationValues(elements, main);
      List<String> inputs = new ArrayList<>();
      boolean explicitFrom = written.has("from") && written.written("from", -1) != null;
      if (explicitFrom) {
        for (String from : written.strings("from")) {
          String node = from.equals(blockInput) ? input : resolved.get(from);
          if (node == null) {
            throw declarationError(ProblemCode.BLOCK_FROM, field, main, written.written("from", -1), where, from,
                block.getSimpleName(), blockInput);
          }
          inputs.add(node);
        }
      } else {
        inputs.add(previous);
      }
      AnnotationMirror condition = mirror(field, If.class);
      if (condition != null && !test(field, condition, scope, where)) {
        // left out, as if not declared: what reads it reads the field before it (Keras's `x` unchanged)
        resolved.put(fieldName, previous);
        continue;
      }
      String layerName = name + fieldName;
      AnnotationMirror let = mirror(field, Let.class);
      TypeElement type = (TypeElement) main.getAnnotationType().asElement();
      Map<String, ExecutableElement> attributes = BlockValues.elements(type);
      Map<String, Bound> given = let == null ? Map.of() : assignments(field, let, new AnnotationValues(elements, let),
          "value", attributes, type, scope, where, "attribute");
      checkPlaceholders(field, main, given, where);
      if (found.isBlock()) {
        Map<String, Bound> params = new LinkedHashMap<>();
        elements.getElementValuesWithDefaults(main).forEach((element, value) ->
            params.put(element.getSimpleName().toString(), new Bound(BlockValues.fromAnnotation(value), null)));
        params.remove("from");
        params.putAll(given);
        previous = repeated(site, field, main, params, found.repeat(), scope, layerName, name, path, inputs.get(0),
            stack);
      } else {
        Map<String, AnnotationValue> computed = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        for (Map.Entry<String, Bound> e : given.entrySet()) {
          computed.put(e.getKey(), BlockValues.toAnnotation(e.getValue().value(), attributes.get(e.getKey()).getReturnType()));
          if (e.getValue().origin() != null) {
            origins.put(e.getKey(), e.getValue().origin());
          }
        }
        AnnotationValues values = BlockValues.overridden(elements, main, computed);
        boolean trainable = values.has("trainable") && values.written("trainable", -1) != null
            ? values.bool("trainable") : sink.modelTrainable();
        List<String> from = !explicitFrom && inputs.get(0).equals(sink.last()) ? List.of() : inputs;
        if (++layers > MAX_LAYERS) {
          throw error(ProblemCode.BLOCK_TOO_MANY_LAYERS, site.field(), site.use().mirror(), null,
              site.field().getSimpleName(), site.use().mirror().getAnnotationType().asElement().getSimpleName(),
              String.format(java.util.Locale.ROOT, "%,d", MAX_LAYERS));
        }
        ModelSpec.LayerSpec layer = new ModelSpec.LayerSpec(layerName, RuleReaders.read(found.kind(), values), from,
            "", null, trainable);
        if (!sink.add(layer, new ReadModel.Location(site.field(), site.use(), null, path + " → " + fieldName, origins))) {
          throw new Stop();
        }
        previous = layerName;
      }
      resolved.put(fieldName, previous);
    }
    return previous;
  }

  /** {@code @If}'s condition. */
  private boolean test(VariableElement field, AnnotationMirror condition, Map<String, Bound> scope, String where)
      throws Stop, Erroneous {
    AnnotationValues values = new AnnotationValues(elements, condition);
    String text = values.string("value");
    Object result;
    try {
      result = BlockExpression.evaluate(text, scope).value();
    } catch (Mistake e) {
      throw expressionMistake(field, condition, values.written("value", -1), text, scope, where, e);
    }
    if (!(result instanceof Boolean b)) {
      throw declarationError(ProblemCode.BLOCK_VALUE_TYPE, field, condition, values.written("value", -1), where, text,
          BlockExpression.describe(result), "value", "If", "true or false");
    }
    return b;
  }

  /**
   * The {@code "name = expression"} entries of attribute {@code attribute} of {@code mirror}, each
   * name one of {@code targets} (of annotation {@code target}) and each value fitting its type.
   */
  private Map<String, Bound> assignments(Element on, AnnotationMirror mirror, AnnotationValues values, String attribute,
      Map<String, ExecutableElement> targets, TypeElement target, Map<String, Bound> scope, String where, String noun)
      throws Stop, Erroneous {
    Map<String, Bound> result = new LinkedHashMap<>();
    String[] entries = values.strings(attribute);
    for (int i = 0; i < entries.length; i++) {
      AnnotationValue position = values.written(attribute, i);
      int equals = assignment(entries[i]);
      String name = equals < 0 ? "" : entries[i].substring(0, equals).trim();
      if (equals < 0) {
        throw declarationError(ProblemCode.BLOCK_EXPRESSION, on, mirror, position, where, entries[i],
            "an entry is `name = expression`", "Write e.g. \"filters = 4 * filters\".");
      }
      ExecutableElement element = targets.get(name);
      if (element == null || name.equals("from")) {
        List<String> known = new ArrayList<>(targets.keySet());
        known.remove("from");
        throw declarationError(ProblemCode.BLOCK_UNKNOWN_ATTRIBUTE, on, mirror, position, where, target.getSimpleName(),
            noun, name, known.isEmpty() ? "none" : "`" + String.join("`, `", known) + "`");
      }
      String text = entries[i].substring(equals + 1).trim();
      Bound bound;
      try {
        bound = BlockExpression.evaluate(text, scope);
      } catch (Mistake e) {
        throw expressionMistake(on, mirror, position, text, scope, where, e);
      }
      AnnotationValue converted = BlockValues.toAnnotation(bound.value(), element.getReturnType());
      if (converted == null) {
        throw declarationError(ProblemCode.BLOCK_VALUE_TYPE, on, mirror, position, where, text,
            BlockExpression.describe(bound.value()), name, target.getSimpleName(),
            BlockValues.describeType(element.getReturnType()));
      }
      result.put(name, new Bound(BlockValues.fromAnnotation(converted), bound.origin()));
    }
    return result;
  }

  private Stop expressionMistake(Element on, AnnotationMirror mirror, AnnotationValue position, String text,
      Map<String, Bound> scope, String where, Mistake e) {
    String fix = e.name == null ? "" : "Names are the block's parameters (" + String.join(", ", scope.keySet())
        + (scope.containsKey("channels") ? "" : ", channels") + ") and enum constants such as SAME.";
    return declarationError(ProblemCode.BLOCK_EXPRESSION, on, mirror, position, where, text, e.getMessage(), fix);
  }

  /** An attribute written {@code LET} must be given by {@code @Let}; one given must not be written otherwise. */
  private void checkPlaceholders(VariableElement field, AnnotationMirror main, Map<String, Bound> given, String where)
      throws Stop {
    String type = main.getAnnotationType().asElement().getSimpleName().toString();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : main.getElementValues().entrySet()) {
      String name = e.getKey().getSimpleName().toString();
      boolean placeholder = BlockValues.isLetPlaceholder(e.getValue());
      if (placeholder && !given.containsKey(name)) {
        throw declarationError(ProblemCode.BLOCK_LET_UNSET, field, main, e.getValue(), where, name);
      } else if (!placeholder && given.containsKey(name)) {
        throw declarationError(ProblemCode.BLOCK_LET_TWICE, field, main, e.getValue(), where, name, type);
      }
    }
  }

  /** The block's nested class {@code Layers}. */
  private TypeElement layersClass(TypeElement block) throws Stop {
    for (TypeElement nested : ElementFilter.typesIn(block.getEnclosedElements())) {
      if (nested.getSimpleName().contentEquals("Layers") && !ElementFilter.fieldsIn(nested.getEnclosedElements()).isEmpty()) {
        return nested;
      }
    }
    throw declarationError(ProblemCode.BLOCK_NO_LAYERS, block, null, null, block.getSimpleName());
  }

  private boolean mentionsChannels(TypeElement body) {
    for (VariableElement field : ElementFilter.fieldsIn(body.getEnclosedElements())) {
      for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
        for (AnnotationValue value : mirror.getElementValues().values()) {
          if (value.toString().matches("(?s).*\\bchannels\\b.*")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static AnnotationMirror mirror(Element element, Class<?> type) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(type.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }

  /** The position of the {@code =} of {@code name = expression}, not of {@code ==}, {@code !=}, ... */
  private static int assignment(String entry) {
    for (int i = 0; i < entry.length(); i++) {
      if (entry.charAt(i) == '=') {
        boolean pair = i + 1 < entry.length() && entry.charAt(i + 1) == '=';
        boolean compound = i > 0 && "!<>=".indexOf(entry.charAt(i - 1)) >= 0;
        return pair || compound ? -1 : i;
      }
    }
    return -1;
  }

  private static int trailingNumber(String name) {
    String digits = name.substring(base(name).length());
    return digits.isEmpty() || digits.length() > 9 ? -1 : Integer.parseInt(digits);
  }

  private static String base(String name) {
    int end = name.length();
    while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(0, end);
  }

  /** A problem of one use: reported, and the expansion stops. */
  private Stop error(ProblemCode code, Element element, AnnotationMirror mirror, AnnotationValue value, Object... args) {
    reporter.error(code, element, mirror, value, args);
    return new Stop();
  }

  /** A problem of the block's declaration: reported once however many uses meet it, and the expansion stops. */
  private Stop declarationError(ProblemCode code, Element element, AnnotationMirror mirror, AnnotationValue value,
      Object... args) {
    if (reported.add(code + "@" + System.identityHashCode(element) + "/" + System.identityHashCode(value))) {
      reporter.error(code, element, mirror, value, args);
    }
    return new Stop();
  }
}
