package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.shape.CheckedModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Workspace#split}'s chunks, guided (the default) and fixed ({@code -Dkiln.split.even=false}): however the
 * lanes race for them, every item of a step runs
 * exactly once, in ranges inside {@code [0, items)}, from one item up to thousands, many times over
 * (each split a fresh race).
 */
class SplitChunksTest {

  /** Counts how often each item ran; fails on a range outside the items. */
  static final class Counting implements Step {
    final AtomicIntegerArray runs;

    Counting(int items) {
      runs = new AtomicIntegerArray(items);
    }

    @Override
    public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from,
        int to) {
      if (from < 0 || to > runs.length() || from >= to) {
        throw new IllegalStateException("range [" + from + ", " + to + ") of " + runs.length() + " items");
      }
      for (int i = from; i < to; i++) {
        runs.incrementAndGet(i);
      }
    }

    @Override
    public int items() {
      return runs.length();
    }
  }

  @ParameterizedTest(name = "{0} items")
  @ValueSource(ints = {1, 2, 3, 5, 6, 17, 49, 64, 1000, 3602})
  void everyItemRunsOnce(int items) {
    CheckedModel model = CaseModels.parse("one | 4,4,2 | act fn=relu");
    Plan plan = new Plan(new GraphOptimizer(model, List.of(Map.of()), Simd.scalar(), true), model);
    Workspace guided = new Workspace(plan, 2);
    System.setProperty("kiln.split.even", "false");
    Workspace fixed;
    try {
      fixed = new Workspace(plan, 2);
    } finally {
      System.clearProperty("kiln.split.even");
    }
    for (Workspace workspace : new Workspace[] {fixed, guided}) {
      races(workspace, items);
    }
  }

  private static void races(Workspace workspace, int items) {
    for (int round = 0; round < 200; round++) {
      Counting step = new Counting(items);
      workspace.split(step, new float[1], 0, new float[1], 0, null, 0, new float[0]);
      for (int i = 0; i < items; i++) {
        assertEquals(1, step.runs.get(i), "round " + round + ": runs of item " + i);
      }
    }
  }
}
