// Runs the cases of cases.json that TensorFlow.js 4.22 can express (generate.py's `tfjs`) and
// records, per layer, the output shape (symbolic input, batch unknown) and countParams(); a layer
// fails when it throws or gives a dimension <= 0. For the cases PyTorch ran to the end, the same
// weights (Keras layout, from run_torch.py's result) are set and the model predicts the same input.
//
// usage: node run_tfjs.js CASES_JSON TORCH_JSON OUT_JSON
const tf = require('@tensorflow/tfjs');
const fs = require('fs');

const [casesPath, torchPath, outPath] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
const torch = new Map(JSON.parse(fs.readFileSync(torchPath, 'utf8')).map((r) => [r.id, r]));

function make(l) {
  const act = l.activation ? l.activation.toLowerCase() : undefined;
  switch (l.type) {
    case 'Conv1D':
      return tf.layers.conv1d({filters: l.filters, kernelSize: l.kernelSize[0], strides: l.strides[0],
        padding: l.padding.toLowerCase(), dilationRate: l.dilationRate[0], activation: act, useBias: l.useBias});
    case 'MaxPooling1D':
    case 'AveragePooling1D': {
      const f = l.type === 'MaxPooling1D' ? tf.layers.maxPooling1d : tf.layers.averagePooling1d;
      return f({poolSize: l.poolSize[0], strides: l.strides.length ? l.strides[0] : null,
        padding: l.padding.toLowerCase()});
    }
    case 'GlobalMaxPooling1D':
      return tf.layers.globalMaxPooling1d({});
    case 'GlobalAveragePooling1D':
      return tf.layers.globalAveragePooling1d({});
    case 'Flatten':
      return tf.layers.flatten({});
    case 'Dense':
      return tf.layers.dense({units: l.units, activation: act, useBias: l.useBias});
    default:
      throw new Error('not in tfjs: ' + l.type);
  }
}

const out = [];
for (const c of cases) {
  if (!c.tfjs) continue;
  const r = {id: c.id, valid: true, shapes: [], trainable: [], nonTrainable: []};
  const layers = [];
  let x = tf.input({shape: c.input});
  for (let i = 0; i < c.layers.length; i++) {
    try {
      const layer = make(c.layers[i]);
      const y = layer.apply(x);
      const dims = y.shape.slice(1);
      if (dims.some((d) => d === null || d <= 0)) throw new Error('dimension <= 0: ' + JSON.stringify(dims));
      r.shapes.push(dims);
      r.trainable.push(layer.countParams());
      r.nonTrainable.push(0);
      layers.push(layer);
      x = y;
    } catch (e) {
      r.valid = false;
      r.failedAt = i;
      r.error = String(e.message).split('\n')[0].slice(0, 200);
      break;
    }
  }
  const t = torch.get(c.id);
  if (r.valid && t && t.valid && JSON.stringify(r.shapes) !== JSON.stringify(t.shapes)) {
    console.log(c.id + ': shapes differ from torch: ' + JSON.stringify(r.shapes) + ' vs ' + JSON.stringify(t.shapes));
  } else if (r.valid && t && t.valid) {
    let w = 0;
    for (const layer of layers) {
      if (layer.countParams() === 0) continue;
      const tensors = t.weights[w++];
      layer.setWeights(layer.weights.map((v) => {
        const name = v.originalName.split('/').pop();
        const found = tensors[name];
        if (!found) throw new Error(c.id + ': no ' + name);
        return tf.tensor(found.values, found.dims);
      }));
    }
    const model = tf.model({inputs: layers.length ? layers[0].input : x, outputs: x});
    const input = tf.tensor(t.inputValues, [2].concat(c.input));
    r.output = Array.from(model.predict(input).dataSync());
  }
  out.push(r);
}
fs.writeFileSync(outPath, JSON.stringify(out));
console.log('tfjs: ' + out.length + ' cases, ' + out.filter((r) => r.valid).length + ' valid');
