/**
 * Draws the add-in's icons (assets/icon-<size>.png) at every size the
 * manifest declares, with no image tools: shapes are rendered with 4x4
 * supersampling for smooth edges and encoded as PNG with node:zlib.
 *
 * The picture: a rounded teal tile (the tracker) with a white ledger sheet and
 * a check mark across it (hours logged and verified).
 *
 *   node scripts/draw-icons.mjs          writes the icons
 *   node scripts/draw-icons.mjs --check  exits 1 if a committed icon differs
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

export const ICON_SIZES = [16, 32, 64, 80];
const ASSETS = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const TEAL = [0, 120, 122];
const WHITE = [255, 255, 255];
const INK = [0, 92, 94];

// ---- Geometry in unit coordinates (0..1), so every size is the same picture.

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const CHECK = [
  [0.3, 0.56],
  [0.45, 0.71],
  [0.76, 0.36],
];

/** The colour at a point, or null for transparent. Later layers paint over earlier ones. */
function paint(x, y) {
  if (!insideRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) return null;
  let colour = TEAL;
  if (insideRoundedRect(x, y, 0.2, 0.16, 0.8, 0.86, 0.06)) colour = WHITE;
  // Ledger lines on the sheet.
  for (const lineY of [0.3, 0.42]) {
    if (x > 0.3 && x < 0.7 && Math.abs(y - lineY) < 0.025) colour = INK;
  }
  const stroke = Math.min(distanceToSegment(x, y, CHECK[0], CHECK[1]), distanceToSegment(x, y, CHECK[1], CHECK[2]));
  if (stroke < 0.075) colour = TEAL;
  return colour;
}

const SAMPLES = 4;

export function renderIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        rgba[offset] = Math.round(r / covered);
        rgba[offset + 1] = Math.round(g / covered);
        rgba[offset + 2] = Math.round(b / covered);
        rgba[offset + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
      }
    }
  }
  return encodePng(size, size, rgba);
}

// ---- PNG encoding (RGBA, 8 bits per channel, no interlace).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride); // filter 0 per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const check = process.argv.includes("--check");
  mkdirSync(ASSETS, { recursive: true });
  let stale = 0;
  for (const size of ICON_SIZES) {
    const file = join(ASSETS, `icon-${size}.png`);
    const png = renderIcon(size);
    if (check) {
      let current = null;
      try {
        current = readFileSync(file);
      } catch {
        // missing: reported below
      }
      if (current === null || !current.equals(png)) {
        console.error(`${file} is missing or differs from scripts/draw-icons.mjs: run node scripts/draw-icons.mjs`);
        stale++;
      }
    } else {
      writeFileSync(file, png);
      console.log(`wrote ${file} (${png.length} bytes)`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
