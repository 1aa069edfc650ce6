// Writes resources/icon.png: a dark rounded square with a white timeline (a vertical thread with three taps).
// Drawn from distance functions with 4x4 supersampling, encoded with zlib; run `node resources/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** Negative inside. */
const roundedSquare = (x, y) => {
  const half = SIZE / 2 - 8, radius = 52;
  const qx = Math.abs(x - SIZE / 2) - (half - radius), qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};
const taps = [[96, 72], [96, 128], [96, 184]];
const ink = (x, y) => {
  const line = Math.max(Math.abs(x - 96) - 7, Math.abs(y - 128) - 64);
  const dots = Math.min(...taps.map(([cx, cy]) => Math.hypot(x - cx, y - cy) - 20));
  const bars = Math.min(...taps.map(([, cy], i) => Math.max(Math.abs(x - 160) - (44 - i * 10), Math.abs(y - cy) - 9)));
  return Math.min(line, dots, bars);
};

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let bg = 0, fg = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4, py = y + (sy + 0.5) / 4;
      if (roundedSquare(px, py) < 0) { bg++; if (ink(px, py) < 0) fg++; }
    }
    const alpha = bg / 16, white = bg ? fg / bg : 0;
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(30 + (255 - 30) * white);
    raw[o + 1] = Math.round(27 + (255 - 27) * white);
    raw[o + 2] = Math.round(75 + (255 - 75) * white);
    raw[o + 3] = Math.round(alpha * 255);
  }
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`icon.png: ${png.length} bytes`);
