// Seeded weights and inputs for the Keras Applications output fixtures (efficientnet.js,
// applications.js). The tensors themselves are too large to commit (21 MB for EfficientNetB0), so a
// fixture keeps how each was drawn and a SHA-256 of them all; the Java test draws them again with the
// same generator, checks the digest, and loads them by their Keras names.
const crypto = require('crypto');
const tf = require('@tensorflow/tfjs');

/**
 * make_fixtures.js's generator (a 32-bit LCG): each value is low + (high - low) * state / 2^32 in
 * double precision, then rounded to float32.
 */
function random(seed) {
  let state = seed >>> 0;
  return (low, high) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return low + (high - low) * (state / 4294967296);
  };
}

/**
 * How each weight is drawn, by its Keras name, so the activations stay of order one through a deep
 * network: kernels uniform in +-sqrt(3 / fan_in) (fan_in: every axis but the last; a depthwise
 * kernel's is kh * kw; the classifier `predictions` 8 times that, so its softmax is far from uniform),
 * variances and gammas in [0.5, 1.5), a Normalization's mean in [0.3, 0.6) and variance in
 * [0.04, 0.08) (ImageNet-like), everything else in [-0.1, 0.1). An integer `count` is 0 (null).
 */
function range(name, shape) {
  const weight = name.slice(name.lastIndexOf('/') + 1);
  if (name.startsWith('normalization/')) {
    return weight === 'mean' ? [0.3, 0.6] : weight === 'variance' ? [0.04, 0.08] : null;
  }
  if (weight === 'kernel' || weight === 'depthwise_kernel') {
    const fanIn = weight === 'depthwise_kernel' ? shape[0] * shape[1] : shape.slice(0, -1).reduce((p, d) => p * d, 1);
    const a = Math.sqrt(3 / fanIn) * (name.startsWith('predictions/') ? 8 : 1);
    return [-a, a];
  }
  if (weight === 'gamma' || weight === 'moving_variance') return [0.5, 1.5];
  return [-0.1, 0.1];
}

/**
 * Sets `model`'s weights from the generator, draws one input of `model`'s shape uniform in
 * [low, high), runs it, and returns the manifest (seed, input, every weight's name, shape, dtype and
 * range in model order, the SHA-256 of all weight bytes then the input's) and the output.
 */
function run(model, seed, low, high) {
  const draw = random(seed);
  const hash = crypto.createHash('sha256');
  const weights = [];
  model.setWeights(model.weights.map((w) => {
    const n = w.shape.reduce((p, d) => p * d, 1);
    const r = range(w.name, w.shape);
    if (r === null) {
      weights.push({name: w.name, shape: w.shape, dtype: 'I32'});
      hash.update(Buffer.from(new Int32Array(n).buffer));
      return tf.zeros(w.shape, 'int32');
    }
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = draw(r[0], r[1]);
    weights.push({name: w.name, shape: w.shape, dtype: 'F32', low: r[0], high: r[1]});
    hash.update(Buffer.from(data.buffer));
    return tf.tensor(data, w.shape);
  }));
  const shape = [1].concat(model.inputs[0].shape.slice(1));
  const input = new Float32Array(shape.reduce((p, d) => p * d, 1));
  for (let i = 0; i < input.length; i++) input[i] = draw(low, high);
  hash.update(Buffer.from(input.buffer));
  const output = model.predict(tf.tensor(input, shape)).dataSync();
  const manifest = {seed, input: {shape, low, high}, sha256: hash.digest('hex'), weights};
  return {manifest, output: Buffer.from(new Float32Array(output).buffer)};
}

module.exports = {random, range, run};
