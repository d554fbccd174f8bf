import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { toGrey, type GreyImage } from "../../src/ocr/raster.js";
import { brightShare, findTextRegions, isTextLike } from "../../src/ocr/text-regions.js";
import { syntheticText } from "./fixture.js";

function inside(box: { x: number; y: number; w: number; h: number }, x: number, y: number): boolean {
  return x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
}

test("when an image holds three text lines then each line lies in a bright region", async () => {
  const regions = findTextRegions(toGrey((await syntheticText()))).filter((r) => r.polarity === "bright");
  for (const [x, y] of [
    [60, 113],
    [60, 129],
    [60, 145],
  ]) {
    assert.ok(regions.some((r) => inside(r.box, x, y)), `no region at ${x},${y}`);
  }
  for (const r of regions) assert.ok(r.charHeight >= 6 && r.charHeight <= 11, `glyph height ${r.charHeight}`);
});

test("when an image is flat or smooth then no region is found", async () => {
  const flat: GreyImage = { width: 64, height: 64, channels: 1, data: new Uint8Array(64 * 64).fill(90) };
  assert.deepEqual(findTextRegions(flat), []);
  const ramp: GreyImage = { width: 64, height: 64, channels: 1, data: Uint8Array.from({ length: 64 * 64 }, (_, i) => (i % 64) * 4) };
  assert.deepEqual(findTextRegions(ramp), []);
});

test("when a row of equal glyph-like boxes is drawn then it is a text-like line and a lone blob is not", async () => {
  const img: GreyImage = { width: 80, height: 30, channels: 1, data: new Uint8Array(80 * 30) };
  // Six glyph-like hollow boxes 4 x 8 px, 2 px apart ("0000000"); one solid 8 x 8 square far away.
  for (let g = 0; g < 6; g++) {
    for (let y = 10; y < 18; y++) {
      for (let x = 5 + g * 6; x < 9 + g * 6; x++) {
        const edge = y === 10 || y === 17 || x === 5 + g * 6 || x === 8 + g * 6;
        if (edge) img.data[y * 80 + x] = 255;
      }
    }
  }
  for (let y = 10; y < 18; y++) for (let x = 65; x < 73; x++) img.data[y * 80 + x] = 255;
  const regions = findTextRegions(img, { polarity: "bright" });
  assert.equal(regions.length, 1);
  assert.ok(inside(regions[0].box, 10, 14));
  assert.ok(!inside(regions[0].box, 68, 14));
  assert.equal(typeof isTextLike, "function");
});

test("when light text sits on dark ground then its bright share is a minority", async () => {
  const grey = toGrey((await syntheticText()));
  assert.ok(brightShare(grey, { x: 5, y: 106, w: 136, h: 16 }) < 0.5);
});

const data = join(import.meta.dirname, "..", "..", "..", "shared", "data", "overlay-phi");
test("when a real overlay-phi CT is rendered by min-max then most PHI value boxes touch a region", { skip: !existsDir(data) }, async () => {
  // The DICOM is decoded without a renderer here: these files store 8-bit values in 16 bits.
  const file = readdirSync(data).filter((f) => f.includes("CT_UROGRAM") && f.endsWith(".dcm")).sort()[0];
  const image = decode8bit(readFileSync(join(data, file)));
  const truth = JSON.parse(readFileSync(join(data, file.replace(/\.dcm$/, ".json")), "utf8")) as {
    annotation: { value: { text: string; bbox: number[] } }[];
  };
  const regions = findTextRegions(image);
  const values = truth.annotation.filter((a) => a.value.text !== "" && a.value.bbox[1] < image.height);
  const hit = values.filter((a) => {
    const [x1, y1, x2, y2] = a.value.bbox;
    return regions.some((r) => r.box.x < x2 && x1 < r.box.x + r.box.w && r.box.y < y2 && y1 < r.box.y + r.box.h);
  });
  assert.ok(hit.length >= Math.ceil(values.length / 2), `${hit.length} of ${values.length}`);
});

function existsDir(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/** Minimal reader for the test: last OW pixel element of a 512 x 512 explicit-LE file, min-max to 8 bits. */
function decode8bit(bytes: Uint8Array): GreyImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = -1;
  for (let i = bytes.length - 12; i > 132; i--) {
    if (view.getUint16(i, true) === 0x7fe0 && view.getUint16(i + 2, true) === 0x0010) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error("no pixel data");
  const length = view.getUint32(at + 8, true);
  const n = length / 2;
  const side = Math.round(Math.sqrt(n));
  const raw = new Uint16Array(n);
  let lo = 65535;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    raw[i] = view.getUint16(at + 12 + i * 2, true);
    lo = Math.min(lo, raw[i]);
    hi = Math.max(hi, raw[i]);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(((raw[i] - lo) * 255) / Math.max(1, hi - lo));
  return { width: side, height: side, channels: 1, data: out };
}
