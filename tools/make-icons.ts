/**
 * Draws the installable app's icons (client/public/icons/icon-{192,512}.png, and a maskable 512
 * with the picture inside the safe circle): the line the squad holds (a yellow ring) on the dark
 * street, the two sergeants inside it (blue, orange). A tiny PNG encoder, no image library.
 *   npx tsx tools/make-icons.ts
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (b: Buffer) => {
  let c = -1;
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size: number, px: (x: number, y: number) => [number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(px(x, y), y * (size * 3 + 1) + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const BG: [number, number, number] = [14, 16, 18];
const STREET: [number, number, number] = [42, 45, 50];
const RING: [number, number, number] = [255, 210, 63];
const TAKUMI: [number, number, number] = [77, 163, 255];
const WANG: [number, number, number] = [255, 179, 71];

/** The picture at `scale` of the icon (1: fills it; less: inside a maskable icon's safe circle). */
function icon(size: number, scale: number): Buffer {
  return png(size, (x, y) => {
    const u = ((x + 0.5) / size - 0.5) / scale;
    const v = ((y + 0.5) / size - 0.5) / scale;
    const r = Math.hypot(u, v);
    if (Math.max(Math.abs(u), Math.abs(v)) > 0.5) return BG;
    if (Math.hypot(u + 0.12, v - 0.02) < 0.085) return TAKUMI;
    if (Math.hypot(u - 0.12, v + 0.02) < 0.085) return WANG;
    if (r > 0.3 && r < 0.37) return RING;
    if (r <= 0.3) return STREET;
    return BG;
  });
}

const dir = new URL("../client/public/icons/", import.meta.url);
writeFileSync(new URL("icon-192.png", dir), icon(192, 1));
writeFileSync(new URL("icon-512.png", dir), icon(512, 1));
writeFileSync(new URL("icon-maskable-512.png", dir), icon(512, 0.8));
