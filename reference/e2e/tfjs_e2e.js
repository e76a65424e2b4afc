// Writes TensorFlow.js's output (<name>.tfjs.bin) for every end-to-end architecture make_e2e.py prepared
// (build/manifest.json), except those tfjs cannot run the Keras 3 way (the manifest says why).
// Each model is built with ../runtime/tfjs_reference.js's layers and gets its weights from the Keras-named
// safetensors file (read here independently of Kiln's reader); the inputs are make_e2e.py's. Prints the
// largest difference from PyTorch's output per architecture.
// Run from reference/: npm install && node e2e/tfjs_e2e.js [BUILD]   (@tensorflow/tfjs 4.22.0, CPU backend;
// BUILD: make_e2e.py's build folder, e2e/build unless it ran with --out)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const {tf, build, Skip, parseValue} = require('../runtime/tfjs_reference.js');
const {parseSafetensors} = require('../weights/tfjs_outputs.js');

const BUILD = process.argv[2] || path.join(__dirname, 'build');

function floats(file) {
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function run(entry) {
  const dir = entry.dir;
  const file = path.join(dir, entry.kerasFile);
  const raw = fs.readFileSync(file);
  const weights = parseSafetensors(file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw);
  const model = tf.sequential();
  let shape = entry.shape;
  const pending = [];
  entry.layers.forEach((l, i) => {
    const a = {};
    for (const [k, v] of Object.entries(l.attrs)) a[k] = parseValue(v);
    if (l.kind === 'reshape') {
      // with an unknown batch, tfjs leaves a -1 unresolved (docs/SEMANTICS.md §8): give it Keras's value
      const target = [].concat(a.target);
      const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
      a.target = target.map((d) => (d === -1 ? shape.reduce((p, e) => p * e, 1) / known : d));
    }
    const [layer, shapes] = build(l.kind, a, shape, i === 0);
    model.add(layer);
    if ((l.kind === 'gap' || l.kind === 'gmp') && a.keepdims === 'true') {
      // tfjs's global pooling has no keepdims; Keras's (1, 1, channels) is this reshape of its output
      model.add(tf.layers.reshape({targetShape: [1, 1, shape[2]]}));
    }
    pending.push([layer, shapes, l]);
    shape = model.outputs[0].shape.slice(1);
  });
  for (const [layer, shapes, l] of pending) {
    if (!l.weights.length) continue;
    layer.setWeights(l.weights.map((n, j) => {
      const w = weights[`${l.field}/${n}`];
      if (!w || JSON.stringify(w.shape) !== JSON.stringify(shapes[j])) {
        throw new Error(`${entry.name}: ${l.field}/${n} is ${w && JSON.stringify(w.shape)}, tfjs wants ${shapes[j]}`);
      }
      return tf.tensor(w.values, w.shape);
    }));
  }
  const x = tf.tensor(floats(path.join(BUILD, entry.name + '.input.bin')), [entry.batch].concat(entry.shape));
  const y = model.predict(x).dataSync();
  const stored = new Float32Array(Math.ceil(y.length / entry.stride));
  for (let i = 0; i < stored.length; i++) stored[i] = y[i * entry.stride];
  fs.writeFileSync(path.join(dir, entry.name + '.tfjs.bin'), Buffer.from(stored.buffer));
  const torch = floats(path.join(dir, entry.name + '.torch.bin'));
  if (torch.length !== stored.length) throw new Error(`${entry.name}: ${stored.length} floats, torch ${torch.length}`);
  let largest = 0;
  let scale = 1;
  for (let i = 0; i < stored.length; i++) {
    largest = Math.max(largest, Math.abs(stored[i] - torch[i]));
    scale = Math.max(scale, Math.abs(torch[i]));
  }
  tf.disposeVariables();
  return `${stored.length} floats, largest difference from torch ${largest.toExponential(2)} (max |torch| ${scale.toPrecision(3)})`;
}

tf.setBackend('cpu').then(() => {
  const manifest = JSON.parse(fs.readFileSync(path.join(BUILD, 'manifest.json'), 'utf8'));
  for (const entry of manifest) {
    const out = path.join(entry.dir, entry.name + '.tfjs.bin');
    if (!entry.tfjs) {
      fs.rmSync(out, {force: true});
      console.log(`${entry.name}: no tfjs (${entry.noTfjs.join('; ')})`);
      continue;
    }
    try {
      console.log(`${entry.name}: ${run(entry)}`);
    } catch (e) {
      if (e instanceof Skip) throw new Error(`${entry.name}: make_e2e.py expected tfjs to run it, but ${e.message}`);
      throw e;
    }
  }
});
