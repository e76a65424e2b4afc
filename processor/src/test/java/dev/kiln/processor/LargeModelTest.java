package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid models of any size generate a class that compiles under {@code -Xlint:all -Werror}, past
 * the class-file limits a naive class hits (a 65,535-byte string constant, a 64 KB method), and
 * that, loaded, gives back the summary and the model the compiler computed.
 */
class LargeModelTest {

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("Chain600", LargeModels.chain("Chain600", 600)),
        Arguments.of("Chain5000", LargeModels.chain("Chain5000", 5000)),
        Arguments.of("Wide200", LargeModels.wideConcat("Wide200", 200)),
        Arguments.of("InceptionLike", LargeModels.inceptionLike("InceptionLike", 11)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void compilesStrictlyAndRebuildsTheSameModel(String name, JavaFileObject source) throws Exception {
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror").compile(source);
    assertThat(compilation).succeededWithoutWarnings();

    Class<?> generated = new GeneratedClasses(compilation).loadClass("test.Kiln" + name);
    ModelSpec spec = (ModelSpec) generated.getMethod("spec").invoke(null);
    CheckedModel model = (CheckedModel) generated.getMethod("model").invoke(null);
    String summary = (String) generated.getMethod("summary").invoke(null);
    assertThat(model.hasErrors()).isFalse();
    assertThat(model.layers()).hasSize(spec.nodeCount());
    assertThat(summary).isEqualTo(Summary.render(ShapeChecker.check(spec)));
    assertThat(summary).contains("Model: \"" + name + "\"");
  }

  /** Loads the classes a compilation wrote, the test's own classes (the runtime) as parent. */
  private static final class GeneratedClasses extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    GeneratedClasses(Compilation compilation) {
      super(LargeModelTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String binary = path.substring(path.indexOf("/test/") + 1, path.length() - ".class".length());
          classes.put(binary.replace('/', '.'), file);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
