/**
 * Diagnostics for text-line detection: feature distributions and text scores of candidate lines
 * lying mostly inside ground-truth text (keys and values) versus all other candidates, and how
 * many of each the text-likeness test accepts. Prints numbers only.
 *
 *   node --import tsx scripts/ocr-experiment-lines.ts [--every N]
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { candidateLines, type LineCandidate } from "../src/ocr/line-candidates.js";
import { strokeMasks } from "../src/ocr/stroke-mask.js";
import { isTextLine, textScore } from "../src/ocr/text-lines.js";
import { loadOverlaySamples } from "./ocr-experiment-data.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const i = process.argv.indexOf("--every");
const samples = await loadOverlaySamples(join(repo, "..", "shared", "data", "overlay-phi"), i > 0 ? Number(process.argv[i + 1]) : 1);
const text: LineCandidate[] = [];
const other: LineCandidate[] = [];
for (const s of samples) {
  const { width, height } = s.image;
  const truth = new Uint8Array(width * height);
  for (const b of [...s.keys, ...s.values.map((v) => v.box)]) {
    for (let y = Math.max(0, b[1] - 1); y < Math.min(height, b[3] + 1); y++) truth.fill(1, y * width + Math.max(0, b[0] - 1), y * width + Math.min(width, b[2] + 1));
  }
  for (const polarity of ["bright", "dark"] as const) {
    for (const line of candidateLines(s.image, strokeMasks(s.image, polarity))) {
      const { x, y, w, h } = line.box;
      let inside = 0;
      for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) inside += truth[yy * width + xx];
      (inside >= 0.5 * w * h ? text : other).push(line);
    }
  }
}
const q = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number): string => (s.length > 0 ? s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2) : "-");
  return `p05 ${at(0.05)} p25 ${at(0.25)} p50 ${at(0.5)} p75 ${at(0.75)} p95 ${at(0.95)}`;
};
const features: [string, (l: LineCandidate) => number][] = [
  ["glyphs", (l) => l.glyphs.length],
  ["width/height", (l) => l.box.w / l.charHeight],
  ["regularHeight", (l) => l.regularHeight],
  ["aligned", (l) => l.aligned],
  ["density", (l) => l.density],
  ["sameLevel", (l) => l.sameLevel],
  ["levelGap", (l) => l.levelGap],
  ["quieter side", (l) => Math.min(l.above, l.below)],
  ["busier side", (l) => Math.max(l.above, l.below)],
  ["contrast", (l) => l.contrast],
  ["textScore", (l) => textScore(l)],
];
for (const [cls, test] of [
  ["h<=5", (l: LineCandidate) => l.charHeight <= 5],
  ["h>5", (l: LineCandidate) => l.charHeight > 5],
] as const) {
  for (const [name, all] of [
    ["text", text],
    ["other", other],
  ] as const) {
    const set = all.filter(test);
    console.log(`${cls} ${name}: ${set.length} candidates, accepted ${set.filter((l) => isTextLine(l)).length}`);
    for (const [f, get] of features) console.log(`  ${f}: ${q(set.map(get))}`);
  }
}
