package dev.kiln.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.processor.AnnotationValues.Erroneous;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Problem;
import dev.kiln.shape.ProblemCode;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.FreeSizes;
import dev.kiln.shape.Summary;
import dev.kiln.shape.TensorShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Generated;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Checks every {@code @Model} at compile time and generates {@code Kiln<Model>} for the valid ones.
 * Read, check, generate: {@link ModelReader} builds the spec, {@link ShapeChecker} finds the
 * problems, {@link Reporter} reports them, {@link ModelClassWriter} writes the class. Nothing here
 * throws into javac: an unexpected exception becomes one error on its model.
 *
 * <p>Option {@code -Akiln.summary=true} prints each model's summary as a note.
 */
@AutoService(Processor.class)
public final class KilnProcessor extends AbstractProcessor {
  static final String SUMMARY_OPTION = "kiln.summary";

  /** Models whose types javac could not resolve yet, retried by name in the next round. */
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Function<ModelSpec, CheckedModel> checker;

  public KilnProcessor() {
    this(ShapeChecker::check);
  }

  /** For tests: a checker that fails shows how an unexpected exception is reported. */
  KilnProcessor(Function<ModelSpec, CheckedModel> checker) {
    this.checker = checker;
  }

  /**
   * Kiln's annotations, and {@code @Generated}, which Kiln's own output carries: without a claim on
   * it, javac's {@code -Xlint:processing} warns about the generated classes and {@code -Werror}
   * fails the build.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Model.class.getPackageName() + ".*", Generated.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SUMMARY_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    List<TypeElement> models = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        models.add(type);
      }
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(Model.class)) {
      models.add((TypeElement) element);
    }
    for (TypeElement model : models) {
      try {
        reporter.hold();
        process(model, reporter);
        reporter.release();
      } catch (Erroneous e) {
        // javac reports what it could not resolve; what Kiln found before it is reported once, in
        // the round that gives up on the model.
        if (round.processingOver()) {
          reporter.release();
        } else {
          reporter.discard();
          deferred.add(model.getQualifiedName().toString());
        }
      } catch (IOException e) {
        reporter.release();
        reporter.error(ProblemCode.WRITE_FAILED, model, null, null, model.getSimpleName(), e.getMessage(),
            ModelClassWriter.generatedName(model));
      } catch (RuntimeException | AssertionError | LinkageError e) {
        reporter.discard();
        reporter.error(ProblemCode.INTERNAL, model, null, null, model.getSimpleName(), BugReport.exception(e),
            BugReport.frames(e));
      }
    }
    reportStrayAnnotations(annotations, round, reporter);
    return true;
  }

  private void process(TypeElement type, Reporter reporter) throws Erroneous, IOException {
    AnnotationMirror modelMirror = type.getAnnotationMirrors().stream()
        .filter(ModelReader::isModel).findFirst().orElseThrow();
    int errorsBefore = reporter.errorCount();
    ReadModel model = new ModelReader(processingEnv.getElementUtils(), reporter, trees()).read(type, modelMirror);
    if (model == null) {
      return;
    }
    CheckedModel checked = checker.apply(model.spec());
    for (Problem problem : checked.problems()) {
      reporter.report(problem, model);
    }
    if (checked.problems().isEmpty()) {
      LabelsReader.read(model, checked, reporter);
    }
    if (reporter.errorCount() > errorsBefore) {
      return;
    }
    FreeSizes.Resolved free = FreeSizes.hasFree(model.spec()) ? FreeSizes.resolve(model.spec()) : null;
    new ModelClassWriter(processingEnv.getFiler(), processingEnv.getElementUtils()).write(model, checked, free);
    if (free != null) {
      TensorShape at = checked.inputShape();
      String smallest = at.rank() == 2 ? at.dim(0) + " steps" : at.dim(0) + "x" + at.dim(1);
      reporter.note(type, "Kiln: " + free.describe() + " (checked at the smallest, " + smallest + ")");
    }
    if (Boolean.parseBoolean(processingEnv.getOptions().get(SUMMARY_OPTION))) {
      reporter.note(type, "Kiln summary of " + type.getQualifiedName() + ":\n" + Summary.render(checked, free));
    }
  }

  private Trees trees() {
    try {
      return Trees.instance(processingEnv);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * After a stray closing brace javac 25 wraps what follows into an implicitly declared class named
   * after the file (JEP 512), around the user's class of the same name, which Java forbids in
   * source: its fields are not strays the user wrote, and javac reports the syntax error.
   */
  private static boolean recoveredFromSyntaxError(Element owner) {
    for (Element member : owner.getEnclosedElements()) {
      if ((member.getKind().isClass() || member.getKind().isInterface())
          && member.getSimpleName().contentEquals(owner.getSimpleName())) {
        return true;
      }
    }
    return false;
  }

  /** The {@code Layers} of a {@code @Block}: checked where the block is used. */
  private static boolean inBlock(Element owner) {
    Element block = owner.getEnclosingElement();
    return block != null && block.getAnnotation(dev.kiln.dsl.Block.class) != null;
  }

  /**
   * A layer, {@code @Input} or {@code @Shape} outside a {@code @Model} would never be checked. Only
   * the annotations javac found in this round's sources ({@code present}) are looked for: each look-up
   * walks every element of the round, and asking for all 60-odd kinds cost 2.4 ms of a 47 ms VGG16
   * compile (JFR), most of it in the round that only sees the generated class.
   */
  private void reportStrayAnnotations(Set<? extends TypeElement> present, RoundEnvironment round,
      Reporter reporter) {
    Set<String> names = new HashSet<>();
    for (TypeElement annotation : present) {
      names.add(annotation.getQualifiedName().toString());
    }
    List<Class<? extends java.lang.annotation.Annotation>> annotations = new ArrayList<>();
    for (LayerKind kind : LayerKind.values()) {
      annotations.add(kind.annotation());
    }
    annotations.add(Input.class);
    annotations.add(Shape.class);
    annotations.add(dev.kiln.dsl.Output.class);
    annotations.removeIf(annotation -> !names.contains(annotation.getCanonicalName()));
    for (Class<? extends java.lang.annotation.Annotation> annotation : annotations) {
      for (Element field : round.getElementsAnnotatedWith(annotation)) {
        Element owner = field.getEnclosingElement();
        if (owner.getAnnotation(Model.class) == null && !recoveredFromSyntaxError(owner) && !inBlock(owner)) {
          reporter.error(ProblemCode.STRAY_ANNOTATION, field, null, null, field.getSimpleName(),
              annotation.getSimpleName(), owner.getSimpleName());
        }
      }
    }
  }
}
