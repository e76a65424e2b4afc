package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.shape.CheckedModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Workspace#split}'s chunks, affine (the default: home ranges, then stealing), guided
 * ({@code -Dkiln.split.affine=false}) and fixed ({@code -Dkiln.split.even=false}), on 2 and 3 lanes (on
 * this machine's 2 processors a third lane's helper is never there, so the others steal all of its
 * range): however the lanes race for them, every item of a step runs
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
    for (int lanes : new int[] {2, 3}) {
      for (String[] setting : new String[][] {{}, {"kiln.split.affine", "false"}, {"kiln.split.even", "false"}}) {
        if (setting.length > 0) {
          System.setProperty(setting[0], setting[1]);
        }
        Workspace workspace;
        try {
          workspace = new Workspace(plan, lanes);
        } finally {
          if (setting.length > 0) {
            System.clearProperty(setting[0]);
          }
        }
        races(workspace, items);
      }
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
