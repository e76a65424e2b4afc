package dev.kiln.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.importer.ImportException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keras model config reduced to what the importer needs: its layers in config order, each with the
 * names of the layers it reads, and the output layers. Reads the three layouts Keras writes:
 * Keras 3 {@code config.json} ({@code inbound_nodes} as {@code {"args": [...], "kwargs": {}}} with
 * {@code __keras_tensor__} references, {@code keras/src/saving/serialization_lib.py}), Keras 2's
 * {@code model_config} and TF.js's {@code model.toJSON()} ({@code inbound_nodes} as
 * {@code [[["name", node, tensor, {}], ...]]}), for {@code Functional}/{@code Model} and
 * {@code Sequential} models.
 */
record KerasGraph(String name, List<Node> layers, List<String> outputs) {

  /**
   * One layer of the config: its Keras class, name, config, the layers its first call reads, and how
   * many times the model calls it (more than once for a shared layer; 0 for an InputLayer).
   */
  record Node(String className, String name, JsonNode config, List<String> inbound, int calls) {}

  static KerasGraph of(JsonNode model) throws ImportException {
    String className = text(model.path("class_name"));
    JsonNode config = model.path("config");
    if (className.equals("Sequential")) {
      return sequential(config);
    }
    if (!className.equals("Functional") && !className.equals("Model")) {
      throw new ImportException("the model is a `" + className + "`; kiln-import reads Sequential and Functional "
          + "Keras models (a subclassed model has no config to read)");
    }
    List<Node> layers = new ArrayList<>();
    for (JsonNode layer : config.path("layers")) {
      String name = layer.has("name") ? text(layer.path("name")) : text(layer.path("config").path("name"));
      layers.add(new Node(text(layer.path("class_name")), name, layer.path("config"), inbound(layer),
          layer.path("inbound_nodes").size()));
    }
    List<String> outputs = new ArrayList<>();
    JsonNode out = config.path("output_layers");
    // One output is written [name, 0, 0] by Keras 3 and [[name, 0, 0]] by Keras 2 and TF.js.
    if (out.isArray() && out.size() > 0 && out.get(0).isTextual()) {
      outputs.add(out.get(0).asText());
    } else {
      for (JsonNode o : out) {
        outputs.add(text(o.path(0)));
      }
    }
    return new KerasGraph(text(config.path("name")), layers, outputs);
  }

  /**
   * A Sequential model: Keras 3 lists an InputLayer first; Keras 2 and TF.js give the first layer a
   * {@code batch_input_shape} instead, which becomes an input named after the model, as Keras does.
   */
  private static KerasGraph sequential(JsonNode config) throws ImportException {
    JsonNode list = config.has("layers") ? config.path("layers") : config;
    List<Node> layers = new ArrayList<>();
    String previous = null;
    for (JsonNode layer : list) {
      String className = text(layer.path("class_name"));
      JsonNode c = layer.path("config");
      String name = text(c.path("name"));
      if (previous == null && !className.equals("InputLayer")) {
        JsonNode shape = c.has("batch_input_shape") ? c.path("batch_input_shape") : c.path("batch_shape");
        if (shape.isMissingNode()) {
          throw new ImportException("the Sequential model's first layer `" + name + "` has no input shape "
              + "(batch_input_shape); build the model on an input before saving it");
        }
        String input = name + "_input";
        com.fasterxml.jackson.databind.node.ObjectNode inputConfig =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        inputConfig.set("batch_input_shape", shape);
        inputConfig.put("name", input);
        layers.add(new Node("InputLayer", input, inputConfig, List.of(), 0));
        previous = input;
      }
      layers.add(new Node(className, name, c, previous == null ? List.of() : List.of(previous), 1));
      previous = name;
    }
    if (layers.isEmpty()) {
      throw new ImportException("the Sequential model has no layers");
    }
    return new KerasGraph(text(config.path("name")), layers, List.of(previous));
  }

  /** The names of the layers {@code layer}'s first call reads, in argument order; empty for an InputLayer. */
  private static List<String> inbound(JsonNode layer) {
    JsonNode nodes = layer.path("inbound_nodes");
    List<String> names = new ArrayList<>();
    if (nodes.size() >= 1) {
      JsonNode node = nodes.get(0);
      if (node.isObject()) {
        collectKeras3(node.path("args"), names);
      } else {
        for (JsonNode tensor : node) {
          names.add(text(tensor.path(0)));
        }
      }
    }
    return names;
  }

  /** Keras 3: every {@code __keras_tensor__} in the call's arguments, depth first (a merge gets a list). */
  private static void collectKeras3(JsonNode value, List<String> names) {
    if (value.isObject() && "__keras_tensor__".equals(value.path("class_name").asText())) {
      names.add(value.path("config").path("keras_history").path(0).asText());
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        collectKeras3(item, names);
      }
    } else if (value.isObject()) {
      value.forEach(item -> collectKeras3(item, names));
    }
  }

  static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : node.isMissingNode() || node.isNull() ? "" : node.toString();
  }
}
