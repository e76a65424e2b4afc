package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.WeightSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rewrite of {@link GraphOptimizer}: the optimized network against the same network with the
 * optimizer off (whose layers {@code ReferenceFixtureTest} checks against PyTorch and TF.js, with the
 * optimizer on and off), on both GEMM paths, batch 3 on 2 threads and each example alone (so large
 * layers are split over the lanes, residual included). Every case also pins which layers ended up in
 * one step, so a rewrite that silently stops applying fails here. Weights are random, including the
 * BatchNormalization statistics (fixed seeds). Tolerance as the reference tests: {@code 1e-5 *
 * max(1, max|expected|) + 1e-4 * |expected|} (folded weights round differently).
 *
 * <p>Case syntax: {@code name | input | layer; layer; ...} with {@code CaseModels}' vocabulary, each
 * layer optionally {@code name:} first and {@code from=a,b} among its attributes (a graph model), and
 * the merges {@code add}, {@code concat} (last axis) and {@code maximum}; then {@code | steps} listing
 * the computed steps, fused layers joined by {@code +}.
 */
class GraphOptimizerTest {
  static final int BATCH = 3;

  static Stream<Arguments> cases() {
    List<String> lines = List.of(
        // BatchNormalization and ReLU(max 6) into a conv without bias
        "conv_bn_relu6 | 9,9,3 | c:conv2d filters=8 kernel=3 padding=same bias=false; b:bn; r:relu max=6"
            + " | c+b+r",
        // BN without scale or center, Activation relu (the GEMM's own ReLU), stride-2 SAME conv
        "conv_bn_nocenter_relu | 10,9,4 | c:conv2d filters=6 kernel=3 strides=2 padding=same; b:bn center=false"
            + " scale=false epsilon=0.01; r:act fn=relu | c+b+r",
        // ZeroPadding2D (asymmetric, as correct_pad) into a stride-2 depthwise, then BN and ReLU6
        "pad_depthwise_bn_relu6 | 12,12,5 | p:zeropad padding=0,1,0,1; d:depthwise kernel=3 strides=2; b:bn;"
            + " r:act fn=relu6 | p+d+b+r",
        "depthwise_mult_bn_leaky | 8,7,3 | d:depthwise kernel=3 multiplier=2 padding=same; b:bn; r:leakyrelu"
            + " slope=0.2 | d+b+r",
        "separable_bn_elu | 9,9,3 | s:separable filters=7 kernel=3 padding=same; b:bn; e:elu alpha=0.7 | s+b+e",
        "dense_bn_softmax | 5,5,2 | f:flatten; d:dense units=9 bias=false; b:bn; s:softmax | d+b+s",
        "relu_params | 6,6,3 | c:conv2d filters=4 kernel=1; r:relu max=2 slope=0.1 threshold=0.5 | c+r",
        // ResNet's stem: ZeroPadding2D(3) + 7x7/2 VALID, BN, ReLU, ZeroPadding2D(1) + MaxPool 3x3/2
        "resnet_stem | 20,20,3 | p:zeropad padding=3; c:conv2d filters=8 kernel=7 strides=2; b:bn; r:act fn=relu;"
            + " q:zeropad padding=1; m:maxpool pool=3 strides=2 | p+c+b+r, q+m",
        // max pooling after padding of possibly negative values: not exact, so not folded
        "pad_maxpool_signed | 8,8,3 | c:conv2d filters=4 kernel=3; q:zeropad padding=1; m:maxpool pool=3"
            + " strides=2 | c, q, m",
        // BN after the activation cannot fold; it runs in place, with the activation after it
        "relu_then_bn | 7,7,3 | c:conv2d filters=5 kernel=3 activation=relu; b:bn; a:act fn=tanh | c, b+a",
        // pre-activation (ResNetV2): BatchNormalization and ReLU on the input, then the conv
        "bn_relu_conv | 6,6,4 | b:bn; r:act fn=relu; c:conv2d filters=3 kernel=3 | b+r, c",
        "large_split | 30,30,16 | p:zeropad padding=1; c:conv2d filters=32 kernel=3; b:bn; r:act fn=relu6 | p+c+b+r",
        // ResNet's bottleneck with a projection shortcut: the Add and the ReLU after it go into conv c3
        "bottleneck | 12,12,8 | s:conv2d filters=16 kernel=1 strides=2; sb:bn; c1:conv2d filters=4 kernel=1"
            + " strides=2 from=input; b1:bn; r1:act fn=relu; c2:conv2d filters=4 kernel=3 padding=same; b2:bn;"
            + " r2:act fn=relu; c3:conv2d filters=16 kernel=1; b3:bn; a:add from=sb,b3; out:act fn=relu"
            + " | s+sb, c1+b1+r1, c2+b2+r2, c3+b3+a+out",
        // identity shortcut from the model input, large enough to split at batch 1
        "identity_shortcut | 24,24,16 | c:conv2d filters=16 kernel=3 padding=same; b:bn; a:add from=input,b;"
            + " r:relu max=6 | c+b+a+r",
        // MobileNetV2's shortcut: the earlier operand has a second reader, the later one takes the Add
        "inverted_residual | 10,10,8 | c0:conv2d filters=8 kernel=1; b0:bn; r0:relu max=6; e:conv2d filters=24"
            + " kernel=1; eb:bn; er:relu max=6; d:depthwise kernel=3 padding=same; db:bn; dr:relu max=6;"
            + " p:conv2d filters=8 kernel=1; pb:bn; a:add from=r0,pb | c0+b0+r0, e+eb+er, d+db+dr, p+pb+a",
        // the residual added tile by tile in the vector GEMM: a partial last column block (100 = 64 + 36)
        "residual_partial_block | 9,7,100 | c:conv2d filters=100 kernel=1; b:bn; a:add from=input,b;"
            + " r:act fn=relu | c+b+a+r",
        // ... with weights beyond the GEMM's L2 budget (column blocks outer over pixel bands), ReLU6
        "residual_large_weights | 5,7,400 | c:conv2d filters=400 kernel=1; b:bn; a:add from=input,b; r:relu max=6"
            + " | c+b+a+r",
        // the conv has two readers: nothing fuses into it; relu then add run in place
        "two_readers | 8,8,3 | c:conv2d filters=4 kernel=3; b:bn from=c; r:act fn=relu from=c; a:add from=b,r"
            + " | c, b, r, a",
        // Add of two plain tensors: no convolution to take it, runs in place
        "add_no_conv | 6,6,4 | x:act fn=tanh; y:act fn=sigmoid from=input; a:add from=x,y | x, y, a",
        // ... and the activation after it joins the merge
        "add_relu6 | 6,6,4 | x:act fn=tanh; y:act fn=sigmoid from=input; a:add from=x,y; r:relu max=6"
            + " | x, y, a+r");
    List<Arguments> all = new ArrayList<>();
    for (String line : lines) {
      for (String path : new String[] {"best", "scalar"}) {
        all.add(Arguments.of(line.split("\\|")[0].trim(), path, line));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void optimizedMatchesDeclared(String name, String path, String line) {
    String[] parts = line.split("\\|");
    CheckedModel model = model(name, parts[1].trim(), parts[2].trim());
    assertFalse(model.hasErrors(), () -> model.problems().toString());
    Weights weights = randomWeights(model, 11);
    Gemm gemm = path.equals("best") ? Simd.best() : Simd.scalar();
    float[] input = new float[BATCH * model.inputShape().size()];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) (random.nextDouble() * 4 - 2);
    }
    Network declared = Network.create(model, weights, 2, gemm, false);
    Network optimized = Network.create(model, weights, 2, gemm, true);
    float[] expected = declared.predict(input, BATCH);
    double tolerance = ReferenceFixtureTest.ABS * Compare.scale(expected);
    Compare.assertClose(name + " batch", expected, optimized.predict(input, BATCH), tolerance,
        ReferenceFixtureTest.REL);
    int size = model.inputShape().size();
    int out = model.outputShape().size();
    for (int e = 0; e < BATCH; e++) {
      float[] one = optimized.predict(Arrays.copyOfRange(input, e * size, (e + 1) * size), 1);
      Compare.assertClose(name + " example " + e, Arrays.copyOfRange(expected, e * out, (e + 1) * out), one,
          tolerance, ReferenceFixtureTest.REL);
    }
    String steps = optimized.profile(input, BATCH, 1).rows().stream().map(Profile.Row::layers)
        .collect(Collectors.joining(", "));
    assertEquals(parts[3].trim(), steps, name + ": the steps after optimizing");
    int layers = model.layers().size() - model.spec().firstLayer();
    assertEquals(layers - count(model, LayerKind.FLATTEN), declared.profile(input, BATCH, 1).rows().size(),
        name + ": with the optimizer off every layer is a step");
  }

  /** Large enough that c2 and c3 (with its residual) are split over the lanes at batch 1. */
  static final String BOTTLENECK = "bottleneck | 32,32,8 | s:conv2d filters=64 kernel=1 strides=2; sb:bn;"
      + " c1:conv2d filters=16 kernel=1 strides=2 from=input; b1:bn; r1:act fn=relu; c2:conv2d filters=16"
      + " kernel=3 padding=same; b2:bn; r2:act fn=relu; c3:conv2d filters=64 kernel=1; b3:bn; a:add from=sb,b3;"
      + " out:act fn=relu; t:act fn=tanh; u:bn";

  /**
   * A fused graph (residual epilogue, in-place layers, split layers at batch 1) keeps Network's
   * contract: concurrent calls agree with single ones, and a window of 100 warm calls allocates
   * nothing on the calling thread (windows tried for up to a minute while the JIT compiles; this
   * bounds the wait and times nothing). The vector path is held to zero on JDK 21 and later only,
   * as in {@code NetworkTest}.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"scalar", "best"})
  @org.junit.jupiter.api.Tag("allocation") // after many other shapes too: ManyShapesAllocationTest
  void fusedGraphAllocatesNothingAndIsThreadSafe(String path) throws Exception {
    Gemm gemm = path.equals("scalar") ? Simd.scalar() : Simd.best();
    String[] parts = BOTTLENECK.split("\\|");
    CheckedModel model = model("bottleneck", parts[1].trim(), parts[2].trim());
    Network network = Network.create(model, randomWeights(model, 4), 2, gemm, true);
    int size = model.inputShape().size();
    float[] input = new float[4 * size];
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) random.nextDouble();
    }
    float[] batch = network.predict(input, 4);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        int b = 1 + t % 4;
        results.add(pool.submit(() -> network.predict(Arrays.copyOf(input, b * size), b)));
      }
      for (int t = 0; t < 12; t++) {
        float[] r = results.get(t).get();
        org.junit.jupiter.api.Assertions.assertArrayEquals(Arrays.copyOf(batch, r.length), r, 1e-6f,
            "concurrent call " + t);
      }
    } finally {
      pool.shutdown();
    }
    if (!(gemm instanceof ScalarGemm) && Runtime.version().feature() < 21) {
      return;
    }
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    for (int b : new int[] {1, 4}) {
      float[] in = Arrays.copyOf(input, b * size);
      float[] out = new float[b * model.outputShape().size()];
      long allocated = Long.MAX_VALUE;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (allocated > 0 && System.nanoTime() < deadline) {
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
          network.predict(in, out, b);
        }
        allocated = bean.getCurrentThreadAllocatedBytes() - before;
      }
      assertEquals(0, allocated, "batch " + b + ": bytes allocated by the last 100 calls");
    }
  }

  private static long count(CheckedModel model, LayerKind kind) {
    return model.layers().stream().filter(l -> l.rule() != null && l.rule().kind() == kind).count();
  }

  /** Layers {@code name:kind attr=value ... from=a,b}; without names they are layer1, layer2, ... */
  static CheckedModel model(String name, String input, String layers) {
    List<ModelSpec.LayerSpec> specs = new ArrayList<>();
    String last = "input";
    boolean graph = false;
    List<String> readers = new ArrayList<>();
    for (String text : layers.split(";")) {
      String[] words = text.trim().split("\\s+");
      String[] head = words[0].split(":");
      String layerName = head.length == 2 ? head[0] : "layer" + (specs.size() + 1);
      String kind = head[head.length - 1];
      Map<String, String> a = new HashMap<>();
      for (int i = 1; i < words.length; i++) {
        String[] kv = words[i].split("=", 2);
        a.put(kv[0], kv[1]);
      }
      List<String> from = a.containsKey("from") ? List.of(a.remove("from").split(",")) : List.of(last);
      graph |= !from.equals(List.of(last));
      LayerRule rule = switch (kind) {
        case "add" -> MergeRule.of(LayerKind.ADD);
        case "concat" -> new MergeRule(LayerKind.CONCATENATE, -1);
        case "maximum" -> MergeRule.of(LayerKind.MAXIMUM);
        default -> CaseModels.rule(kind, a);
      };
      specs.add(new ModelSpec.LayerSpec(layerName, rule, from, "", null));
      readers.addAll(from);
      last = layerName;
    }
    int[] dims = CaseModels.ints(input);
    ModelSpec spec = graph
        ? new ModelSpec(name, List.of(new ModelSpec.InputSpec("input", dims)), specs, List.of(last))
        : new ModelSpec(name, "input", dims, specs.stream()
            .map(s -> new ModelSpec.LayerSpec(s.name(), s.rule(), null)).collect(Collectors.toList()));
    return ShapeChecker.check(spec);
  }

  /**
   * Glorot kernels as Keras initialises them, and every vector random: biases and beta in ±0.3,
   * gamma in [0.5, 1.5], moving means in ±0.5, moving variances in [0.3, 1.8].
   */
  static Weights randomWeights(CheckedModel model, long seed) {
    Weights keras = Weights.random(model, seed);
    SplittableRandom random = new SplittableRandom(seed + 1);
    Weights weights = new Weights();
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        float[] values = keras.get(layer.name(), spec.name()).clone();
        for (int i = 0; i < values.length; i++) {
          double u = random.nextDouble();
          switch (spec.name()) {
            case "bias", "beta" -> values[i] = (float) (0.6 * u - 0.3);
            case "gamma" -> values[i] = (float) (0.5 + u);
            case "moving_mean" -> values[i] = (float) (u - 0.5);
            case "moving_variance" -> values[i] = (float) (0.3 + 1.5 * u);
            default -> { }
          }
        }
        weights.put(layer.name(), spec.name(), values);
      }
    }
    return weights;
  }
}
