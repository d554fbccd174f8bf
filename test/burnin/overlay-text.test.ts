import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDicom, type DicomFile } from "../../src/io/read/read-file.js";
import { PIXEL_DATA, tag } from "../../src/core/tag.js";
import { openPixels, readFrame } from "../../src/pixels/image.js";
import { renderFrame } from "../../src/pixels/render/index.js";
import { headerContext } from "../../src/burnin/header-context.js";
import { cleanOverlayText } from "../../src/burnin/overlay-text.js";
import { overlayPlane } from "../../src/redact/overlays.js";
import { registerDefaultOcrEngines } from "../../src/ocr/default-engines.js";
import { createOcrEngine } from "../../src/ocr/engine.js";
import { deidentifyDicom } from "../../src/pipeline/deid-file.js";
import { loadTextCleaner } from "../../src/deid/deidentify.js";
import { optionsFromNames } from "../../src/profile/options.js";
import { secretFromText } from "../../src/deid/keyed.js";
import { writeDicom } from "../../src/io/write/write-file.js";

const sample = fileURLToPath(new URL("../../samples/ct_localizer_burned_in.dcm", import.meta.url));
const truth = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/ct_localizer_burned_in.boxes.json", import.meta.url)), "utf8")) as {
  boxes_in_image_pixels: { label: string; left: number; top: number; width: number; height: number }[];
};
const GRAPHIC = { x: 250, y: 300, w: 60, h: 40 }; // a rectangle outline drawn in the overlay: graphics, no text

/**
 * The CT localizer with its burned-in text moved into an overlay plane (6000,3000): bits set
 * where the text band's rendering is bright, plus a rectangle outline; Pixel Data is flattened.
 */
async function textInOverlay(): Promise<DicomFile> {
  const file = readDicom(new Uint8Array(readFileSync(sample)));
  const ds = file.dataset;
  const r = renderFrame(file, await readFrame(openPixels(file), 0), { voi: "minmax", grayscale: true });
  const { width, height } = r;
  const bottom = Math.max(...truth.boxes_in_image_pixels.map((b) => b.top + b.height)) + 3;
  const bits = new Uint8Array(Math.ceil((width * height) / 16) * 2);
  const set = (x: number, y: number) => { const i = y * width + x; bits[i >> 3] |= 1 << (i & 7); };
  for (let y = 0; y < bottom; y++) for (let x = 0; x < width; x++) if (r.data[y * width + x] >= 200) set(x, y);
  for (let x = GRAPHIC.x; x < GRAPHIC.x + GRAPHIC.w; x++) { set(x, GRAPHIC.y); set(x, GRAPHIC.y + GRAPHIC.h - 1); }
  for (let y = GRAPHIC.y; y < GRAPHIC.y + GRAPHIC.h; y++) { set(GRAPHIC.x, y); set(GRAPHIC.x + GRAPHIC.w - 1, y); }
  const px = ds.get(PIXEL_DATA)!;
  ds.put({ ...px, value: new Uint8Array(px.value!.length), offset: -1, raw: undefined });
  const us = (n: number) => Uint8Array.of(n & 0xff, n >> 8);
  const put = (e: number, vr: string, value: Uint8Array) => ds.put({ tag: tag(0x6000, e), vr, length: value.length, offset: -1, value });
  put(0x0010, "US", us(height));
  put(0x0011, "US", us(width));
  put(0x0040, "CS", new TextEncoder().encode("G "));
  put(0x0050, "SS", Uint8Array.of(1, 0, 1, 0));
  put(0x0100, "US", us(1));
  put(0x0102, "US", us(0));
  put(0x3000, "OW", bits);
  return file;
}

const setIn = (plane: { width: number; data: Uint8Array }, b: { x: number; y: number; w: number; h: number }): number => {
  let n = 0;
  for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) if (plane.data[y * plane.width + x]) n++;
  return n;
};

test("when an overlay plane carries the patient's name and dates then Clean Graphics clears their bits and keeps the graphics", async () => {
  const file = await textInOverlay();
  const before = overlayPlane(file.dataset, 0x6000, 0)!;
  const values = truth.boxes_in_image_pixels.filter((b) => b.label !== "[M]").map((b) => ({ x: b.left, y: b.top, w: b.width, h: b.height }));
  assert.ok(values.every((b) => setIn(before, b) > 0), "the fixture draws every value into the overlay");
  registerDefaultOcrEngines();
  const engine = await createOcrEngine("tesseract.js", { workers: 1 });
  try {
    const r = await cleanOverlayText(file, headerContext(file.dataset), { mode: "phi", engine });
    assert.deepEqual(r.cleaned, [0x6000]);
    assert.ok(r.bitsCleared > 0);
    assert.ok(r.decisions.some((d) => d.reason !== "unreadable-text"), "recognizers decided, not only the fail-safe");
    const after = overlayPlane(file.dataset, 0x6000, 0)!;
    for (const b of values) assert.equal(setIn(after, b), 0, "no bit of a PHI value is left");
    assert.equal(setIn(after, GRAPHIC), setIn(before, GRAPHIC), "the rectangle outline stays");
  } finally {
    await engine.close();
  }
});

test("when an overlay is not a 1-bit plane of its declared size then it is reported unreadable, not cleaned", async () => {
  const file = await textInOverlay();
  const el = file.dataset.get(tag(0x6000, 0x3000))!;
  file.dataset.put({ ...el, value: el.value!.subarray(0, 100), length: 100 });
  const r = await cleanOverlayText(file, headerContext(file.dataset), { mode: "phi", engine: { name: "none", concurrency: 1, recognize: async () => [], close: async () => {} } });
  assert.deepEqual(r.unreadable, [0x6000]);
  assert.deepEqual(r.cleaned, []);
});

test("when Clean Graphics reads the overlays then the cleaned overlay is kept in the output; with pixels off it goes whole", async () => {
  const input = writeDicom(await textInOverlay());
  const deid = {
    profile: optionsFromNames(["clean-graphics"]), secret: secretFromText("overlay"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365, cleaner: await loadTextCleaner(),
  };
  registerDefaultOcrEngines();
  const engine = await createOcrEngine("tesseract.js", { workers: 1 });
  try {
    const kept = await deidentifyDicom(input, deid, { rects: [], burnIn: { mode: "phi", engine }, cleanGraphics: true });
    assert.deepEqual(kept.pixels.overlaysCleaned, [0x6000]);
    const plane = overlayPlane(readDicom(kept.output).dataset, 0x6000, 0)!;
    assert.equal(setIn(plane, { x: 0, y: 0, w: plane.width, h: 40 }), 0, "the text band is clear");
    assert.ok(setIn(plane, GRAPHIC) > 0, "the graphics stay");
    const off = await deidentifyDicom(input, deid, { rects: [], cleanGraphics: true });
    assert.deepEqual(readDicom(off.output).dataset.elements.filter((e) => e.tag >>> 16 === 0x6000), []);
  } finally {
    await engine.close();
  }
});
