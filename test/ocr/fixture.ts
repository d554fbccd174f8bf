/** Test helpers for OCR: the synthetic text fixture and the location of the shared real data. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import type { OcrImage } from "../../src/ocr/engine.js";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * 256 x 160 grey PNG drawn for these tests (DejaVu Sans Bold 11 px, white on a dark ground with a
 * bright ellipse): "Name: TEST PATIENT" at y 108-118, "ID: 0123456789" at y 124-134,
 * "DOB: 01/02/1934" at y 140-150, all from x = 8. Synthetic text, no real person.
 */
export async function syntheticText(): Promise<OcrImage> {
  const { data, info } = await sharp(readFileSync(join(here, "fixtures", "synthetic-text.png")))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 1, data: new Uint8Array(data) };
}

/** The shared real-data folder (<repo>/../shared/data), or undefined when absent. */
export function sharedData(): string | undefined {
  const dir = join(here, "..", "..", "..", "shared", "data");
  return existsSync(dir) ? dir : undefined;
}
