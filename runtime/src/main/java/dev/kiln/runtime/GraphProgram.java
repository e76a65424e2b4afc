package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph model (several inputs or outputs, skip connections, merges) one example at a time.
 * Planned once: every node's output gets a lane buffer ("slot") that is reused as soon as the last
 * layer reading it has run, identity layers alias their input, and model inputs are read in place.
 * One example's inputs are packed one after another in declaration order, and so are its outputs.
 */
final class GraphProgram {
  /** Per node (inputs first): its kernel, or {@code null} for an input; identity kernels are aliased. */
  private final Step[] steps;
  /** Per node: the nodes it reads. */
  private final int[][] sources;
  /**
   * Per node: the node whose buffer holds its values (itself, what an identity layer aliases, or the
   * node a fused layer's computation moved into).
   */
  private final int[] root;
  /** Per node: the node its kernel adds before the activation (a fused Add's operand), or -1. */
  private final int[] residual;
  /** Per node: its lane slot, or -1 for a model input (read from the caller's array). */
  private final int[] slot;
  /** Per slot: floats it must hold. */
  final int[] slotFloats;
  /** Per model input: offset within one packed example. */
  private final int[] inputOffsets;
  /** The output nodes and their offsets within one packed example. */
  private final int[] outputs;
  private final int[] outputOffsets;
  private final int[] outputSizes;
  final int inputSize;
  final int outputSize;
  final int mergeArity;
  private final boolean splitMerges = Plan.evenSplits();

  GraphProgram(GraphOptimizer optimized, CheckedModel model) {
    List<Step> layerSteps = optimized.steps;
    residual = optimized.residual;
    ModelSpec spec = model.spec();
    int count = spec.nodeCount();
    int first = spec.firstLayer();
    Map<String, Integer> index = new HashMap<>();
    for (int node = 0; node < count; node++) {
      index.put(spec.nodeName(node), node);
    }
    steps = new Step[count];
    sources = new int[count][];
    root = new int[count];
    inputOffsets = new int[first];
    int packed = 0;
    int arity = 0;
    for (int node = 0; node < count; node++) {
      LayerInfo info = model.layer(spec.nodeName(node));
      root[node] = node;
      sources[node] = new int[info.sources().size()];
      for (int s = 0; s < sources[node].length; s++) {
        sources[node][s] = index.get(info.sources().get(s));
      }
      if (node < first) {
        inputOffsets[node] = packed;
        packed += info.output().size();
        continue;
      }
      Step step = layerSteps.get(node - first);
      steps[node] = step;
      if (optimized.alias[node] != node) {
        root[node] = root[optimized.alias[node]];
      } else if (step.isIdentity()) {
        root[node] = root[sources[node][0]];
      }
      if (step instanceof MergeKernel merge) {
        arity = Math.max(arity, merge.arity());
      }
    }
    inputSize = packed;
    mergeArity = arity;
    List<String> names = model.outputNames();
    outputs = new int[names.size()];
    outputOffsets = new int[names.size()];
    outputSizes = new int[names.size()];
    int outPacked = 0;
    for (int k = 0; k < outputs.length; k++) {
      outputs[k] = index.get(names.get(k));
      outputOffsets[k] = outPacked;
      outputSizes[k] = model.layer(names.get(k)).output().size();
      outPacked += outputSizes[k];
    }
    outputSize = outPacked;
    slot = new int[count];
    slotFloats = assignSlots(model, count, first);
  }

  /** Greedy reuse: a slot is free once every reader of the node it holds has run. */
  private int[] assignSlots(CheckedModel model, int count, int first) {
    int[] lastUse = new int[count];
    for (int node = 0; node < count; node++) {
      lastUse[node] = node;
    }
    for (int node = first; node < count; node++) {
      for (int s : sources[node]) {
        lastUse[root[s]] = Math.max(lastUse[root[s]], node);
      }
      if (residual[node] >= 0) {
        lastUse[root[residual[node]]] = Math.max(lastUse[root[residual[node]]], node);
      }
      lastUse[root[node]] = Math.max(lastUse[root[node]], node);
    }
    for (int out : outputs) {
      lastUse[root[out]] = Integer.MAX_VALUE;
    }
    List<Integer> sizes = new ArrayList<>();
    List<Integer> holder = new ArrayList<>();
    for (int node = 0; node < count; node++) {
      if (node < first) {
        slot[node] = -1;
        continue;
      }
      if (root[node] != node) {
        slot[node] = slot[root[node]];
        continue;
      }
      int size = model.layer(model.spec().nodeName(node)).output().size();
      int chosen = inPlaceSlot(model, node, first, size, lastUse);
      for (int s = 0; s < holder.size() && chosen < 0; s++) {
        if (lastUse[holder.get(s)] < node) {
          chosen = s;
        }
      }
      if (chosen < 0) {
        chosen = holder.size();
        holder.add(node);
        sizes.add(size);
      } else {
        holder.set(chosen, node);
        sizes.set(chosen, Math.max(sizes.get(chosen), size));
      }
      slot[node] = chosen;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The slot of an input this element-wise node may overwrite: one of the same size that no later
   * node reads (and no model output or input holds), or -1.
   */
  private int inPlaceSlot(CheckedModel model, int node, int first, int size, int[] lastUse) {
    if (!steps[node].inPlace()) {
      return -1;
    }
    for (int s : sources[node]) {
      int r = root[s];
      if (r >= first && lastUse[r] == node && model.layer(model.spec().nodeName(r)).output().size() == size) {
        return slot[r];
      }
    }
    return -1;
  }

  /**
   * Runs one packed example; {@code team} splits large layers over lanes (batch 1). With
   * {@code lane.timings}, adds each computed node's nanoseconds in node order.
   */
  void run(float[] input, int inOff, float[] output, int outOff, Lane lane, Workspace team) {
    int computed = 0;
    for (int node = inputOffsets.length; node < steps.length; node++) {
      Step step = steps[node];
      if (step.isIdentity()) {
        continue;
      }
      long start = lane.timings == null ? 0 : Lane.clock();
      boolean split = runNode(node, step, input, inOff, lane, team);
      if (lane.timings != null) {
        lane.time(computed, start, split ? team.busy() : null);
      }
      computed++;
    }
    for (int k = 0; k < outputs.length; k++) {
      System.arraycopy(array(outputs[k], input, lane), offset(outputs[k], inOff), output, outOff + outputOffsets[k],
          outputSizes[k]);
    }
  }

  /** Runs one node; true when its items were split over the team's lanes. */
  private boolean runNode(int node, Step step, float[] input, int inOff, Lane lane, Workspace team) {
    float[] dst = lane.activation(slot[node], slotFloats[slot[node]]);
    if (step instanceof MergeKernel merge) {
      for (int s = 0; s < sources[node].length; s++) {
        lane.mergeInputs[s] = array(sources[node][s], input, lane);
        lane.mergeOffsets[s] = offset(sources[node][s], inOff);
      }
      if (splitMerges && splits(team, step)) {
        team.split(merge, dst, 0, lane.mergeInputs, lane.mergeOffsets);
        return true;
      }
      merge.merge(dst, 0, lane.mergeInputs, lane.mergeOffsets);
      return false;
    }
    float[] src = array(sources[node][0], input, lane);
    int srcOff = offset(sources[node][0], inOff);
    int r = residual[node];
    float[] res = r < 0 ? null : array(r, input, lane);
    int resOff = r < 0 ? 0 : offset(r, inOff);
    step.prepare(src, srcOff, lane.shared);
    if (splits(team, step)) {
      team.split(step, dst, 0, src, srcOff, res, resOff, lane.shared);
      return true;
    }
    if (res != null) {
      step.runWithResidual(dst, 0, src, srcOff, res, resOff, lane.shared, lane.local, 0, step.items());
    } else {
      step.run(dst, 0, src, srcOff, lane.shared, lane.local, 0, step.items());
    }
    return false;
  }

  private static boolean splits(Workspace team, Step step) {
    return team != null && step.items() > 1 && step.cost() >= Plan.SPLIT_MACS;
  }

  private float[] array(int node, float[] input, Lane lane) {
    int r = root[node];
    return r < inputOffsets.length ? input : lane.activation(slot[r], slotFloats[slot[r]]);
  }

  private int offset(int node, int inOff) {
    int r = root[node];
    return r < inputOffsets.length ? inOff + inputOffsets[r] : 0;
  }
}
