// Writes TensorFlow.js's output (<name>.tfjs.bin) for every case torch_reference.py prepared.
// Run from reference/: npm install && node runtime/tfjs_reference.js
// Cases tfjs cannot express the Keras way are skipped with the reason printed (see README.md).
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const HERE = __dirname;
const FIXTURES = path.join(HERE, '..', '..', 'runtime', 'src', 'test', 'resources', 'runtime');
const BATCH = 2;

function parseValue(text) {
  if (!/^[-0-9]/.test(text)) return text;
  const parts = text.split(',').map(Number);
  return parts.length > 1 ? parts : parts[0];
}

function loadCases() {
  return fs.readFileSync(path.join(HERE, 'cases.txt'), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const [name, shape, layers] = line.split('|').map((p) => p.trim());
      return {
        name,
        shape: shape.split(',').map(Number),
        layers: layers.split(';').map((spec) => {
          const words = spec.trim().split(/\s+/);
          const attrs = {};
          for (const w of words.slice(1)) {
            const [k, v] = w.split('=');
            attrs[k] = parseValue(v);
          }
          return [words[0], attrs];
        }),
      };
    });
}

const pair = (v) => (Array.isArray(v) ? v : [v, v]);
const ACTIVATIONS = {linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', gelu: 'gelu',
  silu: 'swish', swish: 'swish', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', softplus: 'softplus',
  softsign: 'softsign', mish: 'mish', log_softmax: 'logSoftmax'};

function activation(name) {
  if (!(name in ACTIVATIONS)) throw new Skip(`tfjs has no Keras 3 '${name}'`);
  return ACTIVATIONS[name];
}

class Skip extends Error {}

/**
 * tfjs's upSampling2d layer resizes bilinearly with the legacy asymmetric convention
 * (resizeBilinear(alignCorners=false, halfPixelCenters=false)); Keras 3 uses half-pixel centres.
 * So bilinear cases call the tfjs op with halfPixelCenters=true instead of the layer.
 */
class HalfPixelBilinear extends tf.layers.Layer {
  constructor(size, config) {
    super(config);
    this.size = size;
  }
  computeOutputShape(s) {
    return [s[0], s[1] * this.size[0], s[2] * this.size[1], s[3]];
  }
  call(inputs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.image.resizeBilinear(x, [x.shape[1] * this.size[0], x.shape[2] * this.size[1]], false, true);
  }
  static get className() {
    return 'HalfPixelBilinear';
  }
}

/** Returns [layer, weight shapes] for one case layer, or throws Skip. */
function build(kind, a, inShape, first) {
  const common = first ? {inputShape: inShape} : {};
  const useBias = a.bias !== 'false';
  const act = activation(a.activation || 'linear');
  const conv = {kernelSize: pair(a.kernel), strides: pair(a.strides || 1), padding: a.padding || 'valid',
    activation: act, useBias, ...common};
  const c = inShape[inShape.length - 1];
  const [kh, kw] = pair(a.kernel || 1);
  switch (kind) {
    case 'conv2d':
      return [tf.layers.conv2d({...conv, filters: a.filters, dilationRate: pair(a.dilation || 1)}),
        [[kh, kw, c, a.filters]].concat(useBias ? [[a.filters]] : [])];
    case 'depthwise': {
      if ((a.dilation || 1) !== 1) throw new Skip('tfjs ignores dilation in depthwiseConv2d');
      const m = a.multiplier || 1;
      return [tf.layers.depthwiseConv2d({...conv, depthMultiplier: m}),
        [[kh, kw, c, m]].concat(useBias ? [[c * m]] : [])];
    }
    case 'separable': {
      const m = a.multiplier || 1;
      return [tf.layers.separableConv2d({...conv, filters: a.filters, depthMultiplier: m,
        dilationRate: pair(a.dilation || 1)}),
      [[kh, kw, c, m], [1, 1, c * m, a.filters]].concat(useBias ? [[a.filters]] : [])];
    }
    case 'transpose':
      if ((a.dilation || 1) !== 1) throw new Skip('tfjs ignores dilation in conv2dTranspose');
      if (a.outpad !== undefined) throw new Skip('tfjs has no outputPadding');
      return [tf.layers.conv2dTranspose({...conv, filters: a.filters}),
        [[kh, kw, a.filters, c]].concat(useBias ? [[a.filters]] : [])];
    case 'maxpool':
    case 'avgpool': {
      const cfg = {poolSize: pair(a.pool), strides: pair(a.strides || a.pool), padding: a.padding || 'valid',
        ...common};
      return [kind === 'maxpool' ? tf.layers.maxPooling2d(cfg) : tf.layers.averagePooling2d(cfg), []];
    }
    case 'gap': return [tf.layers.globalAveragePooling2d(common), []];
    case 'gmp': return [tf.layers.globalMaxPooling2d(common), []];  // keepdims only reshapes
    case 'upsample':
      if (a.interp === 'bilinear') return [new HalfPixelBilinear(pair(a.size || 2), common), []];
      return [tf.layers.upSampling2d({size: pair(a.size || 2), interpolation: a.interp || 'nearest', ...common}),
        []];
    case 'zeropad': {
      const [t, b, l, r] = a.padding;
      return [tf.layers.zeroPadding2d({padding: [[t, b], [l, r]], ...common}), []];
    }
    case 'crop': {
      const [t, b, l, r] = a.cropping;
      return [tf.layers.cropping2D({cropping: [[t, b], [l, r]], ...common}), []];
    }
    case 'bn': {
      const scale = a.scale !== 'false';
      const center = a.center !== 'false';
      const shapes = [];
      if (scale) shapes.push([c]);
      if (center) shapes.push([c]);
      shapes.push([c], [c]);
      return [tf.layers.batchNormalization({epsilon: a.epsilon || 1e-3, scale, center, ...common}), shapes];
    }
    case 'act':
      if (a.fn === 'leaky_relu') return [tf.layers.leakyReLU({alpha: 0.2, ...common}), []];
      if (a.fn === 'hard_sigmoid') throw new Skip('tfjs hardSigmoid is Keras 2\'s clip(0.2x + 0.5), not relu6(x+3)/6');
      return [tf.layers.activation({activation: activation(a.fn), ...common}), []];
    case 'relu':
      if (a.slope || a.threshold) throw new Skip('tfjs ReLU has only maxValue');
      return [tf.layers.reLU({maxValue: a.max, ...common}), []];
    case 'leakyrelu': return [tf.layers.leakyReLU({alpha: a.slope, ...common}), []];
    case 'elu':
      if (a.alpha !== undefined && a.alpha !== 1) throw new Skip('tfjs ELU layer supports only alpha 1');
      return [tf.layers.elu({...common}), []];
    case 'softmax': return [tf.layers.softmax({axis: -1, ...common}), []];
    case 'dense':
      return [tf.layers.dense({units: a.units, activation: activation(a.activation || 'linear'), useBias, ...common}),
        [[c, a.units]].concat(useBias ? [[a.units]] : [])];
    case 'flatten': return [tf.layers.flatten(common), []];
    case 'reshape': return [tf.layers.reshape({targetShape: pair(a.target).length ? [].concat(a.target) : [a.target],
      ...common}), []];
    case 'dropout': return [tf.layers.dropout({rate: a.rate, ...common}), []];
    case 'rescale': return [tf.layers.rescaling({scale: a.scale, offset: a.offset || 0, ...common}), []];
    case 'norm': throw new Skip('tfjs has no Normalization layer');
    default: throw new Error(kind);
  }
}

function run(kase) {
  const bytes = fs.readFileSync(path.join(FIXTURES, kase.name + '.in.bin'));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const inSize = kase.shape.reduce((p, d) => p * d, 1);
  const model = tf.sequential();
  let offset = BATCH * inSize;
  let shape = kase.shape;
  const pending = [];
  kase.layers.forEach(([kind, attrs], i) => {
    const [layer, shapes] = build(kind, attrs, shape, i === 0);
    model.add(layer);
    pending.push([layer, shapes]);
    shape = layer.outputShape.slice(1);
  });
  for (const [layer, shapes] of pending) {
    const tensors = shapes.map((s) => {
      const n = s.reduce((p, d) => p * d, 1);
      const t = tf.tensor(data.slice(offset, offset + n), s);
      offset += n;
      return t;
    });
    if (tensors.length) layer.setWeights(tensors);
  }
  if (offset !== data.length) throw new Error(`${kase.name}: read ${offset} of ${data.length} floats`);
  const x = tf.tensor(data.slice(0, BATCH * inSize), [BATCH].concat(kase.shape));
  const y = model.predict(x).dataSync();
  fs.writeFileSync(path.join(FIXTURES, kase.name + '.tfjs.bin'), Buffer.from(new Float32Array(y).buffer));
  return y.length;
}

module.exports = {tf, build, Skip, parseValue, pair};

if (require.main === module) {
  tf.setBackend('cpu').then(() => {
    for (const kase of loadCases()) {
      try {
        console.log(`${kase.name}: ${run(kase)} floats`);
      } catch (e) {
        if (!(e instanceof Skip)) throw e;
        fs.rmSync(path.join(FIXTURES, kase.name + '.tfjs.bin'), {force: true});
        console.log(`${kase.name}: skipped (${e.message})`);
      }
    }
  });
}
