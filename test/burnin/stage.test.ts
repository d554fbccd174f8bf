import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDicom, type DicomFile } from "../../src/io/read/read-file.js";
import { PIXEL_DATA, tag } from "../../src/core/tag.js";
import { encodeValues } from "../../src/dataset/values.js";
import { burnedInStage } from "../../src/burnin/stage.js";
import { headerContext } from "../../src/burnin/header-context.js";
import { decideRedactions } from "../../src/burnin/decide.js";
import { registerDefaultOcrEngines } from "../../src/ocr/default-engines.js";
import { createOcrEngine, type OcrEngine } from "../../src/ocr/engine.js";
import { emptyContext } from "../../src/phi/index.js";
import type { Rect } from "../../src/redact/index.js";

const sample = fileURLToPath(new URL("../../samples/ct_localizer_burned_in.dcm", import.meta.url));
const truth = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/ct_localizer_burned_in.boxes.json", import.meta.url)), "utf8")) as {
  boxes_in_image_pixels: { label: string; left: number; top: number; width: number; height: number }[];
};

/** Share of a box covered by the union of rectangles. */
function covered(box: Rect, rects: readonly Rect[]): number {
  let hit = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) if (rects.some((r) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h)) hit++;
  }
  return hit / (box.w * box.h);
}

test("when the CT localizer's burned-in text is analysed then its name and dates are redacted by PHI recognizers", async () => {
  registerDefaultOcrEngines();
  const engine = await createOcrEngine("tesseract.js", { workers: 1 });
  try {
    const file = readDicom(new Uint8Array(readFileSync(sample)));
    const r = await burnedInStage(file, headerContext(file.dataset), { mode: "phi", engine });
    const rects = r.rects.get(0) ?? [];
    const values = truth.boxes_in_image_pixels.filter((b) => b.label !== "[M]"); // sex alone is a known gap (see README)
    for (const b of values) assert.ok(covered({ x: b.left, y: b.top, w: b.width, h: b.height }, rects) >= 0.9, "a PHI word box is covered");
    assert.ok(r.decisions.some((d) => d.reason !== "unreadable-text"), "recognizers decided, not only the fail-safe");
    assert.equal(r.framesAnalyzed, 1);
  } finally {
    await engine.close();
  }
});

test("when a line is read confidently as clinical vocabulary then it stays; when it cannot be read it is redacted", () => {
  const line = { box: { x: 0, y: 0, w: 100, h: 12 }, charHeight: 9 };
  const clinical = decideRedactions({ frame: 0, lines: [line], words: [{ text: "PORTABLE", confidence: 92, box: { x: 2, y: 1, w: 60, h: 10 }, line: 0 }] }, { mode: "phi", context: emptyContext() });
  assert.deepEqual(clinical, []);
  const two = [line, { box: { x: 0, y: 14, w: 90, h: 12 }, charHeight: 9 }];
  const unreadable = decideRedactions({ frame: 0, lines: two, words: [] }, { mode: "phi", context: emptyContext() });
  assert.equal(unreadable.length, 2);
  assert.equal(unreadable[0].reason, "unreadable-text");
  assert.deepEqual(decideRedactions({ frame: 0, lines: two, words: [] }, { mode: "phi", context: emptyContext(), failSafe: false }), []);
  assert.equal(decideRedactions({ frame: 0, lines: [line], words: [] }, { mode: "all-text", context: emptyContext() })[0].reason, "all-text");
});

test("when a lone unreadable line has no flagged neighbour then the fail-safe leaves it (texture), but a block of them goes", () => {
  const lone = decideRedactions({ frame: 0, lines: [{ box: { x: 10, y: 10, w: 40, h: 10 }, charHeight: 8 }], words: [] }, { mode: "phi", context: emptyContext() });
  assert.deepEqual(lone, []);
  const block = decideRedactions({
    frame: 0,
    lines: [{ box: { x: 10, y: 10, w: 40, h: 10 }, charHeight: 8 }, { box: { x: 10, y: 22, w: 60, h: 10 }, charHeight: 8 }],
    words: [],
  }, { mode: "phi", context: emptyContext() });
  assert.equal(block.length, 2);
});

/** A fake engine that reads nothing and counts its calls. */
function countingEngine(): OcrEngine & { calls: number } {
  return { name: "counting", concurrency: 1, calls: 0, async recognize() { this.calls++; return []; }, async close() {} };
}

/** The CT localizer sample as a multi-frame image: each frame is the original changed by `edit` (16-bit samples). */
function asFrames(edits: ((px: Uint16Array, columns: number) => void)[]): DicomFile {
  const file = readDicom(new Uint8Array(readFileSync(sample)));
  const ds = file.dataset;
  const pixels = ds.get(PIXEL_DATA)!;
  const columns = ds.get(tag(0x0028, 0x0011))!.value![0] | (ds.get(tag(0x0028, 0x0011))!.value![1] << 8);
  const frames = edits.map((edit) => {
    const px = new Uint16Array(pixels.value!.slice().buffer);
    edit(px, columns);
    return new Uint8Array(px.buffer);
  });
  const value = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  frames.forEach((f, i) => value.set(f, i * f.length));
  ds.put({ ...pixels, length: value.length, value, offset: -1 });
  const n = encodeValues(ds, tag(0x0028, 0x0008), "IS", [frames.length]);
  ds.put({ tag: tag(0x0028, 0x0008), vr: "IS", length: n.length, offset: -1, value: n });
  return file;
}

test("when frames repeat the first frame's text, then OCR runs once; when a frame shows a new text line elsewhere, then it is read again", async () => {
  const calm = (px: Uint16Array, columns: number): void => {
    // Away from the text: a flat patch in the body (no text line), so only reuse decides.
    for (let y = 250; y < 290; y++) for (let x = 150; x < 190; x++) px[y * columns + x] = px[250 * columns + 150];
  };
  const withNewLine = (px: Uint16Array, columns: number): void => {
    calm(px, columns);
    // The name line copied near the bottom of the frame: text where the first frame had none.
    for (let y = 0; y < 12; y++) for (let x = 0; x < 160; x++) px[(530 + y) * columns + x + 10] = px[y * columns + x];
  };
  const engine = countingEngine();
  const file = asFrames([() => {}, calm, calm, withNewLine]);
  // The engine reads nothing, so the whole-frame fallback would read each analysed frame a second
  // time; it is off here, as this counts frames read, not calls per frame.
  const r = await burnedInStage(file, emptyContext(), { mode: "all-text", engine, recipe: { fullFallback: false } });
  assert.equal(r.framesAnalyzed, 2);
  assert.equal(r.framesReused, 2);
  assert.equal(engine.calls, 2);
  const last = r.rects.get(3) ?? [];
  assert.ok(last.some((b) => b.y + b.h > 530 && b.y < 542), "the new line is redacted (all-text)");
  assert.deepEqual(r.rects.get(1), r.rects.get(0), "a repeated frame gets the first frame's rectangles");
});
