import { test } from "node:test";
import assert from "node:assert/strict";
import { findLines, readLines, type FrameLines } from "../../src/burnin/detect.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { openPixels, readFrame } from "../../src/pixels/image.js";
import { brightestChannel } from "../../src/pixels/render/colour.js";
import { fixtureBytes } from "../helpers/hex.js";
import type { OcrEngine, OcrImage, OcrWord } from "../../src/ocr/engine.js";
import type { TextLine } from "../../src/ocr/text-lines.js";
import { rendered } from "../../src/pixels/render/index.js";

/** An engine that reads one word spanning the whole image it is given (the whole-frame fallback is off in these tests: it would read the frame as one word too). */
const wholeImageEngine: OcrEngine = {
  name: "whole",
  concurrency: 1,
  async recognize(image: OcrImage): Promise<OcrWord[]> {
    return [{ text: "WORD", confidence: 90, box: { x: 0, y: 0, w: image.width, h: image.height } }];
  },
  async close() {},
};

/** A 100 x 60 grey frame with one detected line. */
function frameWith(line: TextLine): FrameLines {
  const data = new Uint8Array(100 * 60).fill(40);
  for (let y = line.band?.y0 ?? line.box.y; y < (line.band?.y1 ?? line.box.y + line.box.h); y++) for (let x = 12; x < 80; x += 3) data[y * 100 + x] = 250;
  const grey = { width: 100, height: 60, channels: 1 as const, data };
  return { frame: 0, boxes: [line.box], full: false, found: { grey, lines: [line], full: false }, rendering: rendered(100, 60, 1, data) };
}

const tall: TextLine = { box: { x: 10, y: 10, w: 75, h: 40 }, polarity: "bright", charHeight: 10, glyphs: 20, level: 250, score: 0.9, band: { y0: 25, y1: 37 } };

test("when a line grew over texture (it carries a glyph band), then its box and its words' boxes are cut to the band's rows", async () => {
  const text = await readLines(frameWith(tall), { engine: wholeImageEngine, recipe: { fullFallback: false } });
  assert.deepEqual(text.lines[0].box, { x: 10, y: 25, w: 75, h: 12 });
  assert.ok(text.words.length > 0);
  for (const w of text.words) assert.ok(w.box.y >= 25 && w.box.y + w.box.h <= 37, "each word lies in the band's rows");
});

test("when a line has no glyph band, then its box is kept as detected", async () => {
  const { band: _band, ...plain } = tall;
  const text = await readLines(frameWith(plain), { engine: wholeImageEngine, recipe: { fullFallback: false } });
  assert.deepEqual(text.lines[0].box, tall.box);
});

test("when a frame is colour then the whole-frame fallback gets its brightest channel; a grey frame has none", async () => {
  const colour = readDicom(fixtureBytes("dicom/SC_rgb_small_odd_3x3.dcm"));
  const frame = await readFrame(openPixels(colour), 0);
  const found = findLines(colour, frame, 0).found;
  const rgb = frame.pixels as Uint8Array;
  assert.deepEqual([...found.fallbackGrey!().data], [...brightestChannel(Uint8Array.from(rgb))]);
  const grey = readDicom(fixtureBytes("dicom/MR_small_implicitLE.dcm"));
  assert.equal(findLines(grey, await readFrame(openPixels(grey), 0), 0).found.fallbackGrey, undefined);
});
