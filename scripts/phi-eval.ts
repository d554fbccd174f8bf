// Evaluates the text-PHI detector on the overlay-phi ground truth (burned-in key/value texts + header context).
// Usage: node --import tsx scripts/phi-eval.ts [--data <dir>] [--seeds N] [--misses]
// Prints only counts, rates, entity kinds and word shapes ("Aaaa 99"), never values.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeWords, contextFromValues, emptyContext, LABELS, BUILT_IN_RECOGNIZERS } from "../src/phi/index.js";
import type { EntityType, HeaderValue, OcrWord, PhiContext } from "../src/phi/index.js";
import { mulberry32 } from "./seeded.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const argValue = (name: string, dflt: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const dataDir = argValue("--data", join(root, "..", "shared", "data", "overlay-phi"));
const seeds = Number(argValue("--seeds", "5"));
const showMisses = args.includes("--misses");

/** Non-PHI text typical of image overlays, used to measure false positives beside the labels. */
const EXTRA_LINES = [
  "Semi-Upright Portable", "L", "R", "AP", "PA", "LAT", "W: 400 L: 40", "WW: 350 WL: 50", "120 kV 250 mA",
  "Se: 3 Im: 12", "Series 3 Image 45", "5.0 mm", "Zoom: 1.5", "HFS", "Supine", "Erect", "A", "P", "H", "F",
  "C5-2 3.5 MHz", "Gain 50 dB", "Depth 16 cm", "FR 25 Hz", "ABDOMEN PELVIS", "CT CHEST W CONTRAST", "AXIAL 2.5mm",
  "MIP", "3D VR", "Page 1 of 2", "Scout", "Contrast: IV", "Tilt: 0.0", "Thk: 5.0 mm", "DFOV 38.0 cm", "STND",
  "Lung", "Bone", "Soft Tissue", "120 kVp", "mAs 200", "512 x 512", "TI 0.7 MI 1.2", "LightSpeed16",
  "GE MEDICAL SYSTEMS", "Head First Supine", "Left Lateral", "Brain", "Long Axis", "Hand", "Upright", "PORTABLE",
];
const DESCRIPTOR_KEYWORDS = new Set(["StudyDescription", "SeriesDescription", "BodyPartExamined", "Manufacturer",
  "ManufacturerModelName", "ProtocolName", "PerformedProcedureStepDescription"]);

interface Annotation { key: { text: string }; value: { text: string } }
type Origin = { kind: "key" | "value" | "extra" | "descriptor"; ann: number };
interface EvalWord extends OcrWord { origins: Origin[] }

// ---- header values via dcmdump ----
function headerValues(file: string): HeaderValue[] {
  const out = execFileSync("dcmdump", ["+U8", "-q", file], { encoding: "utf8", maxBuffer: 64 << 20 });
  const values: HeaderValue[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s*\(([0-9a-f]{4}),([0-9a-f]{4})\)\s+(\w\w)\s+\[(.*)\]\s+#\s*\d+,\s*\d+\s+(.*)$/.exec(line);
    if (!m) continue;
    const group = parseInt(m[1], 16);
    const keyword = group % 2 === 1 || /\s/.test(m[5].trim()) ? "" : m[5].trim();
    values.push({ keyword, vr: m[3], value: m[4] });
  }
  return values;
}

// ---- building word sequences ----
const splitWords = (s: string): string[] => s.split(/\s+/).filter((w) => w.length > 0);

function buildWords(anns: Annotation[], descriptors: string[], withKeys = true): EvalWord[] {
  const words: EvalWord[] = [];
  let line = 0;
  anns.forEach((a, ann) => {
    const keyWords = withKeys ? splitWords(a.key.text) : [];
    keyWords.forEach((w, k) => words.push({ text: k === keyWords.length - 1 ? `${w}:` : w, line, origins: [{ kind: "key", ann }] }));
    for (const w of splitWords(a.value.text)) words.push({ text: w, line, origins: [{ kind: "value", ann }] });
    line++;
  });
  EXTRA_LINES.forEach((l, n) => {
    for (const w of splitWords(l)) words.push({ text: w, line, origins: [{ kind: "extra", ann: n }] });
    line++;
  });
  descriptors.forEach((d, n) => {
    for (const w of splitWords(d)) words.push({ text: w, line, origins: [{ kind: "descriptor", ann: n }] });
    line++;
  });
  return words;
}

// ---- OCR noise (seeded, deterministic) ----
const rng = mulberry32;
const SWAPS: Record<string, string[]> = {
  O: ["0"], "0": ["O"], o: ["0"], I: ["1", "l"], "1": ["I", "l"], l: ["1", "I"], S: ["5"], "5": ["S"], s: ["5"],
  B: ["8"], "8": ["B"], Z: ["2"], "2": ["Z"],
};

interface NoiseLevel { name: string; swap: number; other: number; split: number; merge: number }
const NOISE: NoiseLevel[] = [
  { name: "OCR noise", swap: 0.08, other: 0, split: 0.05, merge: 0.05 },
  { name: "heavy OCR noise", swap: 0.15, other: 0.02, split: 0.1, merge: 0.1 },
];
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function addNoise(words: EvalWord[], rand: () => number, level: NoiseLevel): EvalWord[] {
  const subst = words.map((w) => ({
    ...w,
    text: [...w.text].map((c) => {
      if (SWAPS[c] && rand() < level.swap) return SWAPS[c][Math.floor(rand() * SWAPS[c].length)];
      if (/[\p{L}\p{N}]/u.test(c) && rand() < level.other) return LETTERS[Math.floor(rand() * LETTERS.length)];
      return c;
    }).join(""),
  }));
  const split: EvalWord[] = [];
  for (const w of subst) {
    if (w.text.length >= 4 && rand() < level.split) {
      const at = 1 + Math.floor(rand() * (w.text.length - 1));
      split.push({ ...w, text: w.text.slice(0, at) }, { ...w, text: w.text.slice(at) });
    } else split.push(w);
  }
  const merged: EvalWord[] = [];
  for (const w of split) {
    const prev = merged[merged.length - 1];
    if (prev && prev.line === w.line && rand() < level.merge) {
      merged[merged.length - 1] = { ...prev, text: prev.text + w.text, origins: [...prev.origins, ...w.origins] };
    } else merged.push(w);
  }
  return merged;
}

// ---- scoring ----
interface Tally { values: number; valuesHit: number; keys: number; keysFlagged: number; extraWords: number; extraFlagged: number; descWords: number; descFlagged: number }
const newTally = (): Tally => ({ values: 0, valuesHit: 0, keys: 0, keysFlagged: 0, extraWords: 0, extraFlagged: 0, descWords: 0, descFlagged: 0 });
const shape = (s: string): string => s.replace(/\p{Lu}/gu, "A").replace(/\p{Ll}/gu, "a").replace(/\p{N}/gu, "9");

function keyEntity(key: string): EntityType | "?" {
  const ws = (key.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
  return LABELS.find((l) => l.words.join(" ") === ws)?.entity ?? "?";
}

function score(words: EvalWord[], anns: Annotation[], ctx: PhiContext, recognizers: string[] | undefined, t: Tally, sink?: string[], tag = ""): Set<number> {
  const misses = sink ? { push: (m: string) => sink.push(`[${tag}] ${m}`) } : undefined;
  const findings = analyzeWords(words, ctx, { recognizers });
  const flagged = new Set(findings.flatMap((f) => f.words));
  const why = (i: number): string => findings.filter((f) => f.words.includes(i)).map((f) => `${f.entity}/${f.recognizer}: ${f.explanation}`).join("; ");
  const hitValues = new Set<number>();
  anns.forEach((a, ann) => {
    if (splitWords(a.value.text).length === 0) return;
    t.values++;
    const idx = words.flatMap((w, i) => (w.origins.some((o) => o.kind === "value" && o.ann === ann) ? [i] : []));
    if (idx.every((i) => flagged.has(i))) { t.valuesHit++; hitValues.add(ann); }
    else {
      const seen = words.filter((w) => w.origins.some((o) => o.ann === ann && o.kind !== "extra" && o.kind !== "descriptor")).map((w) => w.text).join(" ");
      misses?.push(`${keyEntity(a.key.text)} value missed: shape "${shape(a.value.text)}" read as "${shape(seen)}"`);
    }
  });
  anns.forEach((_a, ann) => {
    t.keys++;
    const idx = words.flatMap((w, i) => (w.origins.every((o) => o.kind === "key" && o.ann === ann) ? [i] : []));
    if (idx.some((i) => flagged.has(i))) {
      t.keysFlagged++;
      misses?.push(`key flagged: "${words.filter((_w, i) => idx.includes(i)).map((w) => w.text).join(" ")}" by ${why(idx.find((i) => flagged.has(i))!)}`);
    }
  });
  words.forEach((w, i) => {
    if (w.origins.every((o) => o.kind === "extra")) { t.extraWords++; if (flagged.has(i)) { t.extraFlagged++; misses?.push(`extra flagged: "${w.text}" by ${why(i)}`); } }
    if (w.origins.every((o) => o.kind === "descriptor")) {
      t.descWords++;
      if (flagged.has(i)) { t.descFlagged++; misses?.push(`descriptor word flagged: shape "${shape(w.text)}" by ${why(i).replace(/;.*/, "")}`); }
    }
  });
  return hitValues;
}

// ---- main ----
if (!existsSync(dataDir)) {
  console.log(`overlay-phi data not found at ${dataDir}; nothing to evaluate`);
  process.exit(0);
}
const files = readdirSync(dataDir).filter((f) => f.endsWith(".json")).sort();
const modes: Array<{ name: string; recognizers?: string[]; header: boolean }> = [
  { name: "all (header context)", header: true },
  { name: "all, no header context", header: false },
  ...BUILT_IN_RECOGNIZERS.map((r) => ({ name: `only ${r.name}`, recognizers: [r.name], header: true })),
];
const tallies = new Map(modes.map((m) => [m.name, newTally()]));
const noLines = newTally();
const noLinesNoHeader = newTally();
const unlabelled = newTally();
const unlabelledNoHeader = newTally();
const noisy = NOISE.map(newTally);
const noisyNoHeader = NOISE.map(newTally);
const byEntity = new Map<string, { total: number; fromHeader: number; unique: Set<string>; uniqueFromHeader: Set<string> }>();
const misses: string[] = [];
let ms = 0;
let images = 0;

for (const jf of files) {
  const gt = JSON.parse(readFileSync(join(dataDir, jf), "utf8")) as { annotation: Annotation[] };
  const dcm = join(dataDir, jf.replace(/\.json$/, ".dcm"));
  if (!existsSync(dcm)) continue;
  images++;
  const hv = headerValues(dcm);
  const ctx = contextFromValues(hv);
  const descriptors = hv.filter((v) => DESCRIPTOR_KEYWORDS.has(v.keyword)).map((v) => v.value);
  const words = buildWords(gt.annotation, descriptors);
  for (const m of modes) {
    const t0 = performance.now();
    const hits = score(words, gt.annotation, m.header ? ctx : emptyContext(), m.recognizers, tallies.get(m.name)!, m.name.startsWith("all") && showMisses ? misses : undefined, `clean, ${m.name}`);
    if (m.name === "all (header context)") ms += performance.now() - t0;
    if (m.name === "only header") {
      gt.annotation.forEach((a, ann) => {
        if (!a.value.text.trim()) return;
        const e = keyEntity(a.key.text);
        const rec = byEntity.get(e) ?? { total: 0, fromHeader: 0, unique: new Set(), uniqueFromHeader: new Set() };
        rec.total++;
        rec.unique.add(a.value.text);
        if (hits.has(ann)) { rec.fromHeader++; rec.uniqueFromHeader.add(a.value.text); }
        byEntity.set(e, rec);
      });
    }
  }
  const oneLine = words.map((w) => ({ ...w, line: undefined }));
  score(oneLine, gt.annotation, ctx, undefined, noLines, showMisses ? misses : undefined, "no line info, header");
  score(oneLine, gt.annotation, emptyContext(), undefined, noLinesNoHeader, showMisses ? misses : undefined, "no line info, no header");
  const bare = buildWords(gt.annotation, [], false);
  score(bare, gt.annotation, ctx, undefined, unlabelled, showMisses ? misses : undefined, "unlabelled, header");
  score(bare, gt.annotation, emptyContext(), undefined, unlabelledNoHeader, showMisses ? misses : undefined, "unlabelled, no header");
  NOISE.forEach((level, n) => {
    for (let s = 1; s <= seeds; s++) {
      const noisyWords = addNoise(words, rng(s * 7919 + images + n * 104729), level);
      score(noisyWords, gt.annotation, ctx, undefined, noisy[n], showMisses ? misses : undefined, `${level.name}, header`);
      score(noisyWords, gt.annotation, emptyContext(), undefined, noisyNoHeader[n], showMisses ? misses : undefined, `${level.name}, no header`);
    }
  });
}

const pct = (a: number, b: number): string => (b === 0 ? "n/a" : (a / b).toFixed(3));
const row = (name: string, t: Tally): string =>
  `${name.padEnd(28)} recall ${pct(t.valuesHit, t.values)} (${t.valuesHit}/${t.values})  key-FP ${pct(t.keysFlagged, t.keys)} (${t.keysFlagged}/${t.keys})  extra-FP ${pct(t.extraFlagged, t.extraWords)}  descriptor words flagged ${pct(t.descFlagged, t.descWords)}`;
console.log(`overlay-phi: ${images} images, ${files.length} ground-truth files; mean analysis time ${(ms / Math.max(1, images)).toFixed(1)} ms/image`);
console.log("\nclean text:");
for (const m of modes) console.log(row(m.name, tallies.get(m.name)!));
console.log("\nwords without line numbers (the OCR engine reports no lines):");
console.log(row("all (header context)", noLines));
console.log(row("all, no header context", noLinesNoHeader));
console.log("\nvalues without their labels (no \"Name:\" etc. on the line):");
console.log(row("all (header context)", unlabelled));
console.log(row("all, no header context", unlabelledNoHeader));
NOISE.forEach((level, n) => {
  const pc = (x: number): string => `${Math.round(x * 100)}%`;
  console.log(`\n${level.name} (${seeds} seeds; ${pc(level.swap)} O/0 I/1/l S/5 B/8 Z/2 swaps, ${pc(level.other)} other characters, ${pc(level.split)} split words, ${pc(level.merge)} merged words):`);
  console.log(row("all (header context)", noisy[n]));
  console.log(row("all, no header context", noisyNoHeader[n]));
});
console.log("\nground-truth values by entity (annotations / unique values; found by the header recognizer alone):");
for (const [e, r] of [...byEntity].sort()) {
  console.log(`  ${e.padEnd(12)} ${r.total} annotations, ${r.fromHeader} header-derived; ${r.unique.size} unique values, ${r.uniqueFromHeader.size} header-derived, ${r.unique.size - r.uniqueFromHeader.size} not`);
}
if (showMisses) {
  const counts = new Map<string, number>();
  for (const m of misses) counts.set(m, (counts.get(m) ?? 0) + 1);
  console.log("\nmisses (shapes only):");
  for (const [m, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 400)) console.log(`  ${n}x ${m}`);
}
