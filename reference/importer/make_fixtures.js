// Builds small Keras models with TensorFlow.js 4.22, as a Keras user would, and writes what the
// importer tests read (importer/src/test/resources/keras/):
//   NAME.model.json     model.toJSON(): the Keras 2 / TF.js layers config (the `modelTopology`)
//   NAME.safetensors    its seeded weights under their Keras names (`conv1/kernel`), float32
//   NAME.in.bin         a batch of 2 inputs, NHWC float32 little-endian
//   NAME.out.bin        TF.js's outputs for them
//   NAME.keras3.json    the same model as Keras 3 writes it to a .keras archive's config.json
//                       (keras/src/saving/serialization_lib.py serialize_keras_object, Functional.get_config)
//   shared.model.json, shared.keras3.json   a model with a shared layer (configs only: Kiln refuses it)
// Run from reference/: npm install && node importer/make_fixtures.js
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {keras3} = require('./keras3');

const OUT = path.join(__dirname, '..', '..', 'importer', 'src', 'test', 'resources', 'keras');
const BATCH = 2;

/** A seeded uniform generator (a 32-bit LCG), so the fixtures are reproduced byte for byte. */
function random(seed) {
  let state = seed >>> 0;
  return (low, high) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return low + (high - low) * (state / 4294967296);
  };
}

function residual() {
  const image = tf.input({shape: [12, 12, 3], name: 'image'});
  let x = tf.layers.rescaling({scale: 0.5, offset: -0.25, name: 'rescale'}).apply(image);
  const conv1 = tf.layers.conv2d({filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv1'})
      .apply(x);
  x = tf.layers.batchNormalization({epsilon: 1e-3, name: 'bn1'}).apply(conv1);
  x = tf.layers.depthwiseConv2d({kernelSize: 3, padding: 'same', useBias: false, name: 'dw'}).apply(x);
  x = tf.layers.reLU({maxValue: 6, name: 'relu6'}).apply(x);
  x = tf.layers.conv2d({filters: 8, kernelSize: 1, name: 'proj'}).apply(x);
  x = tf.layers.add({name: 'add'}).apply([conv1, x]);
  x = tf.layers.zeroPadding2d({padding: 1, name: 'pool_pad'}).apply(x);
  x = tf.layers.maxPooling2d({poolSize: 3, strides: 2, name: 'pool'}).apply(x);
  const side = tf.layers.separableConv2d({filters: 4, kernelSize: 3, padding: 'same', name: 'sep'}).apply(x);
  x = tf.layers.concatenate({name: 'concat'}).apply([x, side]);
  x = tf.layers.globalAveragePooling2d({name: 'gap'}).apply(x);
  x = tf.layers.dropout({rate: 0.3, name: 'drop'}).apply(x);
  const out = tf.layers.dense({units: 5, activation: 'softmax', name: 'classes'}).apply(x);
  return tf.model({inputs: image, outputs: out, name: 'residual'});
}

function sequential() {
  const model = tf.sequential({name: 'small_cnn'});
  model.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'tanh', name: 'conv'}));
  model.add(tf.layers.averagePooling2d({poolSize: 2, name: 'avg'}));
  model.add(tf.layers.flatten({name: 'flat'}));
  model.add(tf.layers.dense({units: 6, activation: 'elu', name: 'hidden'}));
  model.add(tf.layers.dense({units: 3, name: 'scores'}));
  return model;
}

/**
 * A sequence model with the 1-D layers TF.js runs: plain, strided and dilated Conv1D (TF.js cannot run
 * causal padding), both pooling kinds (one SAME), SpatialDropout1D, both global poolings feeding a
 * Concatenate. Its layer names are new in this process, so TF.js keeps its weight names as they are.
 */
function sequence() {
  const series = tf.input({shape: [34, 4], name: 'series'});
  let x = tf.layers.conv1d({filters: 8, kernelSize: 3, activation: 'relu', name: 'features'}).apply(series);
  x = tf.layers.conv1d({filters: 8, kernelSize: 3, strides: 2, padding: 'same', name: 'strided'}).apply(x);
  x = tf.layers.maxPooling1d({poolSize: 2, name: 'max'}).apply(x);
  x = tf.layers.spatialDropout1d({rate: 0.2, name: 'dropout'}).apply(x);
  x = tf.layers.averagePooling1d({poolSize: 3, strides: 1, padding: 'same', name: 'smooth'}).apply(x);
  x = tf.layers.conv1d({filters: 6, kernelSize: 2, dilationRate: 2, activation: 'tanh', name: 'dilated'}).apply(x);
  const peak = tf.layers.globalMaxPooling1d({name: 'peak'}).apply(x);
  const mean = tf.layers.globalAveragePooling1d({name: 'mean'}).apply(x);
  x = tf.layers.concatenate({name: 'both'}).apply([peak, mean]);
  const out = tf.layers.dense({units: 3, activation: 'softmax', name: 'labels'}).apply(x);
  return tf.model({inputs: series, outputs: out, name: 'sequence'});
}

function safetensors(entries) {
  const header = {};
  const chunks = [];
  let offset = 0;
  for (const [name, shape, data] of entries) {
    const bytes = Buffer.from(new Float32Array(data).buffer);
    header[name] = {dtype: 'F32', shape, data_offsets: [offset, offset + bytes.length]};
    chunks.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  while ((json.length + 8) % 8 !== 0) json += ' ';
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, Buffer.from(json), ...chunks]);
}

/**
 * A shared layer, as the Keras functional API guide builds one: two inputs read by the same Dense
 * layer (one set of weights, two calls), then concatenated. Kiln cannot express it; the importer
 * must name the layer and say what to do.
 */
function shared() {
  const left = tf.input({shape: [4], name: 'left'});
  const right = tf.input({shape: [4], name: 'right'});
  const encoder = tf.layers.dense({units: 3, activation: 'relu', name: 'encoder'});
  const both = tf.layers.concatenate({name: 'both'}).apply([encoder.apply(left), encoder.apply(right)]);
  const out = tf.layers.dense({units: 1, name: 'score'}).apply(both);
  return tf.model({inputs: [left, right], outputs: out, name: 'siamese'});
}

function write(name, model, seed) {
  const draw = random(seed);
  const entries = [];
  const values = model.weights.map((w) => {
    const n = w.shape.reduce((p, d) => p * d, 1);
    const positive = /variance|gamma/.test(w.name);
    const data = Array.from({length: n}, () => (positive ? draw(0.5, 1.5) : draw(-0.5, 0.5)));
    entries.push([w.name, w.shape, data]);
    return tf.tensor(data, w.shape);
  });
  model.setWeights(values);
  const inShape = model.inputs[0].shape.slice(1);
  const size = inShape.reduce((p, d) => p * d, 1);
  const input = Array.from({length: BATCH * size}, () => draw(-1, 1));
  const output = model.predict(tf.tensor(input, [BATCH].concat(inShape))).dataSync();
  fs.writeFileSync(path.join(OUT, name + '.model.json'), JSON.stringify(JSON.parse(JSON.stringify(model.toJSON(null, false))), null, 1) + '\n');
  fs.writeFileSync(path.join(OUT, name + '.safetensors'), safetensors(entries));
  if (model.constructor.name !== 'Sequential') {
    fs.writeFileSync(path.join(OUT, name + '.keras3.json'), JSON.stringify(keras3(model), null, 1) + '\n');
  }
  fs.writeFileSync(path.join(OUT, name + '.in.bin'), Buffer.from(new Float32Array(input).buffer));
  fs.writeFileSync(path.join(OUT, name + '.out.bin'), Buffer.from(new Float32Array(output).buffer));
  console.log(`${name}: ${model.layers.length} layers, ${model.countParams()} parameters, ${output.length} outputs`);
}

tf.setBackend('cpu').then(() => {
  fs.mkdirSync(OUT, {recursive: true});
  write('residual', residual(), 1);
  write('small_cnn', sequential(), 2);
  write('sequence', sequence(), 3);
  const siamese = shared();
  fs.writeFileSync(path.join(OUT, 'shared.model.json'), JSON.stringify(siamese.toJSON(null, false), null, 1) + '\n');
  fs.writeFileSync(path.join(OUT, 'shared.keras3.json'), JSON.stringify(keras3(siamese), null, 1) + '\n');
});
