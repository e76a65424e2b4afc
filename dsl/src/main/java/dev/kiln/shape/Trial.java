package dev.kiln.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One candidate edit of a checked model, evaluated incrementally for the fix search: only the
 * layers downstream of the edit are re-run, and only while their shapes differ from the checked
 * model's, so a candidate costs the layers it changes, not the model's size. Every evaluation is
 * paid from the model's {@link Budget}.
 *
 * <p>The semantics are those of editing the declaration and re-checking the model up to the
 * layer being explained: a removed field's implicit readers read the field declared before it (a
 * reader that names it is broken), an inserted field sits just before the explained layer, and a
 * candidate is valid when every layer it re-runs is.
 */
final class Trial {
  private final ModelSpec spec;
  private final Wiring wiring;
  /** The checked model's node outputs; {@code null} where a node has none. */
  private final LayerInfo[] base;
  private final Budget budget;
  /** For each node, the highest node that reads it (by source or sameShapeAs); -1 for none. */
  private final int[] lastReader;
  /** For each node, whether some layer names it in {@code from} or {@code sameShapeAs}. */
  private final boolean[] named;

  /** The candidate's shapes, valid where {@code stamp[node] == version}. */
  private final TensorShape[] shapes;
  private final int[] stamp;
  private int version;

  private final Map<Integer, LayerRule> replaced = new HashMap<>();
  private final List<Integer> removed = new ArrayList<>();
  private int[] input;
  private LayerRule inserted;
  private ProblemCode forbidden;

  Trial(ModelSpec spec, Wiring wiring, LayerInfo[] base, Budget budget) {
    this.spec = spec;
    this.wiring = wiring;
    this.base = base;
    this.budget = budget;
    int count = spec.nodeCount();
    lastReader = new int[count];
    named = new boolean[count];
    Arrays.fill(lastReader, -1);
    for (int node = spec.firstLayer(); node < count; node++) {
      for (int s : wiring.sources(node)) {
        if (s >= 0) {
          lastReader[s] = node;
        }
      }
      int t = wiring.target(node);
      if (t >= 0) {
        lastReader[t] = node;
        named[t] = true;
      }
      if (!spec.layer(node).from().isEmpty()) {
        for (int s : wiring.sources(node)) {
          if (s >= 0) {
            named[s] = true;
          }
        }
      }
    }
    shapes = new TensorShape[count];
    stamp = new int[count];
  }

  Budget budget() {
    return budget;
  }

  /** Starts a new candidate: the checked model unchanged. */
  Trial reset() {
    version++;
    replaced.clear();
    removed.clear();
    input = null;
    inserted = null;
    forbidden = null;
    return this;
  }

  Trial replace(int node, LayerRule rule) {
    replaced.put(node, rule);
    return this;
  }

  Trial remove(int node) {
    removed.add(node);
    return this;
  }

  /** The first input's shape, as written (validated here). */
  Trial input(int[] dims) {
    input = dims.clone();
    return this;
  }

  /** A layer inserted just before the explained layer, which then reads it if it reads implicitly. */
  Trial insertBefore(LayerRule rule) {
    inserted = rule;
    return this;
  }

  /** A problem, warnings included, that the explained layer must not have. */
  Trial forbid(ProblemCode code) {
    forbidden = code;
    return this;
  }

  /** The output of {@code target} under the candidate, or {@code null} if it is invalid or the budget is gone. */
  TensorShape run(int target) {
    int start = target;
    int frontier = -1;
    if (input != null) {
      TensorShape in = inputShape(input);
      if (in == null) {
        return null;
      }
      start = 0;
      frontier = changed(0, in, frontier);
    }
    for (int node : replaced.keySet()) {
      start = Math.min(start, node);
    }
    for (int node : removed) {
      start = Math.min(start, node);
    }
    for (int node = Math.max(start, spec.firstLayer()); node <= target; node++) {
      boolean edited = replaced.containsKey(node) || removed.contains(node) || node == target && inserted != null;
      if (!edited && node > frontier) {
        node = nextEdit(node, target) - 1;
        continue;
      }
      if (!budget.spend()) {
        return null;
      }
      TensorShape out;
      if (removed.contains(node)) {
        if (named[node]) {
          return null;
        }
        out = current(node - 1);
      } else {
        out = evaluate(node, node == target);
      }
      if (out == null) {
        return null;
      }
      frontier = changed(node, out, frontier);
    }
    return current(target);
  }

  /** The first edited node after {@code node}, or {@code target + 1}. */
  private int nextEdit(int node, int target) {
    int next = target + 1;
    for (int n : replaced.keySet()) {
      if (n > node && n < next) {
        next = n;
      }
    }
    for (int n : removed) {
      if (n > node && n < next) {
        next = n;
      }
    }
    return inserted != null && target > node ? Math.min(next, target) : next;
  }

  private TensorShape evaluate(int node, boolean isTarget) {
    LayerRule rule = replaced.getOrDefault(node, spec.layer(node).rule());
    int[] sources = wiring.sources(node);
    List<LayerInput> inputs = new ArrayList<>(sources.length);
    Problems found = Problems.quiet(node);
    if (isTarget && inserted != null && spec.layer(node).from().isEmpty()) {
      TensorShape before = current(node - 1);
      if (before == null) {
        return null;
      }
      ShapeChecker.Applied padded = ShapeChecker.applyRule(inserted, List.of(new LayerInput(before, "")), null, null,
          found, i -> new String[] {"", ""});
      if (padded == null || found.hasErrors()) {
        return null;
      }
      inputs.add(new LayerInput(padded.output(), ""));
    } else {
      for (int s : sources) {
        TensorShape shape = s < 0 ? null : current(s);
        if (shape == null) {
          return null;
        }
        inputs.add(new LayerInput(shape, "", spec.nodeName(s)));
      }
    }
    int t = wiring.target(node);
    TensorShape target = t < 0 ? null : current(t);
    if (t >= 0 && target == null) {
      return null;
    }
    ShapeChecker.Applied applied = ShapeChecker.applyRule(rule, inputs, target, t < 0 ? null : spec.nodeName(t),
        found, i -> new String[] {"", ""});
    if (applied == null || found.hasErrors() || isTarget && forbidden != null && found.has(forbidden)) {
      return null;
    }
    return applied.output();
  }

  /** Records a node's candidate shape; returns the new frontier of nodes that must be re-run. */
  private int changed(int node, TensorShape out, int frontier) {
    TensorShape was = base[node] == null ? null : base[node].output();
    if (out.equals(was)) {
      return frontier;
    }
    shapes[node] = out;
    stamp[node] = version;
    return Math.max(frontier, lastReader[node]);
  }

  private TensorShape current(int node) {
    if (node < 0) {
      return null;
    }
    if (stamp[node] == version) {
      return shapes[node];
    }
    return base[node] == null ? null : base[node].output();
  }

  /** The input shape, or {@code null} when it has a dimension below 1 or more elements than an array holds. */
  private static TensorShape inputShape(int[] dims) {
    long size = 1;
    for (int d : dims) {
      if (d < 1) {
        return null;
      }
      size = Counts.multiply(size, d);
    }
    return dims.length == 0 || size > Integer.MAX_VALUE ? null : TensorShape.of(dims);
  }
}
