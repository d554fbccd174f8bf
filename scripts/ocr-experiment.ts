/**
 * OCR recipe experiment on the overlay-phi set: recall of burned-in PHI values and time per image.
 *
 *   node --import tsx scripts/ocr-experiment.ts regions [--every N] [--mode minmax] [--debug]
 *   node --import tsx scripts/ocr-experiment.ts ocr --recipes a,b [--engine tesseract.js] [--workers 2] [--every N]
 *   node --import tsx scripts/ocr-experiment.ts pixel-phi [--recipe name]
 *
 * Needs dcmtk (dcmj2pnm) to render. Prints counts and rates only, never PHI text.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { createOcrEngine, registerOcrEngine, type OcrEngine, type OcrWord } from "../src/ocr/engine.js";
import { registerDefaultOcrEngines } from "../src/ocr/default-engines.js";
import { ocrFrame, type OcrRecipeOptions } from "../src/ocr/recipe.js";
import type { GreyImage } from "../src/ocr/raster.js";
import { findTextRegions, type TextRegion, type TextRegionOptions } from "../src/ocr/text-regions.js";
import { addScores, coverage, emptyScore, loadOverlaySamples, renderWithDcmtk, scoreImage, type RenderMode, type Sample } from "./ocr-experiment-data.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(repo, "..", "shared", "data");
const cacheDir = join(repo, ".tmp", "ocr", "render");

/** Named recipes compared by the experiment. */
export const RECIPES: Record<string, OcrRecipeOptions> = {
  "full-psm3": { strategy: "full", psm: 3 },
  "full-psm11": { strategy: "full", psm: 11 },
  "full-2x-psm11": { strategy: "full", psm: 11, fullScale: 2 },
  "full-3x-psm11": { strategy: "full", psm: 11, fullScale: 3 },
  default: {},
  "psm11": { psm: 11 },
  "no-retry": { retryBelowConfidence: 0 },
  "retry-all": { retryBelowConfidence: 101 },
  "h20": { targetCharHeight: 20 },
  "h28": { targetCharHeight: 28 },
  "invert-on": { variables: {} },
  "h24": { targetCharHeight: 24 },
  "h36": { targetCharHeight: 36 },
  "bright-only": { regions: { polarity: "bright" } },
  "no-ink-mask": { regions: { inkTolerance: 255 } },
  "all-lines": { regions: { keepAllLines: true } },
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

async function drawDebug(image: GreyImage, regions: TextRegion[], sample: Sample | undefined, path: string): Promise<void> {
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let i = 0; i < image.width * image.height; i++) rgb.fill(image.data[i], i * 3, i * 3 + 3);
  const rect = (x0: number, y0: number, x1: number, y1: number, color: [number, number, number]): void => {
    const put = (x: number, y: number): void => {
      if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
      rgb.set(color, (y * image.width + x) * 3);
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
  for (const v of sample?.values ?? []) rect(v.box[0], v.box[1], v.box[2], v.box[3], [40, 120, 255]);
  for (const r of regions) rect(r.box.x, r.box.y, r.box.x + r.box.w - 1, r.box.y + r.box.h - 1, r.polarity === "bright" ? [0, 220, 0] : [255, 60, 60]);
  await sharp(rgb, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toFile(path);
}

/** Share of a value box inside the union of region boxes. */
function insideRegions(box: [number, number, number, number], regions: TextRegion[]): number {
  const [x1, y1, x2, y2] = box;
  let hit = 0;
  for (let y = y1; y < y2; y++)
    for (let x = x1; x < x2; x++)
      if (regions.some((r) => x >= r.box.x && x < r.box.x + r.box.w && y >= r.box.y && y < r.box.y + r.box.h)) hit++;
  return hit / Math.max(1, (x2 - x1) * (y2 - y1));
}

async function regionsCommand(samples: Sample[], debug: boolean, options: TextRegionOptions): Promise<void> {
  const outDir = join(repo, ".tmp", "ocr", "regions");
  if (debug) mkdirSync(outDir, { recursive: true });
  let values = 0;
  let inside = 0;
  let regionCount = 0;
  let areaShare = 0;
  let ms = 0;
  const bySize = new Map<string, [number, number, number]>();
  for (const [i, s] of samples.entries()) {
    const t = performance.now();
    const regions = findTextRegions(s.image, options);
    ms += performance.now() - t;
    regionCount += regions.length;
    areaShare += regions.reduce((a, r) => a + r.box.w * r.box.h, 0) / (s.image.width * s.image.height);
    const miss: number[] = [];
    const size = `${s.image.width}x${s.image.height}`;
    const stat = bySize.get(size) ?? [0, 0, 0];
    stat[2]++;
    s.values.forEach((v, k) => {
      values++;
      stat[0]++;
      if (insideRegions(v.box, regions) >= 0.95) {
        inside++;
        stat[1]++;
      } else miss.push(k);
    });
    bySize.set(size, stat);
    if (debug) await drawDebug(s.image, regions, s, join(outDir, `${String(i).padStart(3, "0")}${miss.length > 0 ? "-miss" : ""}.png`));
  }
  const n = samples.length;
  console.log(`images ${n}, values ${values}, values inside regions ${inside} (${(inside / values).toFixed(3)})`);
  console.log(`  by size: ${[...bySize.entries()].map(([k, [n, hit, imgs]]) => `${k} (${imgs} img) ${hit}/${n}`).join("; ")}`);
  console.log(`regions/image ${(regionCount / n).toFixed(2)}, region area share ${(areaShare / n).toFixed(3)}, detect ms/image ${(ms / n).toFixed(1)}`);
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

async function ocrCommand(samples: Sample[], engine: OcrEngine, recipes: string[]): Promise<void> {
  console.log(`engine ${engine.name} x${engine.concurrency}, images ${samples.length}, values ${samples.reduce((a, s) => a + s.values.length, 0)} (+${samples.reduce((a, s) => a + s.outside, 0)} outside the pixels), scored: visible ${samples.reduce((a, s) => a + s.values.filter((v) => v.visible).length, 0)} (box without contrast: not scored)`);
  console.log("| recipe | token recall (exact / tolerant) | value recall (exact / tolerant) | value box covered by words | by regions | s/image (wall) | CPU-s/image |");
  console.log("|---|---|---|---|---|---|---|");
  for (const name of recipes) {
    const recipe = RECIPES[name];
    if (recipe === undefined) throw new Error(`Unknown recipe "${name}"; known: ${Object.keys(RECIPES).join(", ")}`);
    let total = emptyScore();
    let inRegions = 0;
    const byClass = new Map<string, ReturnType<typeof emptyScore>>();
    const missedImages: string[] = [];
    const t = performance.now();
    const cpu0 = cpuSeconds();
    await runPool(samples, engine.concurrency * 2, async (s, i) => {
      const { words, regions } = await ocrFrame(engine, s.image, recipe);
      const visible = s.values.filter((v) => v.visible);
      const regionWords: OcrWord[] = regions.map((r) => ({ text: "", confidence: 0, box: r.box }));
      inRegions += visible.filter((v) => coverage(v.box, regionWords) >= 0.8).length;
      const score = scoreImage(words, visible);
      total = addScores(total, score);
      for (const v of visible) {
        const h = v.box[3] - v.box[1];
        const cls = h <= 5 ? "tiny(<=5px)" : h <= 9 ? "small(6-9px)" : "large(>=10px)";
        byClass.set(cls, addScores(byClass.get(cls) ?? emptyScore(), scoreImage(words, [v])));
      }
      if (score.missed.length > 0) missedImages.push(`${i}:${score.missed.join("/")}`);
    });
    const wall = (performance.now() - t) / 1000 / samples.length;
    const cpu = (cpuSeconds() - cpu0) / samples.length;
    const f = (a: number, b: number): string => (a / b).toFixed(3);
    console.log(
      `| ${name} | ${f(total.tokensExact, total.tokens)} / ${f(total.tokensTolerant, total.tokens)} | ${f(total.valuesExact, total.values)} / ${f(total.valuesTolerant, total.values)} | ${f(total.valuesCovered, total.values)} | ${f(inRegions, total.values)} | ${wall.toFixed(3)} | ${cpu.toFixed(3)} |`,
    );
    console.log(
      `  by value height: ${[...byClass.entries()].sort().map(([k, v]) => `${k} n=${v.values} tolerant ${(v.valuesTolerant / v.values).toFixed(3)} covered ${(v.valuesCovered / v.values).toFixed(3)}`).join("; ")}`,
    );
    if (process.argv.includes("--missed")) console.log(`  missed (image:value indices): ${missedImages.sort().join(" ")}`);
  }
}

/** OCRs the pixel_phi images and prints word counts per file plus the words' shapes (not text). */
async function pixelPhiCommand(engine: OcrEngine, recipe: OcrRecipeOptions, show: boolean): Promise<void> {
  const dir = join(dataDir, "dicom", "pixel_phi");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".dcm")).sort()) {
    let image: GreyImage;
    try {
      image = renderWithDcmtk(join(dir, file), "minmax", join(cacheDir, "pixel_phi"));
    } catch {
      console.log(`${file}: dcmtk could not render`);
      continue;
    }
    const t = performance.now();
    const { words, regions } = await ocrFrame(engine, image, recipe);
    const ms = performance.now() - t;
    const shapes = words.map((w) => w.text.replace(/[A-Z]/g, "A").replace(/[a-z]/g, "a").replace(/[0-9]/g, "9"));
    console.log(`${file}: ${image.width}x${image.height}, regions ${regions.length}, words ${words.length}, ${ms.toFixed(0)} ms`);
    if (show) console.log(`  ${words.map((w) => w.text).join(" ")}`);
    else console.log(`  shapes: ${shapes.join(" ").slice(0, 400)}`);
    if (process.argv.includes("--debug")) {
      const out = join(repo, ".tmp", "ocr", "pixel_phi");
      mkdirSync(out, { recursive: true });
      await drawDebug(image, regions, undefined, join(out, file.replace(/\.dcm$/, ".png")));
    }
  }
}

async function main(): Promise<void> {
  const cmd = process.argv[2] ?? "ocr";
  const mode = arg("mode", "minmax") as RenderMode;
  const every = Number(arg("every", "1"));
  const offset = Number(arg("offset", "0"));
  registerDefaultOcrEngines();
  // "null" reads nothing: measures everything but OCR (detection, crops, stacking).
  registerOcrEngine("null", async () => ({ name: "null", concurrency: 2, recognize: async () => [], close: async () => {} }));
  if (cmd === "regions") {
    await regionsCommand(loadOverlaySamples(join(dataDir, "overlay-phi"), mode, cacheDir, every, offset), process.argv.includes("--debug"), JSON.parse(arg("opts", "{}")) as TextRegionOptions);
    return;
  }
  const engineOptions: Record<string, unknown> = { workers: Number(arg("workers", "2")) };
  if (arg("model", "") !== "") engineOptions.model = arg("model", "");
  if (arg("tessdata", "") !== "") engineOptions.tessdataDir = arg("tessdata", "");
  const engine = await createOcrEngine(arg("engine", "tesseract.js"), engineOptions);
  try {
    if (cmd === "ocr") {
      const samples = loadOverlaySamples(join(dataDir, "overlay-phi"), mode, cacheDir, every, offset);
      await ocrCommand(samples, engine, arg("recipes", "regions-stack-psm11").split(","));
    } else if (cmd === "pixel-phi") {
      await pixelPhiCommand(engine, RECIPES[arg("recipe", "regions-stack-psm11")], process.argv.includes("--show"));
    } else {
      throw new Error(`Unknown command "${cmd}"; known: regions, ocr, pixel-phi`);
    }
  } finally {
    await engine.close();
  }
}

if (process.argv[1]?.endsWith("ocr-experiment.ts")) await main();
