// The Keras 3 config.json of a functional model TF.js built (keras/src/saving/serialization_lib.py
// serialize_keras_object, keras/src/models/functional.py get_config): TF.js's model.toJSON() already
// writes Keras's snake_case layer configs; this adds Keras 3's envelope and the keys in which Keras 3's
// get_config differs from TF.js's (KERAS3_KEYS), each from the Keras 3 source named beside it.

/**
 * Per class, what Keras 3's get_config writes that TF.js's does not.
 *   GlobalAveragePooling2D/GlobalMaxPooling2D: keras/src/layers/pooling/base_global_pooling.py writes
 *     `keepdims` (TF.js's layer has none; Keras's default is False).
 *   Activation, and every layer's `activation`: keras/src/activations/__init__.py serialize() writes
 *     the function's __name__, and `swish` is an alias of `silu`, so Keras 3 writes "silu".
 */
function keras3Keys(className, config) {
  if (className === 'GlobalAveragePooling2D' || className === 'GlobalMaxPooling2D') {
    if (!('keepdims' in config)) config.keepdims = false;
  }
  if (config.activation === 'swish') config.activation = 'silu';
  return config;
}

/**
 * A Keras tensor reference in a Keras 3 inbound node: `__keras_tensor__` with its producer's history,
 * [layer, node, tensor] (node > 0 for the second and later calls of a shared layer).
 */
function kerasTensor(layer, node = 0, tensor = 0) {
  return {class_name: '__keras_tensor__', config: {shape: layer.outputShape, dtype: 'float32',
    keras_history: [layer.name, node, tensor]}};
}
/** Functional.get_config's input_layers/output_layers: one [name, node, tensor], or a list of them. */
function endpoints(list) {
  const triples = list.map(([name, node, tensor]) => [name, node, tensor]);
  return triples.length === 1 ? triples[0] : triples;
}

/**
 * The Keras 3 config.json of a functional model: each layer serialized with module, class_name, config
 * (its dtype a DTypePolicy), registered_name and build_config, inbound nodes as {args, kwargs} with
 * keras tensors (a merge passes one list), input and output layers as [name, 0, 0].
 */
function keras3(model) {
  const topology = JSON.parse(JSON.stringify(model.toJSON(null, false)));
  const byName = Object.fromEntries(model.layers.map((l) => [l.name, l]));
  const layers = topology.config.layers.map((entry) => {
    const config = {...entry.config};
    if (entry.class_name === 'InputLayer') {
      config.batch_shape = config.batch_input_shape;
      delete config.batch_input_shape;
    } else {
      config.dtype = {module: 'keras', class_name: 'DTypePolicy', config: {name: 'float32'}, registered_name: null};
    }
    keras3Keys(entry.class_name, config);
    // One inbound node per call of the layer; a layer called twice (a shared layer) has two.
    const calls = entry.inbound_nodes.map((node) => node.map((t) => kerasTensor(byName[t[0]], t[1], t[2])));
    const sources = calls[0] || [];
    return {module: 'keras.layers', class_name: entry.class_name, config, registered_name: null,
      build_config: sources.length === 0 ? undefined
        : {input_shape: sources.length === 1 ? sources[0].config.shape : sources.map((t) => t.config.shape)},
      name: entry.name,
      inbound_nodes: calls.map((call) => ({args: [call.length === 1 ? call[0] : call], kwargs: {}}))};
  });
  return {module: 'keras.src.models.functional', class_name: 'Functional',
    config: {name: topology.config.name, trainable: true, layers,
      input_layers: endpoints(topology.config.input_layers),
      output_layers: endpoints(topology.config.output_layers)},
    registered_name: 'Functional',
    build_config: {input_shape: model.inputs.length === 1 ? model.inputs[0].shape : model.inputs.map((i) => i.shape)},
    compile_config: {optimizer: {module: 'keras.optimizers', class_name: 'Adam', config: {learning_rate: 0.001}},
      loss: 'categorical_crossentropy', metrics: ['accuracy']}};
}


module.exports = {keras3, kerasTensor};
