// Builds Keras Applications architectures in TensorFlow.js 4.22 exactly as keras/src/applications/
// {vgg16,vgg19,resnet,mobilenet,mobilenet_v2,xception,inception_v3,densenet}.py build them
// (include_top, default input sizes, Keras's layer names), and writes each model.toJSON() to
// importer/src/test/resources/keras/applications/NAME.model.json (.gz for the largest, with an output
// fixture), with its parameter count as TF.js counts it. Run from reference/: node importer/applications.js
const {execFileSync} = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const tf = require('@tensorflow/tfjs');
const {run} = require('./seeded');

const OUT = path.join(__dirname, '..', '..', 'importer', 'src', 'test', 'resources', 'keras', 'applications');
const L = tf.layers;

function vgg(name, convs) {
  const input = tf.input({shape: [224, 224, 3], name: 'input_1'});
  let x = input;
  const filters = [64, 128, 256, 512, 512];
  convs.forEach((n, b) => {
    for (let c = 1; c <= n; c++) {
      x = L.conv2d({filters: filters[b], kernelSize: 3, activation: 'relu', padding: 'same',
        name: `block${b + 1}_conv${c}`}).apply(x);
    }
    x = L.maxPooling2d({poolSize: 2, strides: 2, name: `block${b + 1}_pool`}).apply(x);
  });
  x = L.flatten({name: 'flatten'}).apply(x);
  x = L.dense({units: 4096, activation: 'relu', name: 'fc1'}).apply(x);
  x = L.dense({units: 4096, activation: 'relu', name: 'fc2'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name});
}

/** resnet.py block1 (ResNet50's bottleneck, conv_shortcut on the first block of a stack). */
function block1(x, filters, stride, shortcut, name) {
  let s = x;
  if (shortcut) {
    s = L.conv2d({filters: 4 * filters, kernelSize: 1, strides: stride, name: name + '_0_conv'}).apply(x);
    s = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_0_bn'}).apply(s);
  }
  x = L.conv2d({filters, kernelSize: 1, strides: stride, name: name + '_1_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_1_bn'}).apply(x);
  x = L.activation({activation: 'relu', name: name + '_1_relu'}).apply(x);
  x = L.conv2d({filters, kernelSize: 3, padding: 'same', name: name + '_2_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_2_bn'}).apply(x);
  x = L.activation({activation: 'relu', name: name + '_2_relu'}).apply(x);
  x = L.conv2d({filters: 4 * filters, kernelSize: 1, name: name + '_3_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_3_bn'}).apply(x);
  x = L.add({name: name + '_add'}).apply([s, x]);
  return L.activation({activation: 'relu', name: name + '_out'}).apply(x);
}

function resnet50() {
  const input = tf.input({shape: [224, 224, 3], name: 'input_1'});
  let x = L.zeroPadding2d({padding: [[3, 3], [3, 3]], name: 'conv1_pad'}).apply(input);
  x = L.conv2d({filters: 64, kernelSize: 7, strides: 2, name: 'conv1_conv'}).apply(x);
  x = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: 'conv1_bn'}).apply(x);
  x = L.activation({activation: 'relu', name: 'conv1_relu'}).apply(x);
  x = L.zeroPadding2d({padding: [[1, 1], [1, 1]], name: 'pool1_pad'}).apply(x);
  x = L.maxPooling2d({poolSize: 3, strides: 2, name: 'pool1_pool'}).apply(x);
  [[64, 3, 1, 'conv2'], [128, 4, 2, 'conv3'], [256, 6, 2, 'conv4'], [512, 3, 2, 'conv5']]
      .forEach(([filters, blocks, stride, name]) => {
        x = block1(x, filters, stride, true, name + '_block1');
        for (let i = 2; i <= blocks; i++) x = block1(x, filters, 1, false, `${name}_block${i}`);
      });
  x = L.globalAveragePooling2d({name: 'avg_pool'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'resnet50'});
}

function mobilenetV2() {
  const input = tf.input({shape: [224, 224, 3], name: 'input_1'});
  let x = L.conv2d({filters: 32, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'Conv1'})
      .apply(input);
  x = L.batchNormalization({axis: -1, epsilon: 1e-3, momentum: 0.999, name: 'bn_Conv1'}).apply(x);
  x = L.reLU({maxValue: 6, name: 'Conv1_relu'}).apply(x);
  const blocks = [[16, 1, 1], [24, 2, 6], [24, 1, 6], [32, 2, 6], [32, 1, 6], [32, 1, 6], [64, 2, 6], [64, 1, 6],
    [64, 1, 6], [64, 1, 6], [96, 1, 6], [96, 1, 6], [96, 1, 6], [160, 2, 6], [160, 1, 6], [160, 1, 6], [320, 1, 6]];
  blocks.forEach(([filters, stride, expansion], id) => {
    const inputs = x;
    const inChannels = x.shape[3];
    let prefix = `block_${id}_`;
    if (id) {
      x = L.conv2d({filters: expansion * inChannels, kernelSize: 1, padding: 'same', useBias: false,
        name: prefix + 'expand'}).apply(x);
      x = L.batchNormalization({epsilon: 1e-3, momentum: 0.999, name: prefix + 'expand_BN'}).apply(x);
      x = L.reLU({maxValue: 6, name: prefix + 'expand_relu'}).apply(x);
    } else {
      prefix = 'expanded_conv_';
    }
    if (stride === 2) {
      // imagenet_utils.correct_pad(x, 3) on an even size: ((0, 1), (0, 1))
      x = L.zeroPadding2d({padding: [[0, 1], [0, 1]], name: prefix + 'pad'}).apply(x);
    }
    x = L.depthwiseConv2d({kernelSize: 3, strides: stride, useBias: false, padding: stride === 1 ? 'same' : 'valid',
      name: prefix + 'depthwise'}).apply(x);
    x = L.batchNormalization({epsilon: 1e-3, momentum: 0.999, name: prefix + 'depthwise_BN'}).apply(x);
    x = L.reLU({maxValue: 6, name: prefix + 'depthwise_relu'}).apply(x);
    x = L.conv2d({filters, kernelSize: 1, padding: 'same', useBias: false, name: prefix + 'project'}).apply(x);
    x = L.batchNormalization({epsilon: 1e-3, momentum: 0.999, name: prefix + 'project_BN'}).apply(x);
    if (inChannels === filters && stride === 1) x = L.add({name: prefix + 'add'}).apply([inputs, x]);
  });
  x = L.conv2d({filters: 1280, kernelSize: 1, useBias: false, name: 'Conv_1'}).apply(x);
  x = L.batchNormalization({epsilon: 1e-3, momentum: 0.999, name: 'Conv_1_bn'}).apply(x);
  x = L.reLU({maxValue: 6, name: 'out_relu'}).apply(x);
  x = L.globalAveragePooling2d({name: 'global_average_pooling2d'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'mobilenetv2_1.00_224'});
}

/** resnet.py block2 (ResNetV2's pre-activation bottleneck). */
function block2(x, filters, stride, convShortcut, name, pools) {
  let preact = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_preact_bn'}).apply(x);
  preact = L.activation({activation: 'relu', name: name + '_preact_relu'}).apply(preact);
  let shortcut = x;
  if (convShortcut) {
    shortcut = L.conv2d({filters: 4 * filters, kernelSize: 1, strides: stride, name: name + '_0_conv'}).apply(preact);
  } else if (stride > 1) {
    // unnamed in resnet.py: Keras numbers them max_pooling2d, max_pooling2d_1, ...
    const poolName = pools.count ? `max_pooling2d_${pools.count}` : 'max_pooling2d';
    pools.count++;
    shortcut = L.maxPooling2d({poolSize: 1, strides: stride, name: poolName}).apply(x);
  }
  let y = L.conv2d({filters, kernelSize: 1, strides: 1, useBias: false, name: name + '_1_conv'}).apply(preact);
  y = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_1_bn'}).apply(y);
  y = L.activation({activation: 'relu', name: name + '_1_relu'}).apply(y);
  y = L.zeroPadding2d({padding: [[1, 1], [1, 1]], name: name + '_2_pad'}).apply(y);
  y = L.conv2d({filters, kernelSize: 3, strides: stride, useBias: false, name: name + '_2_conv'}).apply(y);
  y = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: name + '_2_bn'}).apply(y);
  y = L.activation({activation: 'relu', name: name + '_2_relu'}).apply(y);
  y = L.conv2d({filters: 4 * filters, kernelSize: 1, name: name + '_3_conv'}).apply(y);
  return L.add({name: name + '_out'}).apply([shortcut, y]);
}

function resnet50v2() {
  const input = tf.input({shape: [224, 224, 3], name: 'input_1'});
  let x = L.zeroPadding2d({padding: [[3, 3], [3, 3]], name: 'conv1_pad'}).apply(input);
  x = L.conv2d({filters: 64, kernelSize: 7, strides: 2, name: 'conv1_conv'}).apply(x);
  x = L.zeroPadding2d({padding: [[1, 1], [1, 1]], name: 'pool1_pad'}).apply(x);
  x = L.maxPooling2d({poolSize: 3, strides: 2, name: 'pool1_pool'}).apply(x);
  const pools = {count: 0};
  // stack2: block 1 with a conv shortcut, the last block with stride1 (2, except conv5's 1)
  [[64, 3, 2, 'conv2'], [128, 4, 2, 'conv3'], [256, 6, 2, 'conv4'], [512, 3, 1, 'conv5']]
      .forEach(([filters, blocks, stride1, name]) => {
        x = block2(x, filters, 1, true, name + '_block1', pools);
        for (let i = 2; i < blocks; i++) x = block2(x, filters, 1, false, `${name}_block${i}`, pools);
        x = block2(x, filters, stride1, false, `${name}_block${blocks}`, pools);
      });
  x = L.batchNormalization({axis: 3, epsilon: 1.001e-5, name: 'post_bn'}).apply(x);
  x = L.activation({activation: 'relu', name: 'post_relu'}).apply(x);
  x = L.globalAveragePooling2d({name: 'avg_pool'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'resnet50v2'});
}

/** mobilenet.py (alpha 1, depth_multiplier 1): _conv_block, then 13 _depthwise_conv_block. */
function mobilenet() {
  const input = tf.input({shape: [224, 224, 3], name: 'input_1'});
  let x = L.conv2d({filters: 32, kernelSize: 3, padding: 'same', useBias: false, strides: 2, name: 'conv1'})
      .apply(input);
  x = L.batchNormalization({axis: -1, name: 'conv1_bn'}).apply(x);
  x = L.reLU({maxValue: 6, name: 'conv1_relu'}).apply(x);
  [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1],
    [1024, 2], [1024, 1]].forEach(([filters, stride], i) => {
    const id = i + 1;
    if (stride === 2) x = L.zeroPadding2d({padding: [[0, 1], [0, 1]], name: `conv_pad_${id}`}).apply(x);
    x = L.depthwiseConv2d({kernelSize: 3, padding: stride === 1 ? 'same' : 'valid', depthMultiplier: 1,
      strides: stride, useBias: false, name: `conv_dw_${id}`}).apply(x);
    x = L.batchNormalization({axis: -1, name: `conv_dw_${id}_bn`}).apply(x);
    x = L.reLU({maxValue: 6, name: `conv_dw_${id}_relu`}).apply(x);
    x = L.conv2d({filters, kernelSize: 1, padding: 'same', useBias: false, strides: 1, name: `conv_pw_${id}`})
        .apply(x);
    x = L.batchNormalization({axis: -1, name: `conv_pw_${id}_bn`}).apply(x);
    x = L.reLU({maxValue: 6, name: `conv_pw_${id}_relu`}).apply(x);
  });
  // GlobalAveragePooling2D(keepdims=True): tfjs's layer has no keepdims, so its reshape is explicit
  x = L.globalAveragePooling2d({name: 'global_average_pooling2d'}).apply(x);
  x = L.reshape({targetShape: [1, 1, 1024], name: 'reshape_1'}).apply(x);
  x = L.dropout({rate: 1e-3, name: 'dropout'}).apply(x);
  x = L.conv2d({filters: 1000, kernelSize: 1, padding: 'same', name: 'conv_preds'}).apply(x);
  x = L.reshape({targetShape: [1000], name: 'reshape_2'}).apply(x);
  x = L.activation({activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'mobilenet_1.00_224'});
}

/** xception.py on 299x299x3; its unnamed layers get the names Keras numbers them with. */
function xception() {
  const count = {};
  const auto = (base) => {
    const n = count[base] || 0;
    count[base] = n + 1;
    return n ? `${base}_${n}` : base;
  };
  const bn = (x, name) => L.batchNormalization({axis: 3, name: name || auto('batch_normalization')}).apply(x);
  const relu = (x, name) => L.activation({activation: 'relu', name}).apply(x);
  const sep = (x, filters, name) => L.separableConv2d({filters, kernelSize: 3, padding: 'same', useBias: false, name})
      .apply(x);
  const shortcut = (x, filters) => bn(L.conv2d({filters, kernelSize: 1, strides: 2, padding: 'same', useBias: false,
    name: auto('conv2d')}).apply(x));
  const input = tf.input({shape: [299, 299, 3], name: 'input_1'});
  let x = L.conv2d({filters: 32, kernelSize: 3, strides: 2, useBias: false, name: 'block1_conv1'}).apply(input);
  x = relu(bn(x, 'block1_conv1_bn'), 'block1_conv1_act');
  x = L.conv2d({filters: 64, kernelSize: 3, useBias: false, name: 'block1_conv2'}).apply(x);
  x = relu(bn(x, 'block1_conv2_bn'), 'block1_conv2_act');
  [[128, 2], [256, 3], [728, 4]].forEach(([filters, b]) => {
    const residual = shortcut(x, filters);
    if (b > 2) x = relu(x, `block${b}_sepconv1_act`);
    x = bn(sep(x, filters, `block${b}_sepconv1`), `block${b}_sepconv1_bn`);
    x = relu(x, `block${b}_sepconv2_act`);
    x = bn(sep(x, filters, `block${b}_sepconv2`), `block${b}_sepconv2_bn`);
    x = L.maxPooling2d({poolSize: 3, strides: 2, padding: 'same', name: `block${b}_pool`}).apply(x);
    x = L.add({name: auto('add')}).apply([x, residual]);
  });
  for (let i = 0; i < 8; i++) {
    const p = `block${i + 5}`;
    const residual = x;
    for (let k = 1; k <= 3; k++) {
      x = relu(x, `${p}_sepconv${k}_act`);
      x = bn(sep(x, 728, `${p}_sepconv${k}`), `${p}_sepconv${k}_bn`);
    }
    x = L.add({name: auto('add')}).apply([x, residual]);
  }
  const residual = shortcut(x, 1024);
  x = relu(x, 'block13_sepconv1_act');
  x = bn(sep(x, 728, 'block13_sepconv1'), 'block13_sepconv1_bn');
  x = relu(x, 'block13_sepconv2_act');
  x = bn(sep(x, 1024, 'block13_sepconv2'), 'block13_sepconv2_bn');
  x = L.maxPooling2d({poolSize: 3, strides: 2, padding: 'same', name: 'block13_pool'}).apply(x);
  x = L.add({name: auto('add')}).apply([x, residual]);
  x = relu(bn(sep(x, 1536, 'block14_sepconv1'), 'block14_sepconv1_bn'), 'block14_sepconv1_act');
  x = relu(bn(sep(x, 2048, 'block14_sepconv2'), 'block14_sepconv2_bn'), 'block14_sepconv2_act');
  x = L.globalAveragePooling2d({name: 'avg_pool'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'xception'});
}

/** A Keras auto-namer: the layer class's snake_case name, then `_1`, `_2`, ... as Keras numbers them. */
function namer() {
  const count = {};
  return (base) => {
    const n = count[base] || 0;
    count[base] = n + 1;
    return n ? `${base}_${n}` : base;
  };
}

/**
 * inception_v3.py on 299x299x3. conv2d_bn is called without names, so Keras numbers its Conv2D
 * (use_bias=False), BatchNormalization (axis=3, scale=False, Keras's default epsilon 1e-3) and
 * Activation('relu'); the poolings and mixed9's inner concatenations are unnamed too.
 */
function inceptionV3() {
  const auto = namer();
  const convBn = (x, filters, rows, cols, padding = 'same', strides = 1) => {
    x = L.conv2d({filters, kernelSize: [rows, cols], strides, padding, useBias: false, name: auto('conv2d')}).apply(x);
    x = L.batchNormalization({axis: 3, scale: false, name: auto('batch_normalization')}).apply(x);
    return L.activation({activation: 'relu', name: auto('activation')}).apply(x);
  };
  const maxPool = (x) => L.maxPooling2d({poolSize: 3, strides: 2, name: auto('max_pooling2d')}).apply(x);
  const avgPool = (x) => L.averagePooling2d({poolSize: 3, strides: 1, padding: 'same', name: auto('average_pooling2d')})
      .apply(x);
  const concat = (xs, name) => L.concatenate({axis: 3, name: name || auto('concatenate')}).apply(xs);
  const input = tf.input({shape: [299, 299, 3], name: 'input_1'});
  let x = convBn(input, 32, 3, 3, 'valid', 2);
  x = convBn(x, 32, 3, 3, 'valid');
  x = convBn(x, 64, 3, 3);
  x = maxPool(x);
  x = convBn(x, 80, 1, 1, 'valid');
  x = convBn(x, 192, 3, 3, 'valid');
  x = maxPool(x);
  // mixed 0, 1, 2: 35 x 35; the pool branch has 32 filters in mixed0, 64 after
  [32, 64, 64].forEach((poolFilters, i) => {
    const b1 = convBn(x, 64, 1, 1);
    let b5 = convBn(x, 48, 1, 1);
    b5 = convBn(b5, 64, 5, 5);
    let b3 = convBn(x, 64, 1, 1);
    b3 = convBn(b3, 96, 3, 3);
    b3 = convBn(b3, 96, 3, 3);
    const bp = convBn(avgPool(x), poolFilters, 1, 1);
    x = concat([b1, b5, b3, bp], `mixed${i}`);
  });
  // mixed 3: 17 x 17
  {
    const b3 = convBn(x, 384, 3, 3, 'valid', 2);
    let bd = convBn(x, 64, 1, 1);
    bd = convBn(bd, 96, 3, 3);
    bd = convBn(bd, 96, 3, 3, 'valid', 2);
    const bp = maxPool(x);
    x = concat([b3, bd, bp], 'mixed3');
  }
  // mixed 4 (128), 5 and 6 (160), 7 (192): 17 x 17
  [[128, 'mixed4'], [160, 'mixed5'], [160, 'mixed6'], [192, 'mixed7']].forEach(([f, name]) => {
    const b1 = convBn(x, 192, 1, 1);
    let b7 = convBn(x, f, 1, 1);
    b7 = convBn(b7, f, 1, 7);
    b7 = convBn(b7, 192, 7, 1);
    let bd = convBn(x, f, 1, 1);
    bd = convBn(bd, f, 7, 1);
    bd = convBn(bd, f, 1, 7);
    bd = convBn(bd, f, 7, 1);
    bd = convBn(bd, 192, 1, 7);
    const bp = convBn(avgPool(x), 192, 1, 1);
    x = concat([b1, b7, bd, bp], name);
  });
  // mixed 8: 8 x 8
  {
    let b3 = convBn(x, 192, 1, 1);
    b3 = convBn(b3, 320, 3, 3, 'valid', 2);
    let b7 = convBn(x, 192, 1, 1);
    b7 = convBn(b7, 192, 1, 7);
    b7 = convBn(b7, 192, 7, 1);
    b7 = convBn(b7, 192, 3, 3, 'valid', 2);
    const bp = maxPool(x);
    x = concat([b3, b7, bp], 'mixed8');
  }
  // mixed 9, 10: 8 x 8
  for (let i = 0; i < 2; i++) {
    const b1 = convBn(x, 320, 1, 1);
    let b3 = convBn(x, 384, 1, 1);
    const b3a = convBn(b3, 384, 1, 3);
    const b3b = convBn(b3, 384, 3, 1);
    b3 = concat([b3a, b3b], `mixed9_${i}`);
    let bd = convBn(x, 448, 1, 1);
    bd = convBn(bd, 384, 3, 3);
    const bda = convBn(bd, 384, 1, 3);
    const bdb = convBn(bd, 384, 3, 1);
    bd = concat([bda, bdb]);
    const bp = convBn(avgPool(x), 192, 1, 1);
    x = concat([b1, b3, bd, bp], `mixed${9 + i}`);
  }
  x = L.globalAveragePooling2d({name: 'avg_pool'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'inception_v3'});
}

/** densenet.py with blocks [6, 12, 24, 16]: BatchNormalization epsilon 1.001e-5, unnamed stem paddings. */
function densenet121() {
  const auto = namer();
  const bn = (x, name) => L.batchNormalization({axis: 3, epsilon: 1.001e-5, name}).apply(x);
  const relu = (x, name) => L.activation({activation: 'relu', name}).apply(x);
  const convBlock = (x, name) => {
    let y = relu(bn(x, name + '_0_bn'), name + '_0_relu');
    y = L.conv2d({filters: 128, kernelSize: 1, useBias: false, name: name + '_1_conv'}).apply(y);
    y = relu(bn(y, name + '_1_bn'), name + '_1_relu');
    y = L.conv2d({filters: 32, kernelSize: 3, padding: 'same', useBias: false, name: name + '_2_conv'}).apply(y);
    return L.concatenate({axis: 3, name: name + '_concat'}).apply([x, y]);
  };
  const transition = (x, name) => {
    x = relu(bn(x, name + '_bn'), name + '_relu');
    x = L.conv2d({filters: Math.floor(x.shape[3] * 0.5), kernelSize: 1, useBias: false, name: name + '_conv'}).apply(x);
    return L.averagePooling2d({poolSize: 2, strides: 2, name: name + '_pool'}).apply(x);
  };
  const input = tf.input({shape: [224, 224, 3], name: 'input_1'});
  let x = L.zeroPadding2d({padding: [[3, 3], [3, 3]], name: auto('zero_padding2d')}).apply(input);
  x = L.conv2d({filters: 64, kernelSize: 7, strides: 2, useBias: false, name: 'conv1_conv'}).apply(x);
  x = relu(bn(x, 'conv1_bn'), 'conv1_relu');
  x = L.zeroPadding2d({padding: [[1, 1], [1, 1]], name: auto('zero_padding2d')}).apply(x);
  x = L.maxPooling2d({poolSize: 3, strides: 2, name: 'pool1'}).apply(x);
  [6, 12, 24, 16].forEach((blocks, s) => {
    for (let i = 1; i <= blocks; i++) x = convBlock(x, `conv${s + 2}_block${i}`);
    if (s < 3) x = transition(x, `pool${s + 2}`);
  });
  x = relu(bn(x, 'bn'), 'relu');
  x = L.globalAveragePooling2d({name: 'avg_pool'}).apply(x);
  x = L.dense({units: 1000, activation: 'softmax', name: 'predictions'}).apply(x);
  return tf.model({inputs: input, outputs: x, name: 'densenet121'});
}

// The two largest configs (313 and 429 layers) are kept gzipped: NAME.model.json.gz. For those two
// also NAME.weights.json and NAME.out.bin: seeded weights and one input (seeded.js), TF.js's output.
// Each model is built in its own node process: TF.js makes weight names unique across every model of
// a process (a second `conv1_bn/gamma` becomes `conv1_bn/gamma_1`), and the names must be Keras's.
const MODELS = {vgg16: [() => vgg('vgg16', [2, 2, 3, 3, 3])], vgg19: [() => vgg('vgg19', [2, 2, 4, 4, 4])],
  resnet50: [resnet50], resnet50v2: [resnet50v2], mobilenet: [mobilenet], mobilenet_v2: [mobilenetV2],
  xception: [xception], inception_v3: [inceptionV3, 11], densenet121: [densenet121, 12]};

function write(name) {
  const [build, seed] = MODELS[name];
  const model = build();
  const json = JSON.stringify(model.toJSON(null, false)) + '\n';
  if (seed) {
    fs.writeFileSync(path.join(OUT, name + '.model.json.gz'), zlib.gzipSync(json, {level: 9}));
    const {manifest, output} = run(model, seed, -1, 1);
    fs.writeFileSync(path.join(OUT, name + '.weights.json'), JSON.stringify(manifest) + '\n');
    fs.writeFileSync(path.join(OUT, name + '.out.bin'), output);
  } else {
    fs.writeFileSync(path.join(OUT, name + '.model.json'), json);
  }
  console.log(`${name}: ${model.layers.length} layers, ${model.countParams()} parameters`);
}

if (process.argv[2]) {
  write(process.argv[2]);
} else {
  fs.mkdirSync(OUT, {recursive: true});
  for (const name of Object.keys(MODELS)) {
    execFileSync(process.execPath, [__filename, name], {stdio: ['ignore', 'inherit', 'ignore']});
  }
}
