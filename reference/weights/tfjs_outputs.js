// Writes TensorFlow.js's output (<model>.tfjs.bin) for each model of models.txt, loading the weights
// from the Keras-named safetensors file make_fixtures.py wrote (a second, independent reader of it).
// Run from reference/: npm install && node weights/tfjs_outputs.js   (@tensorflow/tfjs 4.22.0, CPU)
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const FIXTURES = path.join(__dirname, '..', '..', 'runtime', 'src', 'test', 'resources', 'weights');
const BATCH = 2;

function parseValue(text) {
  if (!/^[-0-9]/.test(text)) return text;
  const parts = text.split(',').map(Number);
  return parts.length > 1 ? parts : parts[0];
}

function loadModels(file = path.join(__dirname, 'models.txt')) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const [name, shape, layers] = line.split('|').map((p) => p.trim());
      return {name, shape: shape.split(',').map(Number), layers: layers.split(';').map((spec) => {
        const words = spec.trim().split(/\s+/);
        const [field, kind] = words[0].split(':');
        const attrs = {};
        for (const w of words.slice(1)) {
          const [k, v] = w.split('=');
          attrs[k] = parseValue(v);
        }
        return {field, kind, attrs};
      })};
    });
}

/** name -> Float32Array from a float32 safetensors file (header checked only as far as needed here). */
function readSafetensors(file) {
  return parseSafetensors(fs.readFileSync(file));
}

/** As readSafetensors, from the file's bytes. */
function parseSafetensors(bytes) {
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  const out = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (info.dtype !== 'F32') throw new Error(`${name}: ${info.dtype}`);
    const [begin, end] = info.data_offsets;
    const slice = bytes.subarray(8 + n + begin, 8 + n + end);
    out[name] = {shape: info.shape, values: new Float32Array(slice.buffer.slice(slice.byteOffset,
      slice.byteOffset + slice.byteLength))};
  }
  return out;
}

// Keras weight names per kind, in tfjs's setWeights order.
const WEIGHTS = {conv2d: ['kernel', 'bias'], depthwise: ['kernel', 'bias'], transpose: ['kernel', 'bias'],
  separable: ['depthwise_kernel', 'pointwise_kernel', 'bias'], dense: ['kernel', 'bias'],
  bn: ['gamma', 'beta', 'moving_mean', 'moving_variance']};

function build({kind, attrs: a}, common) {
  const conv = {kernelSize: a.kernel, strides: a.strides || 1, padding: a.padding || 'valid',
    activation: a.activation || 'linear', ...common};
  switch (kind) {
    case 'conv2d': return tf.layers.conv2d({...conv, filters: a.filters});
    case 'depthwise': return tf.layers.depthwiseConv2d({...conv, depthMultiplier: a.multiplier || 1});
    case 'separable': return tf.layers.separableConv2d({...conv, filters: a.filters,
      depthMultiplier: a.multiplier || 1});
    case 'transpose': return tf.layers.conv2dTranspose({...conv, filters: a.filters});
    case 'maxpool': return tf.layers.maxPooling2d({poolSize: a.pool, ...common});
    case 'bn': return tf.layers.batchNormalization({epsilon: 1e-3, ...common});
    case 'flatten': return tf.layers.flatten(common);
    case 'dropout': return tf.layers.dropout({rate: a.rate, ...common});
    case 'dense': return tf.layers.dense({units: a.units, activation: a.activation || 'linear', ...common});
    default: throw new Error(kind);
  }
}

function run(model) {
  const weights = readSafetensors(path.join(FIXTURES, model.name + '.keras.safetensors'));
  const net = tf.sequential();
  model.layers.forEach((layer, i) => net.add(build(layer, i === 0 ? {inputShape: model.shape} : {})));
  model.layers.forEach((layer, i) => {
    const names = WEIGHTS[layer.kind] || [];
    if (names.length) {
      net.layers[i].setWeights(names.map((n) => {
        const w = weights[`${layer.field}/${n}`];
        return tf.tensor(w.values, w.shape);
      }));
    }
  });
  const bytes = fs.readFileSync(path.join(FIXTURES, model.name + '.input.bin'));
  const x = tf.tensor(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    [BATCH].concat(model.shape));
  const y = net.predict(x).dataSync();
  fs.writeFileSync(path.join(FIXTURES, model.name + '.tfjs.bin'), Buffer.from(new Float32Array(y).buffer));
  return y.length;
}

module.exports = {loadModels, readSafetensors, parseSafetensors};

if (require.main === module) {
  tf.setBackend('cpu').then(() => {
    for (const model of loadModels()) {
      console.log(`${model.name}: ${run(model)} floats`);
    }
  });
}
