package dev.kiln.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.importer.Identifiers;
import dev.kiln.importer.ImportException;
import dev.kiln.importer.ImportedLayer;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.Importer;
import dev.kiln.importer.keras.KerasValues.Unsupported;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keras models: Keras 3 {@code .keras}, Keras 2 full-model {@code .h5}, TF.js layers {@code model.json}.
 * Each Keras layer becomes a field named after it (so the same file's weights load by name), wired
 * with {@code from} where it does not read the layer before it; settings that only matter in training
 * are listed in the class comment; every layer Kiln cannot express is listed in one error.
 */
public final class KerasImporter implements Importer {

  @Override
  public String format() {
    return "Keras (.keras, full-model .h5, TF.js model.json)";
  }

  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".json");
  }

  @Override
  public ImportedModel read(Path file, String packageName, String className) throws ImportException, IOException {
    KerasFiles.Config config = KerasFiles.read(file);
    return translate(config, packageName, className, file.getFileName().toString());
  }

  static ImportedModel translate(KerasFiles.Config config, String packageName, String className, String fileName)
      throws ImportException {
    KerasGraph graph = KerasGraph.of(config.model());
    Identifiers identifiers = new Identifiers();
    Map<String, String> fields = new HashMap<>();
    Map<String, Integer> ranks = new HashMap<>();
    List<ImportedLayer> layers = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    TreeSet<String> dropped = new TreeSet<>();
    boolean initializers = false;
    for (KerasGraph.Node node : graph.layers()) {
      String origin = "Keras " + node.className() + " " + node.name();
      List<String> from = new ArrayList<>();
      int rank = 0;
      for (String source : node.inbound()) {
        if (!fields.containsKey(source)) {
          problems.add(origin + ": reads `" + source + "`, which no earlier layer of the config produces");
        } else {
          from.add(fields.get(source));
          rank = Math.max(rank, ranks.get(source));
        }
      }
      if (node.calls() > 1) {
        problems.add(node.className() + " `" + node.name() + "`: " + sharedLayer(node.calls()));
      }
      String field = identifiers.field(node.name());
      fields.put(node.name(), field);
      try {
        KerasLayers.Translation t = KerasLayers.translate(node.className(), node.config(), rank, config.keras3());
        ranks.put(node.name(), t.rank());
        layers.add(new ImportedLayer(field, t.annotation(), t.attributes(), from, false, origin));
      } catch (Unsupported e) {
        ranks.put(node.name(), rank);
        problems.add(node.className() + " `" + node.name() + "`: " + e.getMessage());
      }
      initializers |= trainingOnly(node, dropped);
    }
    if (!problems.isEmpty()) {
      throw new ImportException("Kiln cannot express " + problems.size() + " part" + (problems.size() == 1 ? "" : "s")
          + " of " + fileName, problems);
    }
    markOutputs(layers, graph.outputs(), fields);
    List<String> notes = new ArrayList<>();
    if (initializers) {
      notes.add("every layer's initializers (kernel_initializer, bias_initializer, ...): they only set the "
          + "weights before training");
    }
    notes.addAll(dropped);
    JsonNode compile = config.model().path("compile_config");
    if (compile.isObject() && !compile.isEmpty()) {
      notes.add("compile_config: optimizer " + compile.path("optimizer").path("class_name").asText("?") + ", loss "
          + compile.path("loss"));
    }
    return new ImportedModel(packageName, className, fileName + " (" + config.format() + ", model `" + graph.name()
        + "`)", layers, notes);
  }

  /**
   * Why a layer called more than once cannot be imported, and what to do. Every Kiln field is one call
   * with its own weights, so one layer's weights cannot serve two places of the graph.
   */
  static String sharedLayer(int calls) {
    return "called " + calls + " times (a shared layer: one set of weights used at " + calls + " places); a Kiln "
        + "field is one call with its own weights. Rebuild the model in Keras with a separate layer for each call "
        + "(copying the shared weights into each with set_weights) and import that";
  }

  /**
   * Records a layer's settings that only act in training: regularizers and constraints that are set,
   * a dropout's seed and noise shape, a non-float32 dtype policy; returns whether it has initializers.
   */
  private static boolean trainingOnly(KerasGraph.Node node, TreeSet<String> dropped) {
    boolean initializers = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.config().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.endsWith("_initializer")) {
        initializers = true;
      } else if ((key.endsWith("_regularizer") || key.endsWith("_constraint") || key.equals("seed")
          || key.equals("noise_shape")) && !value.isNull()) {
        String shown = value.has("class_name") ? value.path("class_name").asText() + value.path("config") : value.toString();
        dropped.add("`" + node.name() + "` " + key + " " + shown);
      }
    }
    return initializers;
  }

  /** {@code @Output} on each output, unless the one output is the last field (Kiln's default). */
  private static void markOutputs(List<ImportedLayer> layers, List<String> outputs, Map<String, String> fields) {
    if (outputs.size() == 1 && fields.get(outputs.get(0)).equals(layers.get(layers.size() - 1).field())) {
      return;
    }
    for (int i = 0; i < layers.size(); i++) {
      if (outputs.stream().map(fields::get).anyMatch(layers.get(i).field()::equals)) {
        layers.set(i, layers.get(i).asOutput());
      }
    }
  }
}
