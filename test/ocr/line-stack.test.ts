import assert from "node:assert/strict";
import { test } from "node:test";
import type { OcrEngine, OcrImage, OcrWord } from "../../src/ocr/engine.js";
import type { LineImage } from "../../src/ocr/line-image.js";
import { drawStack, packShelves, readStacked } from "../../src/ocr/line-stack.js";

/** A line image of w x h engine pixels (factor 2, border 4) cut from the frame at (fx, fy). */
const item = (line: number, w: number, h: number, fx: number, fy: number): { line: number; prepared: LineImage } => ({
  line,
  prepared: {
    image: { width: w, height: h, channels: 1, data: new Uint8Array(w * h).fill(line * 10) },
    source: { x: fx, y: fy, w: (w - 8) / 2, h: (h - 8) / 2 },
    factor: 2,
    border: 4,
  },
});

test("when lines are packed then narrow ones share a shelf and none overlap", () => {
  const [stack] = packShelves([item(0, 300, 40, 0, 0), item(1, 100, 40, 0, 30), item(2, 120, 30, 0, 60)], { shelfWidth: 400, gap: 20 });
  assert.equal(stack.length, 3);
  const [a1, a2] = [stack.find((p) => p.line === 1), stack.find((p) => p.line === 2)];
  assert.ok(a1 !== undefined && a2 !== undefined);
  // Lines 1 and 2 share the second shelf: their rows overlap.
  assert.ok(a1.top < a2.top + a2.prepared.image.height && a2.top < a1.top + a1.prepared.image.height);
  for (const a of stack) {
    for (const b of stack) {
      if (a === b) continue;
      const apart = a.left + a.prepared.image.width + 20 <= b.left || b.left + b.prepared.image.width + 20 <= a.left || a.top + a.prepared.image.height <= b.top || b.top + b.prepared.image.height <= a.top;
      assert.ok(apart, `lines ${a.line} and ${b.line} overlap`);
    }
  }
  const canvas = drawStack(stack);
  const p = stack.find((q) => q.line === 2);
  assert.ok(p !== undefined);
  assert.equal(canvas.data[(p.top + 1) * canvas.width + p.left + 1], 20);
});

test("when the stack is taller than allowed then it is split over several engine calls", () => {
  const stacks = packShelves([item(0, 300, 40, 0, 0), item(1, 300, 40, 0, 0), item(2, 300, 40, 0, 0)], { shelfWidth: 300, maxHeight: 90 });
  assert.equal(stacks.length, 2);
});

test("when the engine reads words then each maps back to its line in frame coordinates", async () => {
  let input: OcrImage | undefined;
  const engine: OcrEngine = {
    name: "fake",
    concurrency: 1,
    recognize: async (image: OcrImage): Promise<OcrWord[]> => {
      input = image;
      // One word over the whole of line 1's glyph area, wherever it was placed.
      const [stack] = packShelves([item(0, 208, 48, 50, 10), item(1, 108, 48, 20, 100)]);
      const p = stack.find((q) => q.line === 1);
      if (p === undefined) return [];
      return [{ text: "WORD", confidence: 90, box: { x: p.left + 4, y: p.top + 4, w: 100, h: 40 } }];
    },
    close: async () => {},
  };
  const words = await readStacked(engine, [item(0, 208, 48, 50, 10), item(1, 108, 48, 20, 100)], {});
  assert.ok(input !== undefined);
  assert.deepEqual(words.get(0), []);
  assert.deepEqual(words.get(1), [{ text: "WORD", confidence: 90, box: { x: 20, y: 100, w: 50, h: 20 }, line: 1 }]);
});
