import assert from "node:assert/strict";
import { test } from "node:test";
import { OcrEngineError } from "../../src/ocr/engine.js";
import { crop, invert, toGrey } from "../../src/ocr/raster.js";
import { createTesseractCliEngine, detectTesseractCli } from "../../src/ocr/tesseract-cli.js";
import { syntheticText } from "./fixture.js";

const version = await detectTesseractCli();

test("when the binary does not exist then creation fails with OCR_ENGINE_UNAVAILABLE", async () => {
  await assert.rejects(createTesseractCliEngine({ binary: "/nonexistent/tesseract" }), (error: unknown) => {
    assert.ok(error instanceof OcrEngineError);
    assert.equal(error.code, "OCR_ENGINE_UNAVAILABLE");
    assert.match(error.message, /tesseract\.js/);
    return true;
  });
});

test("when tesseract is installed then a text line is read through stdin and TSV", { skip: version === undefined ? "tesseract not installed" : false }, async () => {
  const engine = await createTesseractCliEngine({ workers: 1 });
  try {
    const line = invert(crop(toGrey((await syntheticText())), { x: 0, y: 118, w: 120, h: 20 }));
    const words = await engine.recognize(line, { psm: 7 });
    assert.ok(words.some((w) => w.text.includes("0123456789")), `words: ${words.map((w) => w.text).join(" ")}`);
  } finally {
    await engine.close();
  }
});
