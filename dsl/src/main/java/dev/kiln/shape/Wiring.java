package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves what each layer reads ({@code from}, or the field declared just before it) and whose
 * shape it must match ({@code sameShapeAs}). A name must be a field declared earlier, so every model
 * is acyclic by construction; a wrong name is an error on the attribute, with a "did you mean".
 */
final class Wiring {
  private final int[][] sources;
  private final int[] targets;
  private final boolean[] ok;

  private Wiring(int count) {
    sources = new int[count][];
    targets = new int[count];
    ok = new boolean[count];
  }

  static Wiring resolve(ModelSpec spec, Map<String, Integer> nodes, List<Problem> problems) {
    Wiring wiring = new Wiring(spec.nodeCount());
    for (int node = spec.firstLayer(); node < spec.nodeCount(); node++) {
      ModelSpec.LayerSpec layer = spec.layer(node);
      Problems found = new Problems(node, ShapeChecker.label(spec, node));
      List<String> from = layer.from();
      int[] resolved = new int[from.isEmpty() ? 1 : from.size()];
      if (from.isEmpty()) {
        resolved[0] = node - 1;
      }
      for (int j = 0; j < from.size(); j++) {
        resolved[j] = find(spec, nodes, node, from.get(j), "from", from.size() > 1 ? j : -1, found);
      }
      if (from.size() > 1 && !layer.rule().kind().isMerge()) {
        found.report(ProblemCode.ONE_INPUT, "from", 1, from.size(), "`" + String.join("`, `", from) + "`");
      }
      wiring.sources[node] = resolved;
      wiring.targets[node] = layer.sameShapeAs().isEmpty() ? -1
          : find(spec, nodes, node, layer.sameShapeAs(), "sameShapeAs", -1, found);
      wiring.ok[node] = !found.hasErrors();
      problems.addAll(found.list());
    }
    return wiring;
  }

  private static int find(ModelSpec spec, Map<String, Integer> nodes, int node, String name, String attribute,
      int index, Problems found) {
    Integer target = nodes.get(name);
    if (target == null) {
      String nearest = suggestion(spec, name);
      if (nearest == null) {
        found.report(ProblemCode.UNKNOWN_NAME, attribute, index, name);
      } else {
        found.report(ProblemCode.UNKNOWN_NAME_NEAR, attribute, index, name, nearest);
      }
      return -1;
    }
    if (target >= node) {
      found.report(target == node ? ProblemCode.SELF_REFERENCE : ProblemCode.FORWARD_REFERENCE, attribute, index,
          name);
      return -1;
    }
    return target;
  }

  /** The closest earlier-or-later field name, if close enough for "did you mean", else {@code null}. */
  private static String suggestion(ModelSpec spec, String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int most = Math.max(1, name.length() / 3);
    for (int node = 0; node < spec.nodeCount(); node++) {
      String candidate = spec.nodeName(node);
      if (Math.abs(candidate.length() - name.length()) > most) {
        continue; // the distance is at least the difference in length
      }
      int distance = distance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= most ? best : null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  boolean ok(int node) {
    return ok[node];
  }

  /** False for inputs, which read nothing. */
  boolean hasSources(int node) {
    return sources[node] != null;
  }

  int[] sources(int node) {
    return sources[node];
  }

  /** The node whose shape a layer must match, or -1. */
  int target(int node) {
    return targets[node];
  }

  /** A warning for each field that nothing reads and that is not an output. */
  List<Problem> unused(ModelSpec spec) {
    boolean[] read = new boolean[spec.nodeCount()];
    for (int node = spec.firstLayer(); node < spec.nodeCount(); node++) {
      for (int s : sources[node]) {
        if (s >= 0) {
          read[s] = true;
        }
      }
      if (targets[node] >= 0) {
        read[targets[node]] = true;
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (int node = 0; node < spec.nodeCount(); node++) {
      String name = spec.nodeName(node);
      boolean output = spec.outputs().isEmpty() ? node == spec.nodeCount() - 1 : spec.outputs().contains(name);
      if (!read[node] && !output) {
        problems.add(Problem.of(ProblemCode.UNUSED, node, null, -1, name));
      }
    }
    return problems;
  }
}
