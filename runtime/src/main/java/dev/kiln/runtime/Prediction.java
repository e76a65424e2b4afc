package dev.kiln.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One class of a vector output, as the generated {@code Output.topK(k)} returns them: its index,
 * its label when the model declares labels ({@code @Labels} on the output field), and its score
 * (a probability when the model ends in softmax).
 *
 * @param label the declared label, or {@code null} when the model declares none
 */
public record Prediction(int index, String label, float score) {

  /**
   * The {@code k} largest scores, largest first; equal scores in index order. NaN scores rank last.
   *
   * @param scores one example's output vector
   * @param labels one label per score, or {@code null}
   * @throws IllegalArgumentException if {@code k} is not in [1, scores.length] or the label count differs
   */
  public static List<Prediction> topK(float[] scores, int k, List<String> labels) {
    Objects.requireNonNull(scores, "scores");
    if (k < 1 || k > scores.length) {
      throw new IllegalArgumentException("k must be in [1, " + scores.length + "] for " + scores.length
          + " classes; received " + k);
    }
    if (labels != null && labels.size() != scores.length) {
      throw new IllegalArgumentException(labels.size() + " labels for " + scores.length + " classes");
    }
    // A partial selection: k passes over the scores, k is small (a handful of classes).
    int[] chosen = new int[k];
    boolean[] taken = new boolean[scores.length];
    for (int rank = 0; rank < k; rank++) {
      int best = -1;
      for (int i = 0; i < scores.length; i++) {
        if (!taken[i] && (best < 0 || ranksAbove(scores[i], scores[best]))) {
          best = i;
        }
      }
      taken[best] = true;
      chosen[rank] = best;
    }
    List<Prediction> top = new ArrayList<>(k);
    for (int index : chosen) {
      top.add(new Prediction(index, labels == null ? null : labels.get(index), scores[index]));
    }
    return List.copyOf(top);
  }

  /** Strictly above: a larger number, or any number against NaN; ties keep the earlier index. */
  private static boolean ranksAbove(float candidate, float best) {
    return Float.isNaN(best) ? !Float.isNaN(candidate) : candidate > best;
  }

  @Override
  public String toString() {
    return (label == null ? "class " + index : label + " (" + index + ")") + ": " + score;
  }
}
