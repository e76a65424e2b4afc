package dev.kiln.weights;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.TorchLayout;
import dev.kiln.shape.WeightSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Matches a PyTorch {@code state_dict} ({@code <module>.weight}, {@code .bias},
 * {@code .running_mean}, {@code .running_var}; {@code num_batches_tracked} ignored) to a model's
 * layers and converts each tensor to Keras layout. Without a map, each layer with weights takes the
 * next module(s) with weights in declaration order, which a safetensors file does not keep: modules
 * are ordered by their paths, numbers compared as numbers ({@code 2} before {@code 10}), which is
 * declaration order for {@code nn.Sequential} and for names like {@code conv1, conv2, fc1}.
 * SeparableConv2D takes two modules: a depthwise conv without bias, then a 1x1 pointwise conv.
 */
final class TorchMatch {
  private TorchMatch() {}

  static final String IGNORED = "num_batches_tracked";

  /** One tensor a layer needs: from its {@code module}-th module, parameter {@code param}. */
  private record Need(WeightSpec spec, int module, String param, long[] shape, Assembly.Layout layout) {}

  static Weights match(CheckedModel model, Map<String, FileTensor> tensors, Map<String, String> map, String file)
      throws WeightFileException {
    Map<String, Map<String, FileTensor>> modules = modules(tensors);
    List<String> ordered = modules.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey).toList();
    Assembly assembly = new Assembly(file);
    Set<String> used = new LinkedHashSet<>();
    List<String> matched = new ArrayList<>();
    Set<String> mappedLayers = new LinkedHashSet<>();
    int cursor = 0;
    for (int index = 1; index < model.layers().size(); index++) {
      LayerInfo layer = model.layers().get(index);
      if (layer.weights().isEmpty()) {
        continue;
      }
      mappedLayers.add(layer.name());
      TorchLayout layout = layer.rule().kind().torchLayout();
      if (layout == TorchLayout.NOT_IN_PYTORCH) {
        // PyTorch has no layer that keeps Keras's adapted mean, variance and count.
        assembly.problem(Assembly.describe(layer) + ": PyTorch has no Normalization layer whose weights could "
            + "fill it; give `mean` and `variance` in the annotation (torchvision's Normalize(mean, std) is "
            + "variance = std * std)");
        continue;
      }
      int slots = layout.modules();
      String[] names = new String[slots];
      if (map == null) {
        for (int s = 0; s < slots; s++) {
          names[s] = cursor < ordered.size() ? ordered.get(cursor++) : null;
        }
      } else if (!fromMap(layer, map.get(layer.name()), names, modules, assembly)) {
        continue;
      }
      if (names[slots - 1] == null) {
        assembly.problem(Assembly.describe(layer) + ": no PyTorch module with weights is left for it (the file has "
            + ordered.size() + "); expected " + KerasMatch.weightList(layer) + " in Keras layout");
        continue;
      }
      matched.add(layer.name() + " <- `" + String.join("` + `", names) + "`");
      for (Need need : needs(model, index, assembly)) {
        String module = names[need.module];
        used.add(module);
        FileTensor found = modules.get(module).remove(need.param);
        assembly.expect(layer, need.spec, qualified(module, need.param), need.shape, found, need.layout);
      }
      for (String module : names) {
        for (FileTensor extra : modules.get(module).values()) {
          assembly.unexpected(extra, Assembly.describe(layer) + " reads module `" + module + "` and has no use for `"
              + extra.path().substring(extra.path().lastIndexOf('.') + 1) + "`"
              + ((layout == TorchLayout.SEPARABLE || layout == TorchLayout.SEPARABLE_1D) && module.equals(names[0])
              ? " (Keras's " + layer.typeName() + " has no depthwise bias: use bias=False on the depthwise conv)"
              : ""));
        }
        modules.get(module).clear();
      }
    }
    if (map != null) {
      for (String key : map.keySet()) {
        if (!mappedLayers.contains(key)) {
          assembly.problem("the module map names `" + key + "`, which is not a layer with weights of model `"
              + model.spec().name() + "`");
        }
      }
    }
    for (Map.Entry<String, Map<String, FileTensor>> module : modules.entrySet()) {
      if (used.contains(module.getKey())) {
        continue;
      }
      for (FileTensor extra : module.getValue().values()) {
        assembly.unexpected(extra, "no layer of model `" + model.spec().name() + "` reads module `" + module.getKey()
            + "`");
      }
    }
    if (assembly.hasProblems() && map == null) {
      assembly.problem("modules were matched in order: " + String.join(", ", matched) + "; if the file's module "
          + "names do not sort in declaration order, pass readPyTorch a map from layer to module");
    }
    return assembly.finish();
  }

  /** Fills {@code names} from a map value: a module, or for SeparableConv2D {@code dw,pw} or a prefix {@code P} (P.depthwise, P.pointwise). */
  private static boolean fromMap(LayerInfo layer, String value, String[] names,
      Map<String, Map<String, FileTensor>> modules, Assembly assembly) {
    if (value == null) {
      assembly.problem(Assembly.describe(layer) + ": the module map has no entry for it");
      return false;
    }
    if (names.length == 2) {
      String[] parts = value.contains(",") ? value.split(",", -1) : new String[] {value + ".depthwise",
          value + ".pointwise"};
      if (parts.length != 2) {
        assembly.problem(Assembly.describe(layer) + ": map it to `depthwise,pointwise` modules or to a prefix");
        return false;
      }
      names[0] = parts[0].trim();
      names[1] = parts[1].trim();
    } else {
      names[0] = value;
    }
    boolean ok = true;
    for (String name : names) {
      if (!modules.containsKey(name)) {
        assembly.problem(Assembly.describe(layer) + ": the module map gives `" + name + "`, which is not a module in "
            + "the file");
        ok = false;
      }
    }
    return ok;
  }

  /** What layer {@code index} needs, in its weights' order, with torch shapes and conversions. */
  private static List<Need> needs(CheckedModel model, int index, Assembly assembly) {
    LayerInfo layer = model.layers().get(index);
    List<Need> needs = new ArrayList<>();
    int[] order = TorchLayouts.flattenOrder(model, index);
    for (WeightSpec spec : layer.weights()) {
      int[] d = spec.dims();
      Need need = switch (layer.rule().kind().torchLayout()) {
        case CONV, CONV_TRANSPOSE -> spec.name().equals("kernel")
            ? kernel(spec, 0, d[3], d[2], d[0], d[1]) : new Need(spec, 0, "bias", shape(d[0]), Assembly.KERAS);
        case DEPTHWISE -> spec.name().equals("kernel")
            ? kernel(spec, 0, d[2] * d[3], 1, d[0], d[1]) : new Need(spec, 0, "bias", shape(d[0]), Assembly.KERAS);
        case SEPARABLE -> switch (spec.name()) {
          case "depthwise_kernel" -> kernel(spec, 0, d[2] * d[3], 1, d[0], d[1]);
          case "pointwise_kernel" -> kernel(spec, 1, d[3], d[2], 1, 1);
          default -> new Need(spec, 1, "bias", shape(d[0]), Assembly.KERAS);
        };
        case LINEAR -> spec.name().equals("kernel")
            ? new Need(spec, 0, "weight", shape(d[1], d[0]), TorchLayouts.dense(d[1], d[0], order))
            : new Need(spec, 0, "bias", shape(d[0]), Assembly.KERAS);
        case BATCH_NORM -> new Need(spec, 0, switch (spec.name()) {
          case "gamma" -> "weight";
          case "beta" -> "bias";
          case "moving_mean" -> "running_mean";
          default -> "running_var";
        }, shape(d[0]), TorchLayouts.vector(order));
        // The 1-D family: Conv1d (out, in/groups, k), ConvTranspose1d (in, out, k), Keras (k, in, out)
        // and (k, out, in); the same conversion as the 2-D kernels' with kh = 1.
        case CONV_1D, CONV_1D_TRANSPOSE -> spec.name().equals("kernel")
            ? kernel1(spec, 0, d[2], d[1], d[0]) : new Need(spec, 0, "bias", shape(d[0]), Assembly.KERAS);
        case DEPTHWISE_1D -> spec.name().equals("kernel")
            ? kernel1(spec, 0, d[1] * d[2], 1, d[0]) : new Need(spec, 0, "bias", shape(d[0]), Assembly.KERAS);
        case SEPARABLE_1D -> switch (spec.name()) {
          case "depthwise_kernel" -> kernel1(spec, 0, d[1] * d[2], 1, d[0]);
          case "pointwise_kernel" -> kernel1(spec, 1, d[2], d[1], 1);
          default -> new Need(spec, 1, "bias", shape(d[0]), Assembly.KERAS);
        };
        // Weights under a kind whose catalog entry says it has none (LayerCatalogTest rules this
        // out): reported, never guessed.
        case NONE, NOT_IN_PYTORCH -> null;
      };
      if (need == null) {
        assembly.problem(Assembly.describe(layer) + ": Kiln knows no PyTorch layout for the weights of "
            + layer.typeName());
        return List.of();
      }
      needs.add(need);
    }
    return needs;
  }

  /** Keras kernel {@code spec} from torch {@code (a, b, kh, kw)}. */
  private static Need kernel(WeightSpec spec, int module, int a, int b, int kh, int kw) {
    return new Need(spec, module, "weight", shape(a, b, kh, kw), TorchLayouts.kernel(a, b, kh, kw));
  }

  /** Keras 1-D kernel {@code spec} from torch {@code (a, b, k)}: the 2-D conversion over a kernel 1 high. */
  private static Need kernel1(WeightSpec spec, int module, int a, int b, int k) {
    return new Need(spec, module, "weight", shape(a, b, k), TorchLayouts.kernel(a, b, 1, k));
  }

  private static long[] shape(int... dims) {
    return Assembly.wide(dims);
  }

  private static String qualified(String module, String param) {
    return module.isEmpty() ? param : module + "." + param;
  }

  /** Tensors grouped by module path (all but the last dotted part), modules in natural order. */
  static Map<String, Map<String, FileTensor>> modules(Map<String, FileTensor> tensors) {
    Map<String, Map<String, FileTensor>> modules = new TreeMap<>(TorchMatch::compareNatural);
    for (FileTensor tensor : tensors.values()) {
      String name = tensor.path();
      int dot = name.lastIndexOf('.');
      String module = dot < 0 ? "" : name.substring(0, dot);
      String param = name.substring(dot + 1);
      Map<String, FileTensor> params = modules.computeIfAbsent(module, m -> new LinkedHashMap<>());
      if (!param.equals(IGNORED)) {
        params.put(param, tensor);
      }
    }
    return new LinkedHashMap<>(modules);
  }

  /** Dotted paths part by part; parts that are both numbers compare as numbers. */
  static int compareNatural(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = comparePart(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int comparePart(String a, String b) {
    if (a.matches("[0-9]+") && b.matches("[0-9]+")) {
      String x = a.replaceFirst("^0+(?=.)", "");
      String y = b.replaceFirst("^0+(?=.)", "");
      int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      return c != 0 ? c : a.compareTo(b);
    }
    return a.compareTo(b);
  }

}
