/**
 * Line stacks: many prepared line images read in one engine call.
 *
 * An engine call costs about as much per pixel of its input as per glyph, and a plain vertical
 * stack is as wide as its longest line, mostly white. So line images are packed onto shelves:
 * each shelf holds lines side by side (widest first) separated by a wide white gap, so that the
 * engine reads them as words of one text row that never run into each other; shelves are
 * stacked. Every word read is mapped back to the line image it lies in and then to the frame.
 */
import type { OcrEngine, OcrWord, RecognizeOptions } from "./engine.js";
import type { LineImage } from "./line-image.js";
import type { GreyImage } from "./raster.js";

/** A line image to read, tagged with its line index. */
export interface StackItem {
  line: number;
  prepared: LineImage;
}

/** Options of `readStacked`. */
export interface StackOptions {
  /** Shelf width in pixels (at least the widest line image). Default 1600. */
  shelfWidth?: number;
  /** White gap between line images on a shelf, in pixels. Default 64. */
  gap?: number;
  /** Largest stack height in pixels before a new engine call starts. Default 2400. */
  maxHeight?: number;
}

interface Placed extends StackItem {
  left: number;
  top: number;
}

/** Packs items onto shelves (first fit, widest first) and groups shelves into stacks. */
export function packShelves(items: StackItem[], options: StackOptions = {}): Placed[][] {
  const widest = Math.max(0, ...items.map((i) => i.prepared.image.width));
  const width = Math.max(options.shelfWidth ?? 1600, widest);
  const gap = options.gap ?? 64;
  const maxHeight = options.maxHeight ?? 2400;
  const order = [...items].sort((a, b) => b.prepared.image.width - a.prepared.image.width);
  const shelves: { items: StackItem[]; used: number; height: number }[] = [];
  for (const item of order) {
    const w = item.prepared.image.width;
    const shelf = shelves.find((s) => s.used + gap + w <= width);
    if (shelf === undefined) shelves.push({ items: [item], used: w, height: item.prepared.image.height });
    else {
      shelf.items.push(item);
      shelf.used += gap + w;
      shelf.height = Math.max(shelf.height, item.prepared.image.height);
    }
  }
  const stacks: Placed[][] = [];
  let current: Placed[] = [];
  let top = 0;
  for (const shelf of shelves) {
    if (current.length > 0 && top + shelf.height > maxHeight) {
      stacks.push(current);
      current = [];
      top = 0;
    }
    let left = 0;
    for (const item of shelf.items) {
      // Centred vertically on the shelf so that the glyphs of one shelf share a baseline band.
      current.push({ ...item, left, top: top + Math.floor((shelf.height - item.prepared.image.height) / 2) });
      left += item.prepared.image.width + gap;
    }
    top += shelf.height;
  }
  if (current.length > 0) stacks.push(current);
  return stacks;
}

/** Draws placed items on a white canvas just large enough to hold them. */
export function drawStack(placed: Placed[]): GreyImage {
  const width = Math.max(...placed.map((p) => p.left + p.prepared.image.width));
  const height = Math.max(...placed.map((p) => p.top + p.prepared.image.height));
  const data = new Uint8Array(width * height).fill(255);
  for (const p of placed) {
    const img = p.prepared.image;
    for (let r = 0; r < img.height; r++) data.set(img.data.subarray(r * img.width, (r + 1) * img.width), (p.top + r) * width + p.left);
  }
  return { width, height, channels: 1, data };
}

/** Maps a word of a stack back to frame coordinates through the item it lies in, clipped to its line box. */
function mapWord(w: OcrWord, p: Placed): OcrWord | undefined {
  const { factor: f, source: s, border } = p.prepared;
  const x0 = Math.max(s.x, s.x + (w.box.x - p.left - border) / f);
  const y0 = Math.max(s.y, s.y + (w.box.y - p.top - border) / f);
  const x1 = Math.min(s.x + s.w, s.x + (w.box.x + w.box.w - p.left - border) / f);
  const y1 = Math.min(s.y + s.h, s.y + (w.box.y + w.box.h - p.top - border) / f);
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { text: w.text, confidence: w.confidence, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, line: p.line };
}

/** Reads the items in as few engine calls as the stack height allows; returns words per line index (frame coordinates). */
export async function readStacked(engine: OcrEngine, items: StackItem[], call: RecognizeOptions, options: StackOptions = {}): Promise<Map<number, OcrWord[]>> {
  const out = new Map<number, OcrWord[]>(items.map((i) => [i.line, []]));
  await Promise.all(
    packShelves(items, options).map(async (placed) => {
      for (const w of await engine.recognize(drawStack(placed), call)) {
        const cx = w.box.x + w.box.w / 2;
        const cy = w.box.y + w.box.h / 2;
        const p = placed.find((q) => cx >= q.left && cx < q.left + q.prepared.image.width && cy >= q.top && cy < q.top + q.prepared.image.height);
        const mapped = p === undefined ? undefined : mapWord(w, p);
        if (mapped !== undefined) out.get(p?.line ?? -1)?.push(mapped);
      }
    }),
  );
  return out;
}
