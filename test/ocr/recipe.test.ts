import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { OcrEngine, OcrImage, RecognizeOptions } from "../../src/ocr/engine.js";
import { ocrFrame, ocrImage } from "../../src/ocr/recipe.js";
import { createTesseractJsEngine } from "../../src/ocr/tesseract-js.js";
import { syntheticText } from "./fixture.js";

let engine: OcrEngine;
let calls = 0;
before(async () => {
  const inner = await createTesseractJsEngine({ workers: 1 });
  engine = {
    name: "counting",
    concurrency: 1,
    recognize: (image: OcrImage, options?: RecognizeOptions) => {
      calls++;
      return inner.recognize(image, options);
    },
    close: () => inner.close(),
  };
});
after(async () => {
  await engine.close();
});

test("when a frame holds burned-in text then words come back in frame coordinates from one engine call", async () => {
  calls = 0;
  const words = await ocrImage(engine, await syntheticText());
  assert.equal(calls, 1);
  const digits = words.find((w) => w.text.includes("0123456789"));
  assert.ok(digits, `${words.length} words`);
  // The digits are drawn from about x = 30 to 106, y = 124 to 134.
  assert.ok(Math.abs(digits.box.x - 30) <= 4 && Math.abs(digits.box.x + digits.box.w - 106) <= 4, JSON.stringify(digits.box));
  assert.ok(digits.box.y >= 120 && digits.box.y + digits.box.h <= 138, JSON.stringify(digits.box));
});

test("when a frame is read then every line carries its words, confidence and a readable verdict", async () => {
  const result = await ocrFrame(engine, await syntheticText());
  assert.equal(result.lines.length, 3);
  assert.equal(result.regions.length, 3);
  for (const [i, line] of result.lines.entries()) {
    assert.deepEqual(result.regions[i].box, line.box);
    assert.ok(line.words.length > 0);
    assert.ok(line.readable, `line ${i}: confidence ${line.confidence.toFixed(0)}, coverage ${line.coverage.toFixed(2)}`);
    assert.ok(line.confidence >= line.minConfidence && line.coverage > 0.6 && line.coverage <= 1);
    for (const w of line.words) assert.equal(w.line, i);
  }
  assert.equal(result.words.length, result.lines.reduce((n, l) => n + l.words.length, 0));
});

test("when nothing can be read in a line then it is not readable", async () => {
  const silent: OcrEngine = { name: "silent", concurrency: 1, recognize: async () => [], close: async () => {} };
  const result = await ocrFrame(silent, await syntheticText());
  assert.equal(result.lines.length, 3);
  assert.ok(result.lines.every((l) => !l.readable && l.words.length === 0 && l.confidence === 0 && l.coverage === 0));
});

test("when a frame is blank then no engine call is made", async () => {
  calls = 0;
  const blank: OcrImage = { width: 64, height: 64, channels: 1, data: new Uint8Array(64 * 64) };
  assert.deepEqual(await ocrFrame(engine, blank), { words: [], regions: [], lines: [] });
  assert.equal(calls, 0);
});

test("when lines are found but at most one is read with confidence then the whole frame is read once and its confident words become lines", async () => {
  const image = await syntheticText();
  const seen: (number | undefined)[] = [];
  // Stacked lines read nothing; the whole frame (page segmentation 3; 256 x 160 px, so read at twice
  // its size inside an 8 px border) reads two confident words on one row and a weak one.
  const fake: OcrEngine = {
    name: "fake", concurrency: 1, close: async () => {},
    recognize: async (_image: OcrImage, options?: RecognizeOptions) => {
      seen.push(options?.psm);
      if (options?.psm !== 3) return [];
      return [
        { text: "SMITH", confidence: 90, box: { x: 28, y: 88, w: 60, h: 20 } },
        { text: "JOHN", confidence: 88, box: { x: 100, y: 90, w: 48, h: 20 } },
        { text: "oo", confidence: 20, box: { x: 28, y: 188, w: 16, h: 12 } },
      ];
    },
  };
  const result = await ocrFrame(fake, image);
  assert.deepEqual(seen, [6, 3]);
  const added = result.lines.slice(3);
  assert.equal(added.length, 1);
  assert.deepEqual(added[0].box, { x: 10, y: 40, w: 60, h: 11 });
  assert.ok(added[0].readable);
  assert.deepEqual(added[0].words.map((w) => [w.text, w.line]), [["SMITH", 3], ["JOHN", 3]]);
  assert.equal(result.regions.length, 4);
  assert.equal(result.words.length, 2);
  // Turned off, or with a line read confidently, there is no whole-frame call.
  seen.length = 0;
  assert.equal((await ocrFrame(fake, image, { fullFallback: false })).lines.length, 3);
  assert.deepEqual(seen, [6]);
  calls = 0;
  await ocrFrame(engine, image);
  assert.equal(calls, 1);
});

test("when a found line is a faint piece then it is not given to the engine, and comes back unread", async () => {
  const { readFrameLines, findFrameLines } = await import("../../src/ocr/recipe.js");
  const image = await syntheticText();
  const found = findFrameLines(image, { faintInk: false });
  assert.ok(found.lines.length >= 2);
  const sizes: string[] = [];
  const fake: OcrEngine = {
    name: "fake", concurrency: 1, close: async () => {},
    recognize: async (input: OcrImage) => {
      sizes.push(`${input.width}x${input.height}`);
      return [];
    },
  };
  const faint = { ...found.lines[1], faint: true };
  const withFaint = await readFrameLines(fake, { ...found, lines: [found.lines[0], faint] }, { fullFallback: false });
  const alone = sizes.splice(0);
  await readFrameLines(fake, { ...found, lines: [found.lines[0]] }, { fullFallback: false });
  assert.deepEqual(alone, sizes);
  assert.equal(withFaint.lines[1].faint, true);
  assert.deepEqual(withFaint.lines[1].words, []);
  assert.equal(withFaint.lines[1].readable, false);
});
