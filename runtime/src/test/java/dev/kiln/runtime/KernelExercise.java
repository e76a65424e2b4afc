package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The child JVM of {@link C1CompileTest}: runs every kernel path the runtime's kernel tests reach
 * (each parameterized case of the classes below, called directly) and every conformance network, a
 * few rounds each, so that the JIT compiles each kernel method.
 */
final class KernelExercise {
  private KernelExercise() {}

  static final List<Class<?>> KERNEL_TESTS = List.of(GemmTest.class, DepthwiseKernelTest.class,
      PaddedConvTest.class, DenseSplitTest.class, LinesTest.class);

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    for (int round = 0; round < rounds; round++) {
      for (Class<?> test : KERNEL_TESTS) {
        runParameterized(test);
      }
      Random random = new Random(round);
      for (String line : Fixtures.cases()) {
        CheckedModel model = CaseModels.parse(line);
        Network network = Network.create(model, Weights.random(model, 5), 1, Simd.best());
        float[] input = new float[model.inputShape().size()];
        for (int i = 0; i < input.length; i++) {
          input[i] = random.nextFloat() * 2 - 1;
        }
        network.predict(input, new float[model.outputShape().size()], 1);
      }
    }
  }

  /** Every case of every parameterized test of {@code test} (MethodSource or int ValueSource). */
  private static void runParameterized(Class<?> test) throws Exception {
    var constructor = test.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object instance = constructor.newInstance();
    for (Method method : test.getDeclaredMethods()) {
      if (!method.isAnnotationPresent(ParameterizedTest.class)) {
        continue;
      }
      method.setAccessible(true);
      MethodSource source = method.getAnnotation(MethodSource.class);
      ValueSource values = method.getAnnotation(ValueSource.class);
      if (source != null) {
        for (String name : source.value()) {
          Method factory = test.getDeclaredMethod(name.isEmpty() ? method.getName() : name);
          factory.setAccessible(true);
          try (Stream<?> cases = (Stream<?>) factory.invoke(null)) {
            for (Object c : cases.toList()) {
              invoke(instance, method, c instanceof Arguments a ? a.get() : new Object[] {c});
            }
          }
        }
      } else if (values != null) {
        for (int v : values.ints()) {
          invoke(instance, method, new Object[] {v});
        }
      }
    }
  }

  private static void invoke(Object instance, Method method, Object[] arguments) throws Exception {
    try {
      method.invoke(instance, arguments);
    } catch (java.lang.reflect.InvocationTargetException e) {
      // an assumption that does not hold here (e.g. no Vector API) skips the case, as JUnit would
      if (!(e.getCause() instanceof org.opentest4j.TestAbortedException)) {
        throw e;
      }
    }
  }
}
