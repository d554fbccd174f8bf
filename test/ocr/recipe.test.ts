import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { OcrEngine, OcrImage, OcrWord, RecognizeOptions } from "../../src/ocr/engine.js";
import { mergeDuplicateWords, ocrImage } from "../../src/ocr/recipe.js";
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

test("when a frame holds burned-in text then words come back in frame coordinates from one stacked call", async () => {
  calls = 0;
  const words = await ocrImage(engine, (await syntheticText()), { retryBelowConfidence: 0 });
  assert.equal(calls, 1);
  const digits = words.find((w) => w.text.includes("0123456789"));
  assert.ok(digits, `words: ${words.map((w) => w.text).join(" ")}`);
  // The digits are drawn from about x = 30 to 106, y = 124 to 134.
  assert.ok(Math.abs(digits.box.x - 30) <= 4 && Math.abs(digits.box.x + digits.box.w - 106) <= 4, JSON.stringify(digits.box));
  assert.ok(digits.box.y >= 120 && digits.box.y + digits.box.h <= 138, JSON.stringify(digits.box));
});

test("when a frame is blank then no engine call is made", async () => {
  calls = 0;
  const blank: OcrImage = { width: 64, height: 64, channels: 1, data: new Uint8Array(64 * 64) };
  assert.deepEqual(await ocrImage(engine, blank), []);
  assert.equal(calls, 0);
});

test("when two passes read the same word then the more confident one is kept", async () => {
  const word = (text: string, confidence: number, x: number, line: number): OcrWord => ({ text, confidence, box: { x, y: 0, w: 20, h: 10 }, line });
  const merged = mergeDuplicateWords([word("TIENT", 40, 12, 1), word("PATIENT", 90, 10, 2), word("ID", 80, 50, 2)]);
  assert.deepEqual(merged.map((w) => w.text), ["PATIENT", "ID"]);
});
