package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Same;
import dev.kiln.shape.ShapeChecker;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated {@code spec()} gives back exactly the spec the processor read from the annotations
 * (annotation, rule, description, rule): for the model with every kind, for large models, and for
 * the fuzz generator's valid models. The generated class is compiled, loaded and called.
 */
class GeneratedSpecTest {

  /** Compiles {@code source}, and returns the spec the processor checked and the generated class's. */
  private static ModelSpec[] processorAndGenerated(JavaFileObject source, String modelName) throws Exception {
    Map<String, ModelSpec> read = new LinkedHashMap<>();
    Compilation compilation = Compiler.javac()
        .withProcessors(new KilnProcessor(spec -> {
          read.putIfAbsent(spec.name(), spec);
          return ShapeChecker.check(spec);
        }))
        .compile(source);
    assertThat(compilation).succeeded();
    ClassLoader loader = new GeneratedClasses(compilation);
    Class<?> generated = loader.loadClass("test.Kiln" + modelName);
    ModelSpec fromClass = (ModelSpec) generated.getMethod("spec").invoke(null);
    return new ModelSpec[] {read.get(modelName), fromClass};
  }

  private static void assertSameSpec(JavaFileObject source, String modelName) throws Exception {
    ModelSpec[] specs = processorAndGenerated(source, modelName);
    assertThat(specs[0]).isNotNull();
    assertThat(Same.difference(specs[0], specs[1])).isNull();
  }

  @Test
  void everyKind() throws Exception {
    assertSameSpec(CatalogTest.everything(), "Everything");
  }

  @Test
  void largeModels() throws Exception {
    assertSameSpec(LargeModels.inceptionLike("Inception", 3), "Inception");
    assertSameSpec(LargeModels.chain("Chain", 700), "Chain");
  }

  static Stream<Arguments> fuzzModels() {
    List<Arguments> valid = new ArrayList<>();
    for (int index = 0; valid.size() < 30 && index < 2_000; index++) {
      FuzzModels.Case c = FuzzModels.generate(20261201, index);
      if (c.expect() == FuzzModels.Expect.VALID && c.layers() <= 300) {
        valid.add(Arguments.of(c.className(), c));
      }
    }
    return valid.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fuzzModels")
  void fuzzGeneratorsValidModels(String name, FuzzModels.Case c) throws Exception {
    String modelName = c.className();
    assertSameSpec(com.google.testing.compile.JavaFileObjects.forSourceString("test." + modelName, c.source()),
        modelName);
  }

  /** Loads the classes a compilation wrote, the rest from the test's class path. */
  private static final class GeneratedClasses extends ClassLoader {
    private final Compilation compilation;

    GeneratedClasses(Compilation compilation) {
      super(GeneratedSpecTest.class.getClassLoader());
      this.compilation = compilation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String path = "/" + name.replace('.', '/') + ".class";
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith(path)) {
          try (InputStream in = file.openInputStream()) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
      }
      throw new ClassNotFoundException(name);
    }
  }
}
