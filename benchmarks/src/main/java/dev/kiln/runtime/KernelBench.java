package dev.kiln.runtime;

import dev.kiln.dsl.Padding;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.TensorShape;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-kernel throughput against the machine's FMA peak, counted per second of each thread's own CPU
 * time (which other processes on a busy machine do not inflate the way they inflate wall time), with
 * the wall-clock figure beside it. In the {@code dev.kiln.runtime} package because the kernels are
 * package-private.
 *
 * <ul>
 *   <li>{@code fma}: 12 independent FMA chains on 512- and 256-bit vectors, the peak;
 *   <li>{@code gemm}: {@link Gemm#run} on the three large 3x3 convolutions of {@code vggblock}
 *       (SAME-padded input, ReLU), with the JVM's best GEMM and the scalar one, then on ResNet50's and
 *       MobileNetV2's layers (3x3 and 1x1 convolutions, fused residual Adds, the batch-1 classifier),
 *       and the denoiser's narrow and shallow 3x3 convolutions;
 *   <li>{@code pool}: {@link Pooling2DKernel} on InceptionV3's, ResNet50's and VGG's pooling layers;
 *   <li>{@code depthwise}: the {@link Depthwise} loops (vector and scalar) on MobileNetV2-like layers, ReLU6.
 * </ul>
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.kiln.runtime.KernelBench [threads [name filter]]}; each figure is the best of 5 rounds of about 0.5 s.
 */
public final class KernelBench {
  private KernelBench() {}

  private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
  /** Runs only the kernels whose name contains this (the second argument), besides the FMA peak. */
  private static String only = "";

  /** One unit of work measured: returns floating-point operations done. */
  interface Work {
    long run(int lane, int lanes);
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    only = args.length > 1 ? args[1] : "";
    System.out.printf("Kernel throughput, %d thread(s), %s, load average %.2f%n", threads,
        System.getProperty("java.vm.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    double peak512 = report("fma 512-bit", threads, null, (lane, lanes) -> FmaPeak.fma512(20_000_000));
    double peak256 = report("fma 256-bit", threads, null, (lane, lanes) -> FmaPeak.fma256(20_000_000));
    // the peak of the vectors the kernels run on (256-bit under -XX:MaxVectorSize=32 or on AVX2)
    double peak = FmaPeak.preferred512() ? peak512 : peak256;
    for (int[] layer : new int[][] {{224, 64, 64}, {112, 64, 128}, {112, 128, 128}}) {
      conv3x3(Simd.best(), layer[0], layer[1], layer[2], threads, peak);
    }
    // real layers: (name, size, channels, kernel, filters, residual) as ResNet50 / MobileNetV2 run them
    for (Object[] layer : new Object[][] {
        {"resnet50 stage5 3x3", 7, 512, 3, 512, false}, {"resnet50 stage4 3x3", 14, 256, 3, 256, false},
        {"resnet50 stage4 1x1+add", 14, 256, 1, 1024, true}, {"resnet50 stage4 1x1 reduce", 14, 1024, 1, 256, false},
        {"resnet50 stage5 1x1+add", 7, 512, 1, 2048, true}, {"resnet50 stage3 1x1+add", 28, 128, 1, 512, true},
        {"resnet50 stage2 1x1+add", 56, 64, 1, 256, true}, {"resnet50 stage2 1x1 reduce", 56, 256, 1, 64, false},
        {"resnet50 stage5 1x1 reduce", 7, 2048, 1, 512, false},
        {"X stage2 1x1 noadd", 56, 64, 1, 256, false}, {"X 14x14 1x1+add", 14, 64, 1, 256, true},
        {"X 14x14 1x1 noadd", 14, 64, 1, 256, false}, {"X 28x28 1x1+add", 28, 64, 1, 256, true},
        {"mnv2 block_1_expand", 112, 16, 1, 96, false}, {"mnv2 block_2_project", 56, 144, 1, 24, false},
        {"mnv2 block_6 expand", 28, 32, 1, 192, false}, {"mnv2 block_10 project", 14, 384, 1, 64, false},
        {"mnv2 block_16 project", 7, 960, 1, 320, false}, {"mnv2 Conv_1", 7, 320, 1, 1280, false},
        {"mnv2 Dense(1000) batch 1", 1, 1280, 0, 1000, false},
        // the denoiser's narrow and shallow layers: 1-channel input, 8 and 1 output columns
        {"denoiser layer1", 28, 1, 3, 32, false}, {"denoiser layer3", 14, 32, 3, 16, false},
        {"denoiser layer5", 7, 16, 3, 8, false}, {"denoiser layer6", 7, 8, 3, 8, false},
        {"denoiser layer8", 14, 8, 3, 16, false}, {"denoiser layer10", 28, 16, 3, 1, false}}) {
      gemm(Simd.best(), (String) layer[0], (int) layer[1], (int) layer[2], (int) layer[3], (int) layer[4],
          (boolean) layer[5], threads, peak);
    }
    // pooling as InceptionV3 (3x3 stride 2, 3x3 stride 1 SAME average), ResNet50 and VGG (2x2) have it:
    // (input size, channels, pool, stride, average)
    for (int[] layer : new int[][] {{147, 64, 3, 2, 0}, {71, 192, 3, 2, 0}, {35, 256, 3, 1, 1}, {17, 768, 3, 1, 1},
        {224, 64, 2, 2, 0}}) {
      pool(layer[0], layer[1], layer[2], layer[3], layer[4] == 1, threads);
    }
    // MobileNetV2's depthwise layers, then 5x5 ones as EfficientNet-B0 has them: (input size, channels,
    // kernel, stride)
    for (int[] layer : new int[][] {{112, 96, 3, 2}, {56, 144, 3, 1}, {14, 576, 3, 1}, {7, 960, 3, 1}, {14, 480, 5, 1},
        {28, 240, 5, 2}}) {
      for (Depthwise loops : new Depthwise[] {Simd.depthwise(), new ScalarDepthwise()}) {
        depthwise(loops, layer[0], layer[1], layer[2], layer[3], threads, peak);
      }
    }
  }

  private static void conv3x3(Gemm gemm, int size, int channels, int filters, int threads, double peak)
      throws InterruptedException {
    int padded = size + 2;
    Random random = new Random(1);
    float[] in = new float[padded * padded * channels];
    for (int i = 0; i < in.length; i++) {
      in[i] = random.nextFloat() - 0.5f;
    }
    float[] kernel = new float[9 * channels * filters];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = random.nextFloat() - 0.5f;
    }
    int[] taps = new int[9];
    for (int t = 0; t < 9; t++) {
      taps[t] = ((t / 3) * padded + t % 3) * channels;
    }
    Gemm.Geometry g = Gemm.Geometry.of(size, padded * channels, channels, taps, channels);
    Gemm.Packed w = gemm.pack(kernel, new float[filters], 9 * channels, filters);
    float[] out = new float[size * size * filters];
    float[][] local = new float[threads][gemm.localFloats(filters)];
    int pixels = size * size;
    long flops = 2L * pixels * 9 * channels * filters;
    report(String.format("conv3x3 %dx%dx%d->%d %s", size, size, channels, filters,
        gemm.getClass().getSimpleName()), threads, peak, (lane, lanes) -> {
          // lanes split the pixels in whole rows, as Conv2DKernel's items do
          int from = size * lane / lanes;
          int to = size * (lane + 1) / lanes;
          gemm.run(out, from * size * filters, in, 0, g, w, true, from * size, to * size, local[lane]);
          return flops * (to - from) / size;
        });
  }

  /**
   * One layer of a real network on the GEMM alone: a {@code kernel x kernel} SAME convolution (1 or 3),
   * stride 1, of a {@code size x size x channels} image, or with {@code kernel == 0} a Dense layer of
   * {@code size} rows; ReLU, or with {@code residual} the fused residual Add then ReLU. Lanes split
   * the pixels in whole tiles.
   */
  private static void gemm(Gemm gemm, String name, int size, int channels, int kernel, int filters,
      boolean residual, int threads, double peak) throws InterruptedException {
    int pad = kernel == 3 ? 1 : 0;
    int padded = size + 2 * pad;
    Random random = new Random(3);
    float[] in = new float[(kernel == 0 ? size : padded * padded) * channels];
    for (int i = 0; i < in.length; i++) {
      in[i] = random.nextFloat() - 0.5f;
    }
    int taps = kernel == 0 ? 1 : kernel * kernel;
    float[] matrix = new float[taps * channels * filters];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = random.nextFloat() - 0.5f;
    }
    Gemm.Geometry g;
    if (kernel == 0) {
      g = Gemm.Geometry.matrix(channels);
    } else {
      int[] offsets = new int[taps];
      for (int t = 0; t < taps; t++) {
        offsets[t] = ((t / kernel) * padded + t % kernel) * channels;
      }
      g = Gemm.Geometry.of(size, padded * channels, channels, offsets, channels);
    }
    Gemm.Packed w = gemm.pack(matrix, new float[filters], taps * channels, filters);
    int pixels = kernel == 0 ? size : size * size;
    float[] out = new float[pixels * filters];
    float[] add = new float[pixels * filters];
    for (int i = 0; i < add.length; i++) {
      add[i] = random.nextFloat() - 0.5f;
    }
    float[][] local = new float[threads][gemm.localFloats(filters)];
    int tiles = (pixels + gemm.tilePixels() - 1) / gemm.tilePixels();
    long flops = 2L * pixels * taps * channels * filters;
    report(String.format("%s %dx%d->%d", name, taps * channels, pixels, filters), threads, peak, (lane, lanes) -> {
      int p0 = Math.min(pixels, tiles * lane / lanes * gemm.tilePixels());
      int p1 = Math.min(pixels, tiles * (lane + 1) / lanes * gemm.tilePixels());
      if (residual) {
        gemm.runResidual(out, p0 * filters, in, 0, g, w, add, p0 * filters, 0f, Float.POSITIVE_INFINITY, p0, p1,
            local[lane]);
      } else {
        gemm.run(out, p0 * filters, in, 0, g, w, true, p0, p1, local[lane]);
      }
      return flops * (p1 - p0) / pixels;
    });
  }

  /**
   * One {@link Pooling2DKernel} ({@code pool x pool}, VALID for max pooling, SAME for average pooling as
   * Inception's branches use it); lanes split the output rows. Figures are window elements reduced per
   * second, then the compulsory traffic (input read once, output written once) those calls move.
   */
  private static void pool(int size, int channels, int pool, int stride, boolean average, int threads)
      throws InterruptedException {
    Padding padding = average ? Padding.SAME : Padding.VALID;
    int[] window = {pool, pool};
    int[] strides = {stride, stride};
    Pooling2DRule rule = average ? Pooling2DRule.average(window, strides, padding)
        : Pooling2DRule.max(window, strides, padding);
    int out = average ? (size + stride - 1) / stride : (size - pool) / stride + 1;
    Pooling2DKernel kernel = new Pooling2DKernel(rule, TensorShape.of(size, size, channels),
        TensorShape.of(out, out, channels));
    Random random = new Random(4);
    float[] in = new float[size * size * channels];
    for (int i = 0; i < in.length; i++) {
      in[i] = random.nextFloat() - 0.5f;
    }
    float[] result = new float[out * out * channels];
    float[][] local = new float[threads][kernel.localFloats()];
    long ops = (long) out * out * channels * pool * pool;
    String name = String.format("%s pool %dx%d s%d %dx%dx%d", average ? "average" : "max", pool, pool, stride, size,
        size, channels);
    if (!name.contains(only)) {
      return;
    }
    double gops = report(name, threads, null, (lane, lanes) -> {
      int from = out * lane / lanes;
      int to = out * (lane + 1) / lanes;
      kernel.run(result, 0, in, 0, null, local[lane], from, to);
      return ops * (to - from) / out;
    });
    System.out.printf("    (G window elements per s above) %.1f GB/s of compulsory traffic%n",
        gops * 4.0 * (in.length + result.length) / ops);
  }

  private static void depthwise(Depthwise loops, int size, int channels, int k, int stride, int threads, double peak)
      throws InterruptedException {
    Random random = new Random(2);
    float[] in = new float[size * size * channels];
    for (int i = 0; i < in.length; i++) {
      in[i] = random.nextFloat() - 0.5f;
    }
    float[] kernel = new float[k * k * channels];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = random.nextFloat() - 0.5f;
    }
    int out = (size + stride - 1) / stride;
    int total = Math.max((out - 1) * stride + k - size, 0);
    Depthwise.Geometry g = new Depthwise.Geometry(size, size, channels, 1, out, out, k, k, stride, stride, 1, 1,
        total / 2, total / 2);
    float[] result = new float[out * out * channels];
    float[] bias = new float[channels];
    long flops = 2L * out * out * k * k * channels;
    String name = String.format("depthwise %dx%d s%d %dx%dx%d %s", k, k, stride, size, size, channels,
        loops.getClass().getSimpleName());
    if (name.contains(only)) {
      warmDepthwise(loops, k, stride);
    }
    double gflops = report(name, threads, peak, (lane, lanes) -> {
          int from = out * lane / lanes;
          int to = out * (lane + 1) / lanes;
          loops.rows(result, from * out * channels, in, 0, g, kernel, bias, 0f, 6f, from, to);
          return flops * (to - from) / out;
        });
    if (gflops == 0) {
      return; // not selected by the name filter
    }
    // the least memory traffic a call needs: input, weights and bias read once, output written once
    long bytes = 4L * (in.length + kernel.length + bias.length + result.length);
    if (gflops == 0) {
      return; // filtered out
    }
    System.out.printf("    %.1f GB/s of compulsory traffic (%.2f FLOP per byte)%n", gflops * bytes / flops,
        flops / (double) bytes);
  }

  /**
   * Compiles {@code loops}' paths for kernel {@code k} and {@code stride} on a small SAME-padded image
   * first: until C2 has compiled them the vector loops run in C1 code that boxes every vector (about
   * 0.1 GFLOP/s), and a large image takes so long per call there that, on a loaded machine, a layer
   * measured first could stay in it for its whole measurement (seen: 112x112x96 at 0.1-2.6 GFLOP/s).
   */
  private static void warmDepthwise(Depthwise loops, int k, int stride) {
    int size = 9;
    int channels = 32;
    int out = (size + stride - 1) / stride;
    int pad = Math.max((out - 1) * stride + k - size, 0) / 2;
    Depthwise.Geometry g = new Depthwise.Geometry(size, size, channels, 1, out, out, k, k, stride, stride, 1, 1,
        pad, pad);
    float[] in = new float[size * size * channels];
    float[] kernel = new float[k * k * channels];
    float[] bias = new float[channels];
    float[] result = new float[out * out * channels];
    for (int i = 0; i < 5000; i++) {
      loops.rows(result, 0, in, 0, g, kernel, bias, 0f, 6f, 0, out);
    }
  }

  /** Runs {@code work} on {@code threads} threads for 5 rounds; prints and returns the best CPU-time GFLOP/s. */
  static double report(String what, int threads, Double peak, Work work) throws InterruptedException {
    if (peak != null && !what.contains(only)) {
      return 0;
    }
    double bestCpu = 0;
    double bestWall = 0;
    for (int round = 0; round < 6; round++) {
      AtomicLong flops = new AtomicLong();
      AtomicLong cpu = new AtomicLong();
      long wall0 = System.nanoTime();
      Thread[] team = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        int lane = t;
        team[t] = new Thread(() -> {
          long c0 = BEAN.getCurrentThreadCpuTime();
          long start = System.nanoTime();
          long done = 0;
          while (System.nanoTime() - start < 500_000_000L) {
            done += work.run(lane, threads);
          }
          cpu.addAndGet(BEAN.getCurrentThreadCpuTime() - c0);
          flops.addAndGet(done);
        });
        team[t].start();
      }
      for (Thread t : team) {
        t.join();
      }
      long wall = System.nanoTime() - wall0;
      if (round > 0) {
        bestCpu = Math.max(bestCpu, flops.get() / (double) cpu.get() * threads);
        bestWall = Math.max(bestWall, flops.get() / (double) wall);
      }
    }
    System.out.printf("  %-44s %7.1f GFLOP/s per CPU-s x %d threads, %7.1f wall%s%n", what, bestCpu, threads,
        bestWall, peak == null ? "" : String.format(", %.0f%% of peak", 100 * bestCpu / peak));
    return bestCpu;
  }
}
