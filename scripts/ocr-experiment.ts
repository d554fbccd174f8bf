/**
 * OCR experiment on the overlay-phi set: detection of burned-in text lines, recall of PHI values
 * read by OCR, and CPU time per image. Renders with the project's renderer (min-max window).
 *
 *   node --import tsx scripts/ocr-experiment.ts detect [--detectors a,b] [--opts '<json>'] [--every N] [--offset K] [--debug] [--missed]
 *   node --import tsx scripts/ocr-experiment.ts ocr [--recipes a,b] [--engine tesseract.js] [--workers 2] [--every N] [--missed]
 *   node --import tsx scripts/ocr-experiment.ts pixel-phi [--recipe name] [--debug]
 *
 * Before/after: copy the previous src/ocr files to a folder (e.g. `git show <rev>:src/ocr/recipe.ts`)
 * and pass `--old <folder>/recipe.ts`: detector "v1" (detect) and recipe "v1" (ocr) then run it.
 *
 * Prints counts and rates only, never PHI text.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createOcrEngine, registerOcrEngine, type OcrBox, type OcrEngine, type OcrWord } from "../src/ocr/engine.js";
import { registerDefaultOcrEngines } from "../src/ocr/default-engines.js";
import { ocrFrame, type OcrLine, type OcrRecipeOptions } from "../src/ocr/recipe.js";
import type { GreyImage } from "../src/ocr/raster.js";
import { findTextLines, type FindTextLinesOptions } from "../src/ocr/text-lines.js";
import { addScores, emptyScore, loadOverlaySamples, pixelCoverage, renderDicom, scoreImage, type Sample } from "./ocr-experiment-data.js";
import { DETECTION_HEADER, detectionRow, drawBoxes, measureDetection, type Detector } from "./ocr-experiment-detect.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(repo, "..", "shared", "data");

/** Named recipes compared by the experiment. */
export const RECIPES: Record<string, OcrRecipeOptions> = {
  default: {},
  "full-psm11": { strategy: "full", psm: 11 },
  retry70: { retryBelowConfidence: 70 },
  binarised: { binarise: true },
  h20: { targetCharHeight: 20 },
  h28: { targetCharHeight: 28 },
  h32: { targetCharHeight: 32 },
  "vertical-stack": { shelfWidth: 1 },
}

/** Named detectors compared by the experiment. */
export const DETECTORS: Record<string, Detector> = {
  lines: (image) => findTextLines(image, detectorOptions()).map((l) => l.box),
}

/** Detector options from --opts '<json>' (e.g. '{"minScore":0.3}'). */
const detectorOptions = (): FindTextLinesOptions => JSON.parse(arg("opts", "{}")) as FindTextLinesOptions;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** CPU seconds used by this process and its reaped children (Linux /proc; 0 elsewhere). */
function cpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // Fields after "(comm) ": state is [0]; utime [11], stime [12], cutime [13], cstime [14].
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

async function runPool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, limit) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function detectCommand(samples: Sample[], indices: number[], names: string[]): Promise<void> {
  console.log(DETECTION_HEADER);
  for (const name of names) {
    const detect = DETECTORS[name];
    if (detect === undefined) throw new Error(`Unknown detector "${name}"; known: ${Object.keys(DETECTORS).join(", ")}`);
    const debug = process.argv.includes("--debug") ? join(repo, ".tmp", "ocr", "detect", name) : undefined;
    const t = await measureDetection(samples, detect, debug, indices, Number(arg("zoom", "2")));
    console.log(detectionRow(name, t));
    if (process.argv.includes("--missed")) console.log(`  missed (image:value): ${t.missed.join(" ")}`);
  }
}

/** The previous recipe, when a copy of it is given with --old <path to its recipe.ts> (for before/after tables). */
let oldRecipe: ((engine: OcrEngine, image: GreyImage) => Promise<{ words: OcrWord[]; regions: { box: OcrBox }[] }>) | undefined;

/**
 * The previous recipe's regions as lines, readable as the burned-in stage judged them before
 * (src/burnin/decide.ts: words inside, mean confidence >= 55).
 */
function asLines(old: { words: OcrWord[]; regions: { box: OcrBox }[] }): { words: OcrWord[]; lines: Pick<OcrLine, "box" | "readable">[] } {
  const centreIn = (w: OcrWord, b: OcrBox): boolean => w.box.x + w.box.w / 2 >= b.x && w.box.x + w.box.w / 2 <= b.x + b.w && w.box.y + w.box.h / 2 >= b.y && w.box.y + w.box.h / 2 <= b.y + b.h;
  const lines = old.regions.map((r) => {
    const ws = old.words.filter((w) => centreIn(w, r.box));
    return { box: r.box, readable: ws.length > 0 && ws.reduce((a, w) => a + w.confidence, 0) / ws.length >= 55 };
  });
  return { words: old.words, lines };
}

async function ocrCommand(samples: Sample[], indices: number[], engine: OcrEngine, recipes: string[]): Promise<void> {
  const visible = samples.reduce((a, s) => a + s.values.filter((v) => v.visible).length, 0);
  console.log(`engine ${engine.name} x${engine.concurrency}, images ${samples.length}, values ${samples.reduce((a, s) => a + s.values.length, 0)} (+${samples.reduce((a, s) => a + s.outside, 0)} outside the pixels), scored: visible ${visible}`);
  console.log("| recipe | token recall (exact / tolerant) | value recall (exact / tolerant) | read, or in an unreadable line (fail-safe) | in a readable line, misread | not in a line | lines/image | readable | s/image (wall) | CPU-s/image |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const name of recipes) {
    const recipe = RECIPES[name] ?? (name === "v1" ? {} : undefined);
    if (recipe === undefined) throw new Error(`Unknown recipe "${name}"; known: ${Object.keys(RECIPES).join(", ")}`);
    let total = emptyScore();
    let safe = 0;
    let misread = 0;
    let undetected = 0;
    let lineCount = 0;
    let readableCount = 0;
    const byClass = new Map<string, ReturnType<typeof emptyScore>>();
    const missed: string[] = [];
    const t = performance.now();
    const cpu0 = cpuSeconds();
    await runPool(samples, engine.concurrency * 2, async (s, i) => {
      const result = name === "v1" && oldRecipe !== undefined ? asLines(await oldRecipe(engine, s.image)) : await ocrFrame(engine, s.image, recipe);
      const words = result.words;
      const shown = s.values.filter((v) => v.visible);
      const score = scoreImage(words, shown);
      lineCount += result.lines.length;
      readableCount += result.lines.filter((l) => l.readable).length;
      shown.forEach((v, k) => {
        const found = !score.missed.includes(k);
        const holding = result.lines.filter((l) => pixelCoverage(v.inkPixels, s.image.width, [l.box]) >= 0.3);
        if (pixelCoverage(v.inkPixels, s.image.width, result.lines.map((l) => l.box)) < 0.9) undetected++;
        else if (found || holding.every((l) => !l.readable)) safe++;
        else misread++;
      });
      total = addScores(total, score);
      for (const v of shown) {
        const h = (v.ink ?? v.box)[3] - (v.ink ?? v.box)[1];
        const cls = h <= 5 ? "tiny(<=5px)" : h <= 9 ? "small(6-9px)" : "large(>=10px)";
        byClass.set(cls, addScores(byClass.get(cls) ?? emptyScore(), scoreImage(words, [v])));
      }
      if (score.missed.length > 0) missed.push(`${indices[i]}:${score.missed.join("/")}`);
    });
    const wall = (performance.now() - t) / 1000 / samples.length;
    const cpu = (cpuSeconds() - cpu0) / samples.length;
    const f = (a: number, b: number): string => (a / b).toFixed(3);
    console.log(
      `| ${name} | ${f(total.tokensExact, total.tokens)} / ${f(total.tokensTolerant, total.tokens)} | ${f(total.valuesExact, total.values)} / ${f(total.valuesTolerant, total.values)} | ${f(safe, total.values)} | ${f(misread, total.values)} | ${f(undetected, total.values)} | ${(lineCount / samples.length).toFixed(1)} | ${f(readableCount, Math.max(1, lineCount))} | ${wall.toFixed(3)} | ${cpu.toFixed(3)} |`,
    );
    console.log(
      `  by value height: ${[...byClass.entries()].sort().map(([k, v]) => `${k} n=${v.values} tolerant ${(v.valuesTolerant / v.values).toFixed(3)}`).join("; ")}`,
    );
    if (process.argv.includes("--missed")) console.log(`  missed (image:value indices): ${missed.sort().join(" ")}`);
  }
}

/** OCRs the pixel_phi images (first frame) and prints counts and timings per file (no text). */
async function pixelPhiCommand(engine: OcrEngine, recipe: OcrRecipeOptions): Promise<void> {
  const dir = join(dataDir, "dicom", "pixel_phi");
  const out = join(repo, ".tmp", "ocr", "pixel_phi");
  if (process.argv.includes("--debug")) mkdirSync(out, { recursive: true });
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".dcm")).sort()) {
    let image: GreyImage;
    try {
      image = await renderDicom(join(dir, file), "auto");
    } catch (e) {
      console.log(`${file}: not rendered (${(e as Error).message.slice(0, 80)})`);
      continue;
    }
    const cpu0 = cpuSeconds();
    const t = performance.now();
    const { words, regions } = await ocrFrame(engine, image, recipe);
    const ms = performance.now() - t;
    console.log(`${file}: ${image.width}x${image.height}, regions ${regions.length}, words ${words.length}, ${ms.toFixed(0)} ms, ${(cpuSeconds() - cpu0).toFixed(2)} CPU-s`);
    if (process.argv.includes("--debug")) await drawBoxes(image, undefined, regions.map((r) => r.box), join(out, file.replace(/\.dcm$/, ".png")), 1);
  }
}

async function main(): Promise<void> {
  const cmd = process.argv[2] ?? "ocr";
  const every = Number(arg("every", "1"));
  const offset = Number(arg("offset", "0"));
  registerDefaultOcrEngines();
  // "null" reads nothing: measures everything but OCR (detection, crops, stacking).
  registerOcrEngine("null", async () => ({ name: "null", concurrency: 2, recognize: async () => [], close: async () => {} }));
  const load = async (): Promise<[Sample[], number[]]> => {
    const samples = await loadOverlaySamples(join(dataDir, "overlay-phi"), every, offset);
    return [samples, samples.map((_, i) => offset + i * every)];
  };
  if (cmd === "detect") {
    const [samples, indices] = await load();
    if (arg("old", "") !== "") {
      // The previous detector: text-regions.ts beside the given recipe.ts (padded blocks of lines).
      const old = (await import(join(process.cwd(), dirname(arg("old", "")), "text-regions.ts"))) as { findTextRegions: (image: GreyImage) => { box: OcrBox }[] };
      DETECTORS.v1 = (image) => old.findTextRegions(image).map((r) => r.box);
    }
    await detectCommand(samples, indices, arg("detectors", Object.keys(DETECTORS).join(",")).split(","));
    return;
  }
  const engineOptions: Record<string, unknown> = { workers: Number(arg("workers", "2")) };
  if (arg("model", "") !== "") engineOptions.model = arg("model", "");
  if (arg("lang-path", "") !== "") engineOptions.langPath = arg("lang-path", "");
  if (arg("init", "") !== "") engineOptions.initConfig = JSON.parse(arg("init", "{}")) as Record<string, string>;
  const engine = await createOcrEngine(arg("engine", "tesseract.js"), engineOptions);
  if (arg("old", "") !== "") oldRecipe = ((await import(join(process.cwd(), arg("old", "")))) as { ocrFrame: typeof oldRecipe }).ocrFrame;
  try {
    if (cmd === "ocr") {
      const [samples, indices] = await load();
      await ocrCommand(samples, indices, engine, arg("recipes", "default").split(","));
    } else if (cmd === "pixel-phi") {
      await pixelPhiCommand(engine, RECIPES[arg("recipe", "default")]);
    } else {
      throw new Error(`Unknown command "${cmd}"; known: detect, ocr, pixel-phi`);
    }
  } finally {
    await engine.close();
  }
}

if (process.argv[1]?.endsWith("ocr-experiment.ts")) await main();
