/**
 * Detection metrics for the OCR experiments: how much of the visible PHI the detected text-line
 * boxes cover, how tight they are, and how many lie on no labelled text. Prints numbers only.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import type { OcrBox } from "../src/ocr/engine.js";
import type { GreyImage } from "../src/ocr/raster.js";
import { coverage, pixelCoverage, type Box4, type Sample } from "./ocr-experiment-data.js";

/** A detector under test: boxes of text lines in image pixels. */
export type Detector = (image: GreyImage) => OcrBox[];

/** Detection totals over a set of samples. */
export interface DetectionTotals {
  images: number;
  values: number;
  /** Values whose ink box is covered >= 90 % by detected boxes. */
  inkBoxCovered: number;
  /** Values whose ink pixels are covered >= 90 % by detected boxes. */
  inkPixelsCovered: number;
  /** Values whose whole truth box is covered >= 90 %. */
  truthBoxCovered: number;
  /** Detected area (union) and the part of it outside every truth key and value box. */
  area: number;
  areaOutside: number;
  /** Detected boxes and those touching no truth box. */
  boxes: number;
  boxesElsewhere: number;
  /** Area of the boxes touching no truth box. */
  areaElsewhere: number;
  ms: number;
  /** "image:value" of values whose ink box is not covered. */
  missed: string[];
}

function unionMask(boxes: OcrBox[], width: number, height: number): Uint8Array {
  const m = new Uint8Array(width * height);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x));
    const y0 = Math.max(0, Math.floor(b.y));
    const x1 = Math.min(width, Math.ceil(b.x + b.w));
    const y1 = Math.min(height, Math.ceil(b.y + b.h));
    for (let y = y0; y < y1; y++) m.fill(1, y * width + x0, y * width + x1);
  }
  return m;
}

const asBox = ([x1, y1, x2, y2]: Box4): OcrBox => ({ x: x1, y: y1, w: x2 - x1, h: y2 - y1 });
const touches = (a: OcrBox, b: OcrBox): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Draws truth (value blue, key dark green) and detected boxes (yellow) over the image. */
export async function drawBoxes(image: GreyImage, sample: Sample | undefined, boxes: OcrBox[], path: string, factor = 2): Promise<void> {
  const W = image.width * factor;
  const H = image.height * factor;
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgb.fill(image.data[Math.floor(y / factor) * image.width + Math.floor(x / factor)], (y * W + x) * 3, (y * W + x) * 3 + 3);
  const rect = (b: OcrBox, c: [number, number, number]): void => {
    const x0 = Math.round(b.x * factor);
    const y0 = Math.round(b.y * factor);
    const x1 = Math.round((b.x + b.w) * factor) - 1;
    const y1 = Math.round((b.y + b.h) * factor) - 1;
    const put = (x: number, y: number): void => {
      if (x >= 0 && y >= 0 && x < W && y < H) rgb.set(c, (y * W + x) * 3);
    };
    for (let x = x0; x <= x1; x++) {
      put(x, y0);
      put(x, y1);
    }
    for (let y = y0; y <= y1; y++) {
      put(x0, y);
      put(x1, y);
    }
  };
  for (const v of sample?.values ?? []) {
    for (const p of v.inkPixels) {
      const py = Math.floor(p / image.width);
      const px = p - py * image.width;
      for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) rgb[((py * factor + dy) * W + px * factor + dx) * 3] = 255;
    }
  }
  for (const k of sample?.keys ?? []) rect(asBox(k), [0, 140, 0]);
  for (const v of sample?.values ?? []) rect(asBox(v.ink ?? v.box), v.visible ? [40, 120, 255] : [120, 120, 120]);
  for (const b of boxes) rect(b, [255, 220, 0]);
  await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).png().toFile(path);
}

/** Runs a detector over the samples and measures coverage, tightness and stray boxes. */
export async function measureDetection(samples: Sample[], detect: Detector, debugDir?: string, indices?: number[], factor = 2): Promise<DetectionTotals> {
  const t: DetectionTotals = { images: 0, values: 0, inkBoxCovered: 0, inkPixelsCovered: 0, truthBoxCovered: 0, area: 0, areaOutside: 0, boxes: 0, boxesElsewhere: 0, areaElsewhere: 0, ms: 0, missed: [] };
  if (debugDir !== undefined) mkdirSync(debugDir, { recursive: true });
  for (const [i, s] of samples.entries()) {
    const start = process.cpuUsage();
    const boxes = detect(s.image);
    const used = process.cpuUsage(start);
    t.ms += (used.user + used.system) / 1000;
    t.images++;
    const { width, height } = s.image;
    const truth = [...s.keys, ...s.values.map((v) => v.box)].map(asBox);
    const det = unionMask(boxes, width, height);
    const gt = unionMask(truth, width, height);
    for (let p = 0; p < det.length; p++) {
      t.area += det[p];
      if (det[p] === 1 && gt[p] === 0) t.areaOutside++;
    }
    t.boxes += boxes.length;
    const elsewhere = boxes.filter((b) => !truth.some((g) => touches(b, g)));
    t.boxesElsewhere += elsewhere.length;
    t.areaElsewhere += elsewhere.reduce((a, b) => a + b.w * b.h, 0);
    let miss = false;
    s.values.forEach((v, k) => {
      if (!v.visible || v.ink === undefined) return;
      t.values++;
      if (coverage(v.box, boxes) >= 0.9) t.truthBoxCovered++;
      if (pixelCoverage(v.inkPixels, width, boxes) >= 0.9) t.inkPixelsCovered++;
      if (coverage(v.ink, boxes) >= 0.9) t.inkBoxCovered++;
      else {
        t.missed.push(`${indices?.[i] ?? i}:${k}`);
        miss = true;
      }
    });
    if (debugDir !== undefined) await drawBoxes(s.image, s, boxes, join(debugDir, `${String(indices?.[i] ?? i).padStart(3, "0")}${miss ? "-miss" : ""}.png`), factor);
  }
  return t;
}

/** One markdown table row of detection totals. */
export function detectionRow(name: string, t: DetectionTotals): string {
  const f = (a: number, b: number): string => (b === 0 ? "-" : (a / b).toFixed(3));
  return `| ${name} | ${t.values} | ${f(t.inkBoxCovered, t.values)} | ${f(t.inkPixelsCovered, t.values)} | ${f(t.truthBoxCovered, t.values)} | ${f(t.areaOutside, t.area)} | ${f(t.areaElsewhere, t.area)} | ${(t.boxes / t.images).toFixed(1)} | ${(t.boxesElsewhere / t.images).toFixed(2)} | ${(t.ms / t.images).toFixed(1)} |`;
}

/** Header of the detection table. */
export const DETECTION_HEADER = [
  "| detector | visible values | ink box covered >=90% | ink pixels covered >=90% | truth box covered >=90% | detected area outside truth boxes | of it in boxes touching no truth box | boxes/image | boxes on no truth box/image | CPU ms/image |",
  "|---|---|---|---|---|---|---|---|---|---|",
].join("\n");
