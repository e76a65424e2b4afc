package dev.kiln.importer.onnx;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.ModelSourceWriter;
import dev.kiln.processor.KilnProcessor;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * An imported model compiled by javac with Kiln's processor (-Xlint:all -Werror, as the shared
 * writer's own test) and its generated {@code Kiln<Model>} class loaded, for the tests to run.
 */
final class Compiled {
  final String source;
  final Class<?> kiln;

  private Compiled(String source, Class<?> kiln) {
    this.source = source;
    this.kiln = kiln;
  }

  static Compiled of(ImportedModel model) {
    String source = ModelSourceWriter.write(model);
    String name = (model.packageName().isEmpty() ? "" : model.packageName() + ".") + model.className();
    Compilation compilation = Compiler.javac()
        .withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(JavaFileObjects.forSourceString(name, source));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binary = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - 6)
            .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(binary, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader = new ClassLoader(Compiled.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String className) throws ClassNotFoundException {
        byte[] bytes = classes.get(className);
        if (bytes == null) {
          throw new ClassNotFoundException(className);
        }
        return defineClass(className, bytes, 0, bytes.length);
      }
    };
    String kilnName = (model.packageName().isEmpty() ? "" : model.packageName() + ".") + "Kiln" + model.className();
    try {
      return new Compiled(source, loader.loadClass(kilnName));
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no generated " + kilnName + " among " + classes.keySet(), e);
    }
  }

  CheckedModel model() {
    return (CheckedModel) call("model", new Class<?>[0]);
  }

  /** {@code Kiln<Model>.withWeights(weights).predict(inputs, batch)}. */
  float[] predict(Weights weights, float[] inputs, int batch) {
    Object instance = call("withWeights", new Class<?>[] {Weights.class}, weights);
    try {
      return (float[]) kiln.getMethod("predict", float[].class, int.class).invoke(instance, inputs, batch);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private Object call(String method, Class<?>[] types, Object... args) {
    try {
      return kiln.getMethod(method, types).invoke(null, args);
    } catch (ReflectiveOperationException e) {
      assertWithMessage("calling " + method).fail();
      throw new AssertionError(e);
    }
  }
}
