import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { OcrEngine } from "../../src/ocr/engine.js";
import { crop, toGrey, invert } from "../../src/ocr/raster.js";
import { createTesseractJsEngine, tesseractJsLangPath } from "../../src/ocr/tesseract-js.js";
import { syntheticText } from "./fixture.js";

let engine: OcrEngine;
before(async () => {
  engine = await createTesseractJsEngine({ workers: 1 });
});
after(async () => {
  await engine.close();
});

test("when the language data package is installed then its gzipped data folder is found", async () => {
  assert.match(tesseractJsLangPath("eng"), /@tesseract\.js-data[\\/]eng[\\/]4\.0\.0_best_int$/);
  assert.match(tesseractJsLangPath("eng", "standard"), /4\.0\.0$/);
});

test("when the language data package is missing then the error names it", async () => {
  assert.throws(() => tesseractJsLangPath("xx-none"), /@tesseract\.js-data\/xx-none/);
});

test("when a text line is recognised then words carry text, confidence and boxes in image coordinates", async () => {
  // The "ID: 0123456789" line, dark on light, as given (no upscaling).
  const line = invert(crop(toGrey((await syntheticText())), { x: 0, y: 118, w: 120, h: 20 }));
  const words = await engine.recognize(line, { psm: 7 });
  const digits = words.find((w) => w.text.includes("0123456789"));
  assert.ok(digits, `words: ${words.map((w) => w.text).join(" ")}`);
  assert.ok(digits.confidence > 50 && digits.confidence <= 100);
  assert.ok(digits.box.x > 15 && digits.box.x + digits.box.w <= 120 && digits.box.h > 4 && digits.box.h < 20);
});

test("when the engine is closed then recognize rejects", async () => {
  const other = await createTesseractJsEngine({ workers: 1 });
  await other.close();
  await assert.rejects(other.recognize(toGrey((await syntheticText()))), /closed/);
});
