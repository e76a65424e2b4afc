// Builds EfficientNetB0 in TensorFlow.js 4.22 exactly as keras/src/applications/efficientnet.py builds
// it (include_top, 224x224x3, weights="imagenet" so the stem's second Rescaling is there, Keras 3's
// layer names), and writes what the importer tests read (importer/src/test/resources/keras/applications/):
//   efficientnetb0.keras3.json.gz   the model as Keras 3 writes a .keras archive's config.json (keras3.js)
//   efficientnetb0.weights.json     how seeded.js drew every weight and the input, and their SHA-256
//                                   (the tensors, 21 MB, are drawn again by the test, not committed)
//   efficientnetb0.out.bin          TF.js's softmax output for one seeded 224x224x3 input in [0, 255)
// Run from reference/: node importer/efficientnet.js
//
// CONSTRUCTED BY HAND (TF.js 4.22 has no Normalization layer; tfjs-layers registers only Rescaling,
// Resizing, CenterCrop, CategoryEncoding, RandomWidth and RandomHeight among Keras's preprocessing
// layers): the `Normalization` class below. Its computation and weights follow
// keras/src/layers/preprocessing/normalization.py with axis=3 and no mean/variance given:
//   call:       (x - mean) / max(sqrt(variance), backend.epsilon() = 1e-7)
//   build:      non-trainable weights `mean` (c), `variance` (c) and an integer `count` () - 7 for 3 channels
//   get_config: the base layer's keys, then `axis` (the tuple (3,), a JSON list), `invert` (False), `mean`
//               and `variance` (np.array(None).tolist(), i.e. null)
// Every other layer is TF.js's own, and its config is TF.js's model.toJSON() converted by keras3.js.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const tf = require('@tensorflow/tfjs');
const {keras3} = require('./keras3');
const {run} = require('./seeded');

const OUT = path.join(__dirname, '..', '..', 'importer', 'src', 'test', 'resources', 'keras', 'applications');
const L = tf.layers;
const EPSILON = 1e-7;

class Normalization extends tf.layers.Layer {
  constructor(args) {
    super(args);
    this.axis = args.axis;
  }

  build(inputShape) {
    const channels = inputShape[inputShape.length - 1];
    this.mean = this.addWeight('mean', [channels], 'float32', tf.initializers.zeros(), undefined, false);
    this.variance = this.addWeight('variance', [channels], 'float32', tf.initializers.ones(), undefined, false);
    this.count = this.addWeight('count', [], 'int32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.div(tf.sub(x, this.mean.read()), tf.maximum(tf.sqrt(this.variance.read()), EPSILON));
    });
  }

  getConfig() {
    return {...super.getConfig(), axis: [this.axis], invert: false, mean: null, variance: null};
  }
}
Normalization.className = 'Normalization';
tf.serialization.registerClass(Normalization);

/** imagenet_utils.correct_pad for a channels-last tensor: ((k//2 - adjust, k//2), ...), adjust = 1 - size % 2. */
function correctPad(x, kernel) {
  const [h, w] = [x.shape[1], x.shape[2]];
  const c = Math.floor(kernel / 2);
  return [[c - (1 - (h % 2)), c], [c - (1 - (w % 2)), c]];
}

/** efficientnet.py DEFAULT_BLOCKS_ARGS: kernel, repeats, filters in, filters out, expand ratio, strides. */
const BLOCKS = [[3, 1, 32, 16, 1, 1], [3, 2, 16, 24, 6, 2], [5, 2, 24, 40, 6, 2], [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1], [5, 4, 112, 192, 6, 2], [3, 1, 192, 320, 6, 1]];
const CONV_INIT = {scale: 2.0, mode: 'fanOut', distribution: 'truncatedNormal'};
const DENSE_INIT = {scale: 1 / 3, mode: 'fanOut', distribution: 'uniform'};
const IMAGENET_STDDEV_RGB = [0.229, 0.224, 0.225];

/** efficientnet.py block(): expansion, depthwise, squeeze-and-excitation (se_ratio 0.25), projection. */
function block(inputs, dropRate, name, filtersIn, filtersOut, kernel, strides, expand) {
  const filters = filtersIn * expand;
  let x = inputs;
  if (expand !== 1) {
    x = L.conv2d({filters, kernelSize: 1, padding: 'same', useBias: false,
      kernelInitializer: tf.initializers.varianceScaling(CONV_INIT), name: name + 'expand_conv'}).apply(x);
    x = L.batchNormalization({axis: 3, name: name + 'expand_bn'}).apply(x);
    x = L.activation({activation: 'swish', name: name + 'expand_activation'}).apply(x);
  }
  if (strides === 2) x = L.zeroPadding2d({padding: correctPad(x, kernel), name: name + 'dwconv_pad'}).apply(x);
  x = L.depthwiseConv2d({kernelSize: kernel, strides, padding: strides === 2 ? 'valid' : 'same', useBias: false,
    depthwiseInitializer: tf.initializers.varianceScaling(CONV_INIT), name: name + 'dwconv'}).apply(x);
  x = L.batchNormalization({axis: 3, name: name + 'bn'}).apply(x);
  x = L.activation({activation: 'swish', name: name + 'activation'}).apply(x);
  const filtersSe = Math.max(1, Math.floor(filtersIn * 0.25));
  let se = L.globalAveragePooling2d({name: name + 'se_squeeze'}).apply(x);
  se = L.reshape({targetShape: [1, 1, filters], name: name + 'se_reshape'}).apply(se);
  se = L.conv2d({filters: filtersSe, kernelSize: 1, padding: 'same', activation: 'swish',
    kernelInitializer: tf.initializers.varianceScaling(CONV_INIT), name: name + 'se_reduce'}).apply(se);
  se = L.conv2d({filters, kernelSize: 1, padding: 'same', activation: 'sigmoid',
    kernelInitializer: tf.initializers.varianceScaling(CONV_INIT), name: name + 'se_expand'}).apply(se);
  x = L.multiply({name: name + 'se_excite'}).apply([x, se]);
  x = L.conv2d({filters: filtersOut, kernelSize: 1, padding: 'same', useBias: false,
    kernelInitializer: tf.initializers.varianceScaling(CONV_INIT), name: name + 'project_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, name: name + 'project_bn'}).apply(x);
  if (strides === 1 && filtersIn === filtersOut) {
    if (dropRate > 0) x = L.dropout({rate: dropRate, noiseShape: [null, 1, 1, 1], name: name + 'drop'}).apply(x);
    x = L.add({name: name + 'add'}).apply([x, inputs]);
  }
  return x;
}

function efficientNetB0() {
  // Keras 3 names an unnamed Input `input_layer`, and numbers the two unnamed Rescaling layers.
  const input = tf.input({shape: [224, 224, 3], name: 'input_layer'});
  let x = L.rescaling({scale: 1.0 / 255.0, name: 'rescaling'}).apply(input);
  x = new Normalization({axis: 3, name: 'normalization'}).apply(x);
  x = L.rescaling({scale: IMAGENET_STDDEV_RGB.map((s) => 1.0 / Math.sqrt(s)), name: 'rescaling_1'}).apply(x);
  x = L.zeroPadding2d({padding: correctPad(x, 3), name: 'stem_conv_pad'}).apply(x);
  x = L.conv2d({filters: 32, kernelSize: 3, strides: 2, padding: 'valid', useBias: false,
    kernelInitializer: tf.initializers.varianceScaling(CONV_INIT), name: 'stem_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, name: 'stem_bn'}).apply(x);
  x = L.activation({activation: 'swish', name: 'stem_activation'}).apply(x);
  const total = BLOCKS.reduce((n, b) => n + b[1], 0);
  let b = 0;
  BLOCKS.forEach(([kernel, repeats, filtersIn, filtersOut, expand, strides], i) => {
    for (let j = 0; j < repeats; j++) {
      const name = `block${i + 1}${String.fromCharCode(j + 97)}_`;
      x = block(x, 0.2 * b / total, name, j ? filtersOut : filtersIn, filtersOut, kernel, j ? 1 : strides, expand);
      b++;
    }
  });
  x = L.conv2d({filters: 1280, kernelSize: 1, padding: 'same', useBias: false,
    kernelInitializer: tf.initializers.varianceScaling(CONV_INIT), name: 'top_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, name: 'top_bn'}).apply(x);
  x = L.activation({activation: 'swish', name: 'top_activation'}).apply(x);
  x = L.globalAveragePooling2d({name: 'avg_pool'}).apply(x);
  x = L.dropout({rate: 0.2, name: 'top_dropout'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', kernelInitializer: tf.initializers.varianceScaling(DENSE_INIT),
    name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'efficientnetb0'});
}

tf.setBackend('cpu').then(() => {
  const model = efficientNetB0();
  const {manifest, output} = run(model, 10, 0, 255);
  const config = keras3(model);
  delete config.compile_config; // keras.applications returns an uncompiled model
  fs.writeFileSync(path.join(OUT, 'efficientnetb0.keras3.json.gz'),
      zlib.gzipSync(JSON.stringify(config) + '\n', {level: 9}));
  fs.writeFileSync(path.join(OUT, 'efficientnetb0.weights.json'), JSON.stringify(manifest) + '\n');
  fs.writeFileSync(path.join(OUT, 'efficientnetb0.out.bin'), output);
  console.log(`efficientnetb0: ${model.layers.length} layers, ${model.countParams()} parameters`);
});
