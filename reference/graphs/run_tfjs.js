// Runs every graph case of cases.json through TensorFlow.js layers (the version pinned in
// ../package.json) as a functional model, and writes what tfjs did, layer by layer.
//
// Layers are created with ../shapes/run_tfjs.js makeLayer (merges here) and applied in declaration
// order, each to the symbolic outputs of the layers it reads ("from"; tf.input with an unknown batch
// for the model inputs) and to concrete zero tensors of batch 1, so that errors tfjs raises only
// when computing count too. A merge always receives an Array, also of a single tensor. A layer
// fails when either application throws, or its symbolic output has a dimension <= 0 or null.
// When every layer passes, tf.model({inputs, outputs}) is built from the symbolic tensors; its
// output shapes and countParams() / trainable / non-trainable weight totals are recorded, and
// model.predict runs on zeros when the case is small enough.
//
// usage: node run_tfjs.js CASES_JSON OUT_JSON
'use strict';
const fs = require('fs');
const path = require('path');
const { tf, makeLayer, count } = require(path.join(__dirname, '..', 'shapes', 'run_tfjs.js'));

// tfjs computes on its pure-JS CPU backend (about 0.5 GMAC/s): cases above EXECUTE_LIMIT multiplies
// (the three 35-110 GMAC U-Nets) are only applied symbolically; the smaller ones also run on zeros.
const EXECUTE_LIMIT = 3e9;
const PREDICT_LIMIT = 5e6; // elements of all layer outputs together, for the extra model.predict
const MERGES = { Add: 'add', Multiply: 'multiply', Average: 'average', Maximum: 'maximum',
  Minimum: 'minimum', Concatenate: 'concatenate' };

function makeGraphLayer(l) {
  if (l.type === 'Subtract') throw new Error('UNSUPPORTED: tfjs has no Subtract layer');
  if (l.type === 'Concatenate') return tf.layers.concatenate({ axis: l.axis });
  if (MERGES[l.type]) return tf.layers[MERGES[l.type]]({});
  if (l.activation === 'LEAKY_RELU') throw new Error('UNSUPPORTED: no fused leaky_relu in tfjs');
  return makeLayer(l);
}

const size = (shape) => shape.reduce((a, b) => a * b, 1);

function runCase(c) {
  const sym = {};
  const conc = {};
  const lastUse = {};
  c.layers.forEach((l, i) => l.from.forEach((n) => { lastUse[n] = i; }));
  c.outputs.forEach((n) => { lastUse[n] = Infinity; });
  const inputs = Object.entries(c.inputs).map(([name, shape]) => {
    sym[name] = tf.input({ shape });
    if (c.macs <= EXECUTE_LIMIT) conc[name] = tf.zeros([1, ...shape]);
    return sym[name];
  });
  const layers = [];
  const execute = c.macs <= EXECUTE_LIMIT;
  let elements = execute ? 0 : Infinity;
  const finish = (error) => {
    Object.values(conc).forEach((t) => t.dispose());
    return { id: c.id, executed: execute, layers, error };
  };
  for (let i = 0; i < c.layers.length; i++) {
    const l = c.layers[i];
    const merge = l.type === 'Subtract' || MERGES[l.type] !== undefined;
    const pick = (table) => (merge ? l.from.map((n) => table[n]) : table[l.from[0]]);
    if (!merge && l.from.length !== 1) throw new Error(`${c.id}: ${l.name} reads ${l.from.length} tensors`);
    let layer;
    let out;
    try {
      layer = makeGraphLayer(l);
      out = layer.apply(pick(sym));
    } catch (e) {
      return finish({ name: l.name, stage: 'symbolic', message: e.message });
    }
    const shape = out.shape.slice(1).map((d) => (d === null ? null : d + 0)); // -0 -> 0
    if (shape.some((d) => d === null || d <= 0)) {
      layers.push({ name: l.name, shape });
      return finish({ name: l.name, stage: 'shape', message: 'non-positive or unknown dimension ' + JSON.stringify(shape) });
    }
    if (!execute) {
      sym[l.name] = out;
      layers.push({ name: l.name, shape, trainable: count(layer.trainableWeights),
        nonTrainable: count(layer.nonTrainableWeights) });
      continue;
    }
    let value;
    try {
      value = tf.tidy(() => layer.apply(pick(conc), { training: false }));
    } catch (e) {
      layers.push({ name: l.name, shape });
      return finish({ name: l.name, stage: 'execute', message: e.message });
    }
    const executed = value.shape.slice(1);
    elements += size(executed);
    conc[l.name] = value;
    sym[l.name] = out;
    l.from.forEach((n) => {
      if (lastUse[n] === i && conc[n]) { conc[n].dispose(); delete conc[n]; }
    });
    layers.push({ name: l.name, shape,
      executed: JSON.stringify(executed) === JSON.stringify(shape) ? undefined : executed,
      trainable: count(layer.trainableWeights), nonTrainable: count(layer.nonTrainableWeights) });
  }
  const result = finish(null);
  const model = tf.model({ inputs, outputs: c.outputs.map((n) => sym[n]) });
  result.model = {
    outputs: model.outputs.map((o) => o.shape.slice(1)),
    total: model.countParams(),
    trainable: count(model.trainableWeights),
    nonTrainable: count(model.nonTrainableWeights),
    layers: model.layers.length,
  };
  if (elements <= PREDICT_LIMIT) {
    const xs = Object.values(c.inputs).map((shape) => tf.zeros([1, ...shape]));
    let ys = model.predict(xs.length === 1 ? xs[0] : xs);
    ys = Array.isArray(ys) ? ys : [ys];
    result.model.predicted = ys.map((y) => y.shape.slice(1));
    xs.concat(ys).forEach((t) => t.dispose());
  }
  return result;
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

main();
