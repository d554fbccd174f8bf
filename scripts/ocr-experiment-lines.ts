/**
 * Diagnostics for text-line detection: feature distributions of candidate lines that overlap
 * ground-truth text (keys and values) versus all other candidate lines. Prints numbers only.
 *
 *   node --import tsx scripts/ocr-experiment-lines.ts [--every N]
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findTextLines, isTextLike, type TextLine } from "../src/ocr/text-regions.js";
import { loadOverlaySamples } from "./ocr-experiment-data.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(repo, "..", "shared", "data", "overlay-phi");
const i = process.argv.indexOf("--every");
const samples = loadOverlaySamples(dataDir, "minmax", join(repo, ".tmp", "ocr", "render"), i > 0 ? Number(process.argv[i + 1]) : 1);
const text: TextLine[] = [];
const other: TextLine[] = [];
for (const s of samples) {
  const truth = JSON.parse(readFileSync(join(dataDir, s.name.replace(/\.dcm$/, ".json")), "utf8")) as {
    annotation: { key: { bbox?: number[] }; value: { bbox?: number[] } }[];
  };
  const boxes = truth.annotation.flatMap((a) => [a.key.bbox, a.value.bbox]).filter((b): b is number[] => b !== undefined && b[2] > b[0]);
  for (const line of findTextLines(s.image)) {
    const c = { x: line.box.x + line.box.w / 2, y: line.box.y + line.box.h / 2 };
    const inText = boxes.some((b) => c.x >= b[0] - 2 && c.x <= b[2] + 2 && c.y >= b[1] - 2 && c.y <= b[3] + 2);
    (inText ? text : other).push(line);
  }
}
const q = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number): string => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2) : "-");
  return `p05 ${at(0.05)} p25 ${at(0.25)} p50 ${at(0.5)} p75 ${at(0.75)}`;
};
const widthRatio = (l: TextLine): number => l.box.w / l.charHeight;
const n = (l: TextLine): number => l.glyphs.length;
for (const [cls, test] of [["h<=5", (l: TextLine) => l.charHeight <= 5], ["h>5", (l: TextLine) => l.charHeight > 5]] as const) {
  for (const [name, all] of [["text", text], ["other", other]] as const) {
    const set = all.filter(test);
    const acc = set.filter(isTextLike);
    console.log(`${cls} ${name}: ${set.length} lines, accepted ${acc.length}`);
    for (const f of ["regularHeight", "aligned", "density", "sameLevel"] as const) console.log(`  ${f}: ${q(acc.map((l) => l[f]))}`);
    console.log(`  glyphs: ${q(acc.map(n))}  width/h: ${q(acc.map(widthRatio))}`);
  }
}
