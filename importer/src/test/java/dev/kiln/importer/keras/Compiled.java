package dev.kiln.importer.keras;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.kiln.processor.KilnProcessor;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * An imported source compiled as a user compiles it: javac with the Kiln processor, no warnings
 * allowed; then the generated {@code Kiln<Model>} class loaded from the compiler's output, and the
 * model rebuilt from its {@code spec()}, exactly what the generated class runs.
 */
final class Compiled {
  private Compiled() {}

  static Compilation compile(String qualifiedName, String source) {
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(JavaFileObjects.forSourceString(qualifiedName, source));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  /** The model the generated class {@code generated} (binary name) declares, checked. */
  static CheckedModel model(Compilation compilation, String generated) throws ReflectiveOperationException {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name = file.toUri().getPath().replaceFirst("^.*?/CLASS_OUTPUT/", "").replace(".class", "")
            .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader = new ClassLoader(Compiled.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name + " (generated: " + classes.keySet() + ")");
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    ModelSpec spec = (ModelSpec) loader.loadClass(generated).getMethod("spec").invoke(null);
    return ShapeChecker.check(spec);
  }
}
