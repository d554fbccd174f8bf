import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { OcrEngineError } from "../../src/ocr/engine.js";
import { crop, invert, toGrey } from "../../src/ocr/raster.js";
import { createTesseractCliEngine, detectTesseractCli, nativeTesseractUsable } from "../../src/ocr/tesseract-cli.js";
import { syntheticText } from "./fixture.js";

const version = await detectTesseractCli();

test("when the binary does not exist then creation fails with OCR_ENGINE_UNAVAILABLE", async () => {
  await assert.rejects(createTesseractCliEngine({ binary: "/nonexistent/tesseract" }), (error: unknown) => {
    assert.ok(error instanceof OcrEngineError);
    assert.equal(error.code, "OCR_ENGINE_UNAVAILABLE");
    assert.match(error.message, /tesseract\.js/);
    return true;
  });
});

test("when tesseract is installed then a text line is read through stdin and TSV", { skip: version === undefined ? "tesseract not installed" : false }, async () => {
  const engine = await createTesseractCliEngine({ workers: 1 });
  try {
    const line = invert(crop(toGrey((await syntheticText())), { x: 0, y: 118, w: 120, h: 20 }));
    const words = await engine.recognize(line, { psm: 7 });
    assert.ok(words.some((w) => w.text.includes("0123456789")), `words: ${words.map((w) => w.text).join(" ")}`);
  } finally {
    await engine.close();
  }
});

/** A script that stands in for tesseract: logs each run, then runs `body` (sh). */
function fakeTesseract(dir: string, body: string): string {
  const path = join(dir, "tesseract");
  writeFileSync(path, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\necho run >> "${join(dir, "runs.log")}"\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Runs `body` with a fresh temporary folder, removed afterwards. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-tess-"));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A white grey image of the given size. */
const white = (width: number, height: number) => ({ width, height, channels: 1 as const, data: new Uint8Array(width * height).fill(255) });

const runs = (dir: string): number => (existsSync(join(dir, "runs.log")) ? readFileSync(join(dir, "runs.log"), "utf8").trim().split("\n").length : 0);

test("when tesseract is older than 4 then creation fails with OCR_ENGINE_UNAVAILABLE", () =>
  inTempDir(async (dir) => {
    const binary = join(dir, "tesseract");
    writeFileSync(binary, '#!/bin/sh\necho "tesseract 3.05.02"\n');
    chmodSync(binary, 0o755);
    assert.equal(await nativeTesseractUsable(binary), false);
    await assert.rejects(createTesseractCliEngine({ binary, model: "system" }), (e: unknown) => e instanceof OcrEngineError && e.code === "OCR_ENGINE_UNAVAILABLE" && /4 or later/.test(e.message));
  }));

test("when images are asked for at once then one process reads them as a batch, and a failed batch is read again one image at a time", () =>
  inTempDir(async (dir) => {
    // Fails on a multi-page TIFF ("II*"), reads a single PGM as one word.
    const binary = fakeTesseract(dir, [
      'head=$(head -c 2)',
      'if [ "$head" = "II" ]; then echo "cannot read" >&2; exit 1; fi',
      'printf "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t4\\t4\\t90\\tok\\n"',
    ].join("\n"));
    const engine = await createTesseractCliEngine({ binary, model: "system", workers: 1, minBatch: 3, lingerMs: 5000 });
    const image = white(4, 4);
    const words = await Promise.all([engine.recognize(image, { psm: 6 }), engine.recognize(image, { psm: 6 }), engine.recognize(image, { psm: 6 })]);
    assert.deepEqual(words.map((w) => w.map((x) => x.text)), [["ok"], ["ok"], ["ok"]]);
    assert.equal(runs(dir), 4); // the batch, then each image alone
    await engine.close();
  }));

test("when one image of a batch cannot be read then only its request fails with OCR_FAILED", () =>
  inTempDir(async (dir) => {
    // Reads only images whose PGM header says 4 x 4; a multi-page TIFF always fails.
    const binary = fakeTesseract(dir, [
      'head=$(head -c 6)',
      'if [ "$head" != "$(printf "P5\\n4 4")" ]; then exit 1; fi',
      'printf "5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t4\\t4\\t90\\tok\\n"',
    ].join("\n"));
    const engine = await createTesseractCliEngine({ binary, model: "system", workers: 1, minBatch: 2, lingerMs: 5000 });
    const good = white(4, 4);
    const bad = white(5, 4);
    const [a, b] = await Promise.allSettled([engine.recognize(good), engine.recognize(bad)]);
    assert.equal(a.status, "fulfilled");
    assert.ok(b.status === "rejected" && b.reason instanceof OcrEngineError && b.reason.code === "OCR_FAILED");
    await engine.close();
  }));

test("when tesseract is installed then a batch of images reads as each image alone, with the bundled model", { skip: version === undefined ? "tesseract not installed" : false }, async () => {
  const text = toGrey(await syntheticText());
  const lines = [108, 124, 140].map((y) => invert(crop(text, { x: 0, y: y - 2, w: 140, h: 16 })));
  const alone = await createTesseractCliEngine({ workers: 1 });
  const batched = await createTesseractCliEngine({ workers: 1, minBatch: 3, lingerMs: 5000 });
  try {
    const one = [];
    for (const l of lines) one.push(await alone.recognize(l, { psm: 7 }));
    const many = await Promise.all(lines.map((l) => batched.recognize(l, { psm: 7 })));
    assert.deepEqual(many, one);
    assert.ok(one[1].some((w) => w.text.includes("0123456789")), one[1].map((w) => w.text).join(" "));
  } finally {
    await alone.close();
    await batched.close();
  }
});

test("when the binary goes away after the engine started then a request fails with OCR_FAILED", () =>
  inTempDir(async (dir) => {
    const binary = fakeTesseract(dir, "exit 0");
    const engine = await createTesseractCliEngine({ binary, model: "system", workers: 1 });
    rmSync(binary);
    const image = white(4, 4);
    await assert.rejects(engine.recognize(image), (e: unknown) => e instanceof OcrEngineError && e.code === "OCR_FAILED" && /could not be run/.test(e.message));
    await engine.close();
  }));

test("when the version is asked for twice (auto, then the engine it picks) then the binary runs once", () =>
  inTempDir(async (dir) => {
    const binary = join(dir, "tesseract");
    writeFileSync(binary, `#!/bin/sh\necho v >> "${join(dir, "versions.log")}"\necho "tesseract 5.3.0"\n`);
    chmodSync(binary, 0o755);
    assert.equal(await nativeTesseractUsable(binary), true);
    assert.equal(await detectTesseractCli(binary), "tesseract 5.3.0");
    assert.equal(readFileSync(join(dir, "versions.log"), "utf8"), "v\n");
  }));
