package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.Edges;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.ZeroPadding2DRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inference rewrites of {@link Network#create}, each exact at inference up to float rounding:
 *
 * <ul>
 *   <li>a {@code BatchNormalization} right after a Conv2D, DepthwiseConv2D, SeparableConv2D or Dense
 *       without activation is multiplied into that layer's kernel and bias;
 *   <li>an activation layer right after such a layer becomes its epilogue, and so does one after a
 *       BatchNormalization or element-wise merge that remains;
 *   <li>an {@code Add} of two equal shapes, one of them produced by a Conv2D or Dense without
 *       activation, becomes that layer's epilogue (the other operand is added before the
 *       activation, so a following activation layer fuses too);
 *   <li>a {@code ZeroPadding2D} read only by a Conv2D or DepthwiseConv2D becomes part of that
 *       layer's padding; before a MaxPooling2D only when its input cannot be negative (a ReLU or
 *       ReLU6 produced it) and every window keeps a real cell, because the pooling skips padding.
 * </ul>
 *
 * A layer is only fused into its producer when the producer's output has no other reader and is no
 * model output. A fused layer keeps its node and becomes an alias of the node that now computes its
 * value ({@link FusedKernel}), so both plans keep one step per layer. Element-wise layers that remain
 * run in place where liveness allows ({@link Step#inPlace}, decided by the plans).
 */
final class GraphOptimizer {
  /** Per node (inputs first): the node whose buffer holds its value (itself unless fused away). */
  final int[] alias;
  /** Per node: the node added before the activation (a fused {@code Add}'s other operand), or -1. */
  final int[] residual;
  /** Per node: its own name and those of the layers fused into it, for {@link Network#profile}. */
  final List<List<String>> names = new ArrayList<>();
  /** Per layer (from {@code firstLayer}): the kernel, the fused ones {@link FusedKernel}s. */
  final List<Step> steps = new ArrayList<>();

  private final CheckedModel model;
  private final ModelSpec spec;
  private final Map<String, Integer> index = new HashMap<>();
  /** Per node: layers reading it plus one per model output it is. */
  private final int[] readers;
  private final ActivationFunction[] activation;
  private final Edges[] padding;
  /** Per node: the node its kernel reads (a folded ZeroPadding2D's input), or -1 for its source. */
  private final int[] input;
  private final List<Map<String, float[]>> tensors;

  /**
   * @param tensors per layer (from {@code firstLayer}), its weights, a private copy this may rewrite
   * @param optimize false builds every layer as declared (the debugging switch)
   */
  GraphOptimizer(CheckedModel model, List<Map<String, float[]>> tensors, Gemm gemm, boolean optimize) {
    this.model = model;
    this.spec = model.spec();
    this.tensors = tensors;
    int count = spec.nodeCount();
    alias = new int[count];
    residual = new int[count];
    readers = new int[count];
    activation = new ActivationFunction[count];
    padding = new Edges[count];
    input = new int[count];
    for (int node = 0; node < count; node++) {
      index.put(spec.nodeName(node), node);
      alias[node] = node;
      residual[node] = -1;
      input[node] = -1;
      padding[node] = Fusion.NONE;
      names.add(new ArrayList<>(List.of(spec.nodeName(node))));
    }
    for (int node = spec.firstLayer(); node < count; node++) {
      LayerInfo info = info(node);
      activation[node] = ownActivation(info);
      for (String source : info.sources()) {
        readers[index.get(source)]++;
      }
    }
    for (String out : model.outputNames()) {
      readers[index.get(out)]++;
    }
    if (optimize) {
      for (int node = spec.firstLayer(); node < count; node++) {
        rewrite(node);
      }
    }
    for (int node = spec.firstLayer(); node < count; node++) {
      steps.add(alias[node] != node ? new FusedKernel() : build(node, gemm));
    }
  }

  private LayerInfo info(int node) {
    return model.layer(spec.nodeName(node));
  }

  private LayerKind kind(int node) {
    return node < spec.firstLayer() ? null : info(node).rule().kind();
  }

  private int root(int node) {
    while (alias[node] != node) {
      node = alias[node];
    }
    return node;
  }

  private void rewrite(int node) {
    LayerInfo info = info(node);
    LayerKind kind = info.rule().kind();
    int source = index.get(info.sources().get(0));
    int producer = root(source);
    switch (kind) {
      case BATCH_NORMALIZATION -> {
        if (fusable(producer, true) && residual[producer] < 0) {
          foldBatchNormalization(producer, node, (BatchNormalizationRule) info.rule(), info.output().channels());
          fuse(node, producer);
        }
      }
      case ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX -> {
        if (fusable(producer, true) || takesActivation(producer)) {
          activation[producer] = ((ActivationRule) info.rule()).activation();
          fuse(node, producer);
        }
      }
      case ADD -> fuseAdd(node, info);
      case CONV_2D, DEPTHWISE_CONV_2D -> foldPadding(node, source);
      case MAX_POOLING_2D -> {
        if (kind(source) == LayerKind.ZERO_PADDING_2D && nonNegative(root(index.get(info(source).source())))
            && everyWindowReal(info, (ZeroPadding2DRule) info(source).rule())) {
          foldPadding(node, source);
        }
      }
      default -> { }
    }
  }

  /** A weighted layer whose output only {@code node} reads and that has no activation yet. */
  private boolean fusable(int producer, boolean anyWeighted) {
    LayerKind kind = kind(producer);
    boolean weighted = kind == LayerKind.CONV_2D || kind == LayerKind.DENSE
        || anyWeighted && (kind == LayerKind.DEPTHWISE_CONV_2D || kind == LayerKind.SEPARABLE_CONV_2D);
    return weighted && readers[producer] == 1 && activation[producer].isLinear();
  }

  /** A BatchNormalization or element-wise merge still computed, read only by the activation after it. */
  private boolean takesActivation(int producer) {
    LayerKind kind = kind(producer);
    boolean elementWise = kind == LayerKind.BATCH_NORMALIZATION || kind != null && kind.isMerge()
        && kind != LayerKind.CONCATENATE;
    return elementWise && alias[producer] == producer && readers[producer] == 1 && activation[producer].isLinear();
  }

  /** {@code node}'s value is now {@code producer}'s output; its readers read the producer. */
  private void fuse(int node, int producer) {
    alias[node] = producer;
    readers[producer] = readers[node];
    names.get(producer).addAll(names.get(node));
  }

  private void fuseAdd(int node, LayerInfo info) {
    if (info.sources().size() != 2 || !info.inputs().get(0).equals(info.output())
        || !info.inputs().get(1).equals(info.output())) {
      return;
    }
    int a = index.get(info.sources().get(0));
    int b = index.get(info.sources().get(1));
    int ra = root(a);
    int rb = root(b);
    // the operand computed later takes the Add; the other one then already exists when it runs
    int producer = Math.max(ra, rb);
    int other = producer == ra ? b : a;
    if (ra != rb && fusable(producer, false) && residual[producer] < 0) {
      residual[producer] = other;
      fuse(node, producer);
    }
  }

  private void foldPadding(int node, int source) {
    if (kind(source) != LayerKind.ZERO_PADDING_2D || readers[source] != 1 || alias[source] != source) {
      return;
    }
    int before = index.get(info(source).source());
    padding[node] = ((ZeroPadding2DRule) info(source).rule()).edges();
    input[node] = before;
    alias[source] = before;
    names.get(node).addAll(0, names.get(source));
  }

  /** True when every value {@code node} produces is {@code >= 0} or NaN (ReLU without slope, ReLU6). */
  private boolean nonNegative(int node) {
    ActivationFunction f = node < spec.firstLayer() ? null : kind(node) == LayerKind.ACTIVATION
        || kind(node) == LayerKind.RELU ? ((ActivationRule) info(node).rule()).activation() : activation[node];
    return f != null && (f.function() == Activations.RELU && f.alpha() == 0 || f.function() == Activations.RELU6);
  }

  /** Each pooling window of the padded input overlaps the unpadded one, so skipping padding is exact. */
  private static boolean everyWindowReal(LayerInfo pool, ZeroPadding2DRule pad) {
    Pooling2DRule rule = (Pooling2DRule) pool.rule();
    Edges e = pad.edges();
    TensorShape out = pool.output();
    TensorShape in = pool.input();
    Size2 p = rule.pool();
    Size2 s = rule.stride();
    int height = in.height() - e.top() - e.bottom();
    int width = in.width() - e.left() - e.right();
    int top = Fusion.padding(height, e.top(), e.bottom(), p.height(), s.height(), 1, rule.padding()).before();
    int left = Fusion.padding(width, e.left(), e.right(), p.width(), s.width(), 1, rule.padding()).before();
    return top < p.height() && left < p.width() && (out.height() - 1) * s.height() - top < height
        && (out.width() - 1) * s.width() - left < width;
  }

  /** {@code kernel[..., f] *= scale[f]}, {@code bias[f] = bias[f] * scale[f] + shift[f]}. */
  private void foldBatchNormalization(int producer, int norm, BatchNormalizationRule rule, int channels) {
    Map<String, float[]> weights = tensorsOfNode(producer);
    float[][] folded = BatchNormalizationKernel.fold(rule, channels, tensorsOfNode(norm));
    String kernelName = kind(producer) == LayerKind.SEPARABLE_CONV_2D ? "pointwise_kernel" : "kernel";
    float[] kernel = weights.get(kernelName);
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] *= folded[0][i % channels];
    }
    float[] bias = weights.get("bias");
    float[] fused = new float[channels];
    for (int f = 0; f < channels; f++) {
      fused[f] = (bias == null ? 0f : bias[f]) * folded[0][f] + folded[1][f];
    }
    weights.put("bias", fused);
  }

  private Map<String, float[]> tensorsOfNode(int node) {
    return tensors.get(node - spec.firstLayer());
  }

  private static ActivationFunction ownActivation(LayerInfo info) {
    return switch (info.rule().kind()) {
      case CONV_2D -> ((Conv2DRule) info.rule()).activation();
      case DEPTHWISE_CONV_2D -> ((DepthwiseConv2DRule) info.rule()).activation();
      case SEPARABLE_CONV_2D -> ((SeparableConv2DRule) info.rule()).activation();
      case DENSE -> ((DenseRule) info.rule()).activation();
      default -> ActivationFunction.LINEAR;
    };
  }

  private Step build(int node, Gemm gemm) {
    LayerInfo info = info(node);
    Map<String, float[]> weights = tensorsOfNode(node);
    TensorShape in = input[node] < 0 ? info.input() : info(input[node]).output();
    Fusion fusion = new Fusion(activation[node], padding[node], in, residual[node] >= 0);
    return Kernels.create(info, weights, gemm, fusion);
  }
}
