// Runs every case of cases.json through TensorFlow.js layers (the version pinned in
// ../package.json) and writes what tfjs did, layer by layer, to the output JSON.
//
// Each layer is applied twice: to the symbolic output of the previous layer (tf.input with an
// unknown batch, as in a Keras functional model) and to a concrete zero tensor of batch 1, so that
// errors tfjs raises only when computing (e.g. "Either strides or dilations must be 1") count too.
// A layer fails when either application throws, or its symbolic output has a dimension <= 0.
//
// usage: node run_tfjs.js CASES_JSON OUT_JSON
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'node_modules', '@tensorflow', 'tfjs'));

const lower = (s) => s.toLowerCase();
const pairs = (p) => [[p[0], p[1]], [p[2], p[3]]];
// dev.kiln.dsl.Activations -> tfjs activation identifiers (shape-neutral; LEAKY_RELU is a layer)
const ACTIVATIONS = {
  LINEAR: 'linear', RELU: 'relu', RELU6: 'relu6', ELU: 'elu', SELU: 'selu', GELU: 'gelu',
  SILU: 'swish', SWISH: 'swish', SIGMOID: 'sigmoid', HARD_SIGMOID: 'hardSigmoid', TANH: 'tanh',
  SOFTMAX: 'softmax', SOFTPLUS: 'softplus', SOFTSIGN: 'softsign',
};

function makeLayer(l) {
  // An optional fused `activation` (used by reference/graphs; absent in this fixture) is honoured.
  const fused = l.activation && l.activation !== 'LINEAR' ? { activation: ACTIVATIONS[l.activation] } : {};
  const conv = () => ({ kernelSize: l.kernelSize, strides: l.strides, padding: lower(l.padding),
    dilationRate: l.dilationRate, useBias: l.useBias, ...fused });
  switch (l.type) {
    case 'Conv2D': return tf.layers.conv2d({ filters: l.filters, ...conv() });
    case 'DepthwiseConv2D':
      return tf.layers.depthwiseConv2d({ depthMultiplier: l.depthMultiplier, ...conv() });
    case 'SeparableConv2D':
      return tf.layers.separableConv2d({ filters: l.filters, depthMultiplier: l.depthMultiplier, ...conv() });
    case 'Conv2DTranspose':
      if (l.outputPadding.length || l.dilationRate.some((d) => d !== 1)) {
        throw new Error('UNSUPPORTED: tfjs Conv2DTranspose has no outputPadding and ignores dilationRate');
      }
      return tf.layers.conv2dTranspose({ filters: l.filters, kernelSize: l.kernelSize,
        strides: l.strides, padding: lower(l.padding), useBias: l.useBias, ...fused });
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const cfg = { poolSize: l.poolSize, padding: lower(l.padding) };
      if (l.strides.length) cfg.strides = l.strides;
      return l.type === 'MaxPooling2D' ? tf.layers.maxPooling2d(cfg) : tf.layers.averagePooling2d(cfg);
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      if (l.keepdims) throw new Error('UNSUPPORTED: tfjs global pooling has no keepdims');
      return l.type === 'GlobalAveragePooling2D' ? tf.layers.globalAveragePooling2d({})
        : tf.layers.globalMaxPooling2d({});
    case 'UpSampling2D':
      return tf.layers.upSampling2d({ size: l.size, interpolation: lower(l.interpolation) });
    case 'ZeroPadding2D': return tf.layers.zeroPadding2d({ padding: pairs(l.padding) });
    case 'Cropping2D': return tf.layers.cropping2D({ cropping: pairs(l.cropping) });
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ center: l.center, scale: l.scale });
    case 'Dropout':
      if (!(l.rate >= 0 && l.rate < 1)) throw new Error('UNSUPPORTED: tfjs clamps the dropout rate');
      return tf.layers.dropout({ rate: l.rate });
    case 'Activation':
      if (l.value === 'LEAKY_RELU') return tf.layers.leakyReLU({ alpha: 0.2 });
      return tf.layers.activation({ activation: ACTIVATIONS[l.value] });
    case 'ReLU': return tf.layers.reLU({});
    case 'LeakyReLU': return tf.layers.leakyReLU({ alpha: l.negativeSlope });
    case 'ELU': return tf.layers.elu({});
    case 'Softmax': return tf.layers.softmax({ axis: -1 }); // tfjs defaults to axis 1, Keras to -1
    case 'Flatten': return tf.layers.flatten({});
    case 'Reshape': return tf.layers.reshape({ targetShape: l.targetShape });
    case 'Dense': return tf.layers.dense({ units: l.units, useBias: l.useBias, ...fused });
    default: throw new Error('UNSUPPORTED: layer type ' + l.type);
  }
}

const count = (weights) => weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);

function runCase(c) {
  const layers = [];
  let symbolic = tf.input({ shape: c.input });
  let concrete = tf.zeros([1, ...c.input]);
  for (let i = 0; i < c.layers.length; i++) {
    let layer;
    let out;
    let value;
    try {
      layer = makeLayer(c.layers[i]);
      out = layer.apply(symbolic);
    } catch (e) {
      return { id: c.id, layers, error: { index: i, stage: 'symbolic', message: e.message } };
    }
    const shape = out.shape.slice(1).map((d) => (d === null ? null : d + 0)); // -0 -> 0
    if (shape.some((d) => d === null || d <= 0)) {
      layers.push({ shape });
      return { id: c.id, layers, error: { index: i, stage: 'shape', message: 'non-positive or unknown dimension ' + JSON.stringify(shape) } };
    }
    try {
      value = tf.tidy(() => layer.apply(concrete, { training: false }));
    } catch (e) {
      layers.push({ shape });
      return { id: c.id, layers, error: { index: i, stage: 'execute', message: e.message } };
    }
    const executed = value.shape.slice(1);
    concrete.dispose();
    concrete = value;
    layers.push({ shape, executed: JSON.stringify(executed) === JSON.stringify(shape) ? undefined : executed,
      trainable: count(layer.trainableWeights), nonTrainable: count(layer.nonTrainableWeights) });
    symbolic = out;
  }
  concrete.dispose();
  return { id: c.id, layers, error: null };
}

function main() {
  const [casesPath, outPath] = process.argv.slice(2);
  const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
  const results = [];
  for (const c of cases) {
    results.push(runCase(c));
    tf.disposeVariables();
  }
  fs.writeFileSync(outPath, JSON.stringify(results, null, 1) + '\n');
}

module.exports = { tf, makeLayer, count, ACTIVATIONS };

if (require.main === module) main();
