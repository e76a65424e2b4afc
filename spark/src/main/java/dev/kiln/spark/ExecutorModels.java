package dev.kiln.spark;

import dev.kiln.runtime.Network;
import dev.kiln.shape.CheckedModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One network per model and weights per executor JVM, built the first time a task needs it and then
 * shared by all the executor's tasks ({@link Network} is safe to call from several threads). Each
 * network runs a call on the task's own thread: Spark already runs one task per core.
 */
final class ExecutorModels {
  private static final Map<String, Loaded> NETWORKS = new ConcurrentHashMap<>();
  /** How many networks this JVM has built: the test checks weights are read once per executor. */
  private static final AtomicInteger LOADS = new AtomicInteger();

  private ExecutorModels() {}

  /** A network and the checked model it runs. */
  record Loaded(CheckedModel model, Network network) {}

  static Loaded get(String modelClass, WeightSource weights) {
    return NETWORKS.computeIfAbsent(modelClass + "|" + weights.key(), key -> {
      CheckedModel model = checkedModel(modelClass);
      LOADS.incrementAndGet();
      return new Loaded(model, Network.create(model, weights.read(model), 1));
    });
  }

  static int loads() {
    return LOADS.get();
  }

  /** The generated class's {@code model()}: the checked model the compiler built. */
  static CheckedModel checkedModel(String modelClass) {
    try {
      Class<?> type = Class.forName(modelClass, true, Thread.currentThread().getContextClassLoader());
      Method model = type.getMethod("model");
      return (CheckedModel) model.invoke(null);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no class " + modelClass + " on the executor's class path: "
          + "ship the jar of the application that declares the model", e);
    } catch (NoSuchMethodException | ClassCastException e) {
      throw new IllegalArgumentException(modelClass + " is not a class Kiln generated (no static CheckedModel model())",
          e);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("could not build " + modelClass + ".model()", e);
    }
  }
}
