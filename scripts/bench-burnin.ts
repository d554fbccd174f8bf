// Burned-in text benchmark: `deidentify` end to end with --pixels phi on overlay-phi (decode,
// OCR, decide, redact, write, header de-identification; built CLI, whole process; the default
// OCR engine, and the native one when tesseract is installed) beside one
// native tesseract CLI pass (default page segmentation, 2 processes in parallel) over the same
// images' 8-bit renderings (rendered beforehand, not timed).
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir, availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDicom } from "../src/io/read/read-file.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { renderFrame } from "../src/pixels/render/index.js";
import { encodePng } from "../src/pixels/render/png.js";
import { findLines } from "../src/burnin/detect.js";
import { SHARED, hasCommand, overlayFiles, timeCommand } from "./bench-lib.js";

const BIN = fileURLToPath(new URL("../bin/dicom-deid.js", import.meta.url));

/** Runs the burned-in benchmark and prints images/s for both. */
export async function benchBurnin(): Promise<void> {
  const files = overlayFiles();
  if (!files.length) { console.log("burnin: ../shared/data/overlay-phi not found; skipped"); return; }
  const n = files.length;
  console.log(`\n== burned-in text: ${n} images (overlay-phi), ${availableParallelism()} cores ==`);
  const out = mkdtempSync(join(tmpdir(), "dicom-deid-bench-"));
  const ours = join(out, "ours");
  const t = timeCommand(process.execPath, [BIN, "deidentify", join(SHARED!, "overlay-phi"), ours, "--secret", "bench-secret", "--pixels", "phi"], 1, () => rmSync(ours, { recursive: true, force: true }));
  console.log(`dicom-deid deidentify --pixels phi (end to end)   ${t.toFixed(1).padStart(6)} s  ${(n / t).toFixed(2).padStart(6)} images/s  (default OCR engine, tesseract.js)`);
  let tn: number | undefined;
  if (hasCommand("tesseract")) {
    tn = timeCommand(process.execPath, [BIN, "deidentify", join(SHARED!, "overlay-phi"), ours, "--secret", "bench-secret", "--pixels", "phi", "--ocr-engine", "tesseract-cli"], 1, () => rmSync(ours, { recursive: true, force: true }));
    console.log(`  the same with --ocr-engine tesseract-cli (native) ${tn.toFixed(1).padStart(6)} s  ${(n / tn).toFixed(2).padStart(6)} images/s`);
  }
  await detectionCost(files);
  if (hasCommand("tesseract")) {
    const pngs = join(out, "png");
    mkdirSync(pngs);
    for (const f of files) {
      const file = readDicom(new Uint8Array(readFileSync(f)));
      const r = renderFrame(file, await readFrame(openPixels(file), 0), { voi: "minmax", grayscale: true });
      writeFileSync(join(pngs, basename(f).replace(/\.dcm$/, ".png")), await encodePng(r));
    }
    const list = join(out, "list.txt");
    writeFileSync(list, files.map((f) => join(pngs, basename(f).replace(/\.dcm$/, ".png"))).join("\n") + "\n");
    const cmd = `xargs -P 2 -I{} tesseract {} - < ${list} > /dev/null 2>&1`;
    const tt = timeCommand("sh", ["-c", cmd], 1);
    console.log(`tesseract CLI, one pass over the renderings (x2)  ${tt.toFixed(1).padStart(6)} s  ${(n / tt).toFixed(2).padStart(6)} images/s`);
    console.log(`ratio: dicom-deid is ${(tt / t).toFixed(2)}x the speed of the single tesseract pass (target >= 1, and >= 10 images/s)${tn ? `; ${(tt / tn).toFixed(2)}x with the native engine` : ""}`);
  } else {
    console.log("tesseract: not installed (apt-get install tesseract-ocr); no ratio");
  }
  rmSync(out, { recursive: true, force: true });
}

/**
 * Line detection alone (render, stroke masks, components, lines), in this thread on decoded
 * frames: CPU-ms an image, the least of five passes (this machine's speed drifts, and the least
 * is the pass least disturbed).
 */
async function detectionCost(files: string[]): Promise<void> {
  const frames = [];
  for (const f of files) {
    const file = readDicom(new Uint8Array(readFileSync(f)));
    frames.push({ file, frame: await readFrame(openPixels(file), 0) });
  }
  let best = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const start = process.cpuUsage();
    for (const { file, frame } of frames) findLines(file, frame, 0);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / frames.length);
  }
  console.log(`line detection alone (this thread, decoded frames)  ${best.toFixed(1).padStart(6)} CPU-ms an image (least of 5 passes)`);
}
