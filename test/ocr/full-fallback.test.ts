import assert from "node:assert/strict";
import { test } from "node:test";
import type { OcrEngine, OcrImage, OcrWord } from "../../src/ocr/engine.js";
import { fallbackLines } from "../../src/ocr/full-fallback.js";

/** An engine that answers with fixed words (in the coordinates of the image it is given) and records that image. */
function fixed(words: OcrWord[]): OcrEngine & { seen: OcrImage[] } {
  const seen: OcrImage[] = [];
  return { name: "fixed", concurrency: 1, seen, close: async () => {}, recognize: async (image: OcrImage) => { seen.push(image); return words; } };
}

const word = (text: string, x: number, y: number, w: number, h = 10, confidence = 90): OcrWord => ({ text, confidence, box: { x, y, w, h } });
const keep = (w: OcrWord) => /[\p{L}\p{N}]/u.test(w.text);

test("when the whole frame is read then it is read inside an 8 px border and the words come back in frame coordinates, grouped into rows", async () => {
  // A 400x60 frame (its shorter side is under 320 px: it is read at twice its size), dark, with
  // bright strokes over a third of the first word's box.
  const grey = { width: 400, height: 60, channels: 1 as const, data: new Uint8Array(400 * 60) };
  for (let y = 10; y < 20; y++) for (let x = 10; x < 17; x++) grey.data[y * 400 + x] = 255;
  // Words in the coordinates of the image the engine gets: frame x 2, plus the 8 px border.
  const at = (text: string, x: number, y: number, w: number, confidence = 90) => word(text, 2 * x + 8, 2 * y + 8, 2 * w, 20, confidence);
  const engine = fixed([
    at("DOE", 10, 10, 20), at("JANE", 34, 10, 24), // one row (the gap is under two heights)
    at("FAR", 90, 10, 10), // same row, but more than two heights away: a line of its own
    at("1960", 10, 30, 26), // the next row
    at("---", 42, 30, 10), // no letter or digit: dropped
    at("xq", 62, 30, 10, 30), // not confident: dropped
  ]);
  const lines = await fallbackLines(engine, grey, 5, { keep });
  assert.equal(engine.seen[0].width, 816);
  assert.equal(engine.seen[0].height, 136);
  assert.deepEqual(lines.map((l) => l.words.map((w) => w.text)), [["DOE", "JANE"], ["FAR"], ["1960"]]);
  assert.deepEqual(lines[0].box, { x: 10, y: 10, w: 48, h: 10 });
  assert.deepEqual(lines.map((l) => l.words.map((w) => w.line)), [[5, 5], [6], [7]]);
  assert.equal(lines[0].polarity, "bright");
  assert.equal(lines[0].charHeight, 7);
});

test("when nothing is read confidently then there are no lines", async () => {
  const grey = { width: 20, height: 20, channels: 1 as const, data: new Uint8Array(400) };
  assert.deepEqual(await fallbackLines(fixed([word("ab", 10, 10, 8, 8, 40)]), grey, 0, { keep }), []);
});
