import assert from "node:assert/strict";
import { test } from "node:test";
import type { Component } from "../../src/ocr/components.js";
import { candidateLines, groundLevel, groupLines } from "../../src/ocr/line-candidates.js";
import { toGrey } from "../../src/ocr/raster.js";
import { strokeMasks } from "../../src/ocr/stroke-mask.js";
import { syntheticText } from "./fixture.js";

const glyph = (x0: number, y0: number, w = 4, h = 8): Component => ({ x0, y0, x1: x0 + w, y1: y0 + h, area: (w * h) / 2, peak: 255, floor: 200 });

test("when glyphs sit on two rows then they form two lines, and a far glyph stays apart", () => {
  const comps = [glyph(0, 0), glyph(6, 0), glyph(12, 1), glyph(0, 20), glyph(6, 20), glyph(60, 0)];
  const groups = groupLines(comps, 1.6).map((g) => g.map((c) => `${c.x0},${c.y0}`).sort());
  assert.equal(groups.length, 3);
  assert.ok(groups.some((g) => g.join(" ") === "0,0 12,1 6,0"));
  assert.ok(groups.some((g) => g.join(" ") === "0,20 6,20"));
});

test("when glyphs differ more than 2.2 times in height then they are not one line", () => {
  assert.equal(groupLines([glyph(0, 0, 4, 4), glyph(6, 0, 4, 10)], 1.6).length, 2);
});

test("when the synthetic text is measured then its lines are regular, drawn at the ink level and stand out", async () => {
  const image = toGrey(await syntheticText());
  const lines = candidateLines(image, strokeMasks(image, "bright")).filter((l) => l.glyphs.length >= 8);
  assert.ok(lines.length >= 3, `${lines.length} long candidates`);
  for (const l of lines) {
    assert.ok(l.charHeight >= 6 && l.charHeight <= 11, `glyph height ${l.charHeight}`);
    assert.equal(l.levelGap, 0);
    assert.ok(l.contrast >= 100, `contrast ${l.contrast}`);
    assert.ok(l.regularHeight >= 0.8 && l.aligned >= 0.8);
  }
});

test("when a box lies on a flat ground then its ground level is that grey", () => {
  const image = { width: 10, height: 10, channels: 1 as const, data: new Uint8Array(100).fill(40) };
  image.data[55] = 255;
  assert.equal(groundLevel(image, { x: 3, y: 3, w: 4, h: 4 }), 40);
});

test("when glyph levels spread as lossy compression leaves them then lossy measures them against their median level", () => {
  // Eight "0"-like bright glyphs (6x10 outlines, strokes 2 px) on black; one overshoots to 255
  // (JPEG ringing), the others sit near 195.
  const width = 110;
  const height = 30;
  const data = new Uint8Array(width * height);
  for (let k = 0; k < 8; k++) {
    const level = k === 0 ? 255 : 190 + 2 * k;
    const x0 = 5 + 12 * k;
    for (let y = 10; y < 20; y++) for (let x = x0; x < x0 + 6; x++) if (y < 12 || y >= 18 || x < x0 + 2 || x >= x0 + 4) data[y * width + x] = level;
  }
  const image = { width, height, channels: 1 as const, data };
  const longest = (lossy: boolean) => candidateLines(image, strokeMasks(image, "bright"), { lossy }).sort((a, b) => b.glyphs.length - a.glyphs.length)[0];
  assert.equal(longest(false).glyphs.length, 8);
  assert.ok(longest(false).sameLevel < 0.3, `against the brightest glyph: ${longest(false).sameLevel}`);
  assert.ok(longest(true).sameLevel >= 0.8, `against the median glyph: ${longest(true).sameLevel}`);
});
