/** Test helpers for the evaluation: a small synthetic image made from a fixture, painted and redacted. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDicom } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import type { DecodedFrame } from "../../src/pixels/format.js";
import { pixelElement } from "../../src/pixels/image.js";
import type { PixelBox } from "../../src/pixels/render/rendered.js";
import { redactFile } from "../../src/redact/redact-file.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The fixture: 64 x 64 MONOCHROME2, 16-bit signed, native (values 127..2145). */
export const FIXTURE = join(here, "..", "fixtures", "dicom", "MR_small_implicitLE.dcm");

/** The fixture's bytes with samples inside each box set to `value` (a copy; the fixture is never touched). */
export function paintedFixture(boxes: readonly PixelBox[], value: number): Uint8Array {
  const bytes = new Uint8Array(readFileSync(FIXTURE));
  const el = pixelElement(readDicom(bytes).dataset)!;
  const at = el.value!.byteOffset - bytes.byteOffset;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  for (const b of boxes) for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) view.setInt16((y * 64 + x) * 2, value, true);
  return bytes;
}

/** The file redacted with the project's own redaction (fill: darkest value) and written back. */
export async function redacted(bytes: Uint8Array, rects: readonly PixelBox[]): Promise<Uint8Array> {
  const file = readDicom(bytes);
  await redactFile(file, { rects });
  return writeDicom(file);
}

/** A one-channel 8-bit decoded frame of the given size, filled with `ground`. */
export function greyFrame(width: number, height: number, ground: number): DecodedFrame {
  return {
    pixels: new Uint8Array(width * height).fill(ground),
    format: { rows: height, columns: width, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0, photometric: "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1 },
  };
}

/** A copy of a frame with each box set to `value`. */
export function paintFrame(frame: DecodedFrame, boxes: readonly PixelBox[], value: number): DecodedFrame {
  const pixels = frame.pixels.slice();
  const w = frame.format.columns;
  for (const b of boxes) for (let y = b.y; y < b.y + b.h; y++) pixels.fill(value, y * w + b.x, y * w + b.x + b.w);
  return { ...frame, pixels };
}
