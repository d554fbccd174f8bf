/**
 * Node adapter: PNG encoding of a rendering with sharp, or with pngjs when sharp cannot be
 * loaded (e.g. no prebuilt binary for the platform). The renderer itself stays free of I/O.
 */
import { DicomError } from "../../core/errors.js";
import type { Rendered } from "./rendered.js";

/** Which encoder to use: "auto" tries sharp, then pngjs. */
export type PngEncoder = "auto" | "sharp" | "pngjs";

/** Options of `encodePng`. */
export interface EncodePngOptions {
  /** Default "auto". */
  encoder?: PngEncoder;
}

interface PngjsModule {
  PNG: { sync: { write(png: { width: number; height: number; data: Uint8Array }, options: Record<string, unknown>): Uint8Array } };
}

type SharpFactory = typeof import("sharp").default;

let sharpLoad: Promise<SharpFactory | undefined> | undefined;

/** Loads sharp once; undefined when its native binary is unavailable. */
function loadSharp(): Promise<SharpFactory | undefined> {
  sharpLoad ??= import("sharp").then((m) => m.default).catch(() => undefined);
  return sharpLoad;
}

async function withSharp(sharp: SharpFactory, r: Rendered): Promise<Uint8Array> {
  const buf = await sharp(Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength), {
    raw: { width: r.width, height: r.height, channels: r.channels },
  })
    // Without this, sharp writes one-channel input as RGB (three times the size).
    .toColourspace(r.channels === 1 ? "b-w" : "srgb")
    .png()
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

async function withPngjs(r: Rendered): Promise<Uint8Array> {
  const name = "pngjs";
  const mod = (await import(name)) as PngjsModule & { default?: PngjsModule };
  const PNG = mod.PNG ?? mod.default?.PNG;
  if (!PNG) throw new DicomError("ENCODE", "pngjs could not be loaded");
  // pngjs packs grey (colour type 0) and RGB (2) input directly at 8 bits.
  const type = r.channels === 1 ? 0 : 2;
  const out = PNG.sync.write({ width: r.width, height: r.height, data: r.data }, { colorType: type, inputColorType: type, inputHasAlpha: false, bitDepth: 8 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Encodes an 8-bit rendering (1 or 3 channels) as PNG bytes. */
export async function encodePng(r: Rendered, options: EncodePngOptions = {}): Promise<Uint8Array> {
  if (r.data.length !== r.width * r.height * r.channels) {
    throw new DicomError("ENCODE", `rendering holds ${r.data.length} bytes, ${r.width * r.height * r.channels} expected`);
  }
  const encoder = options.encoder ?? "auto";
  if (encoder !== "pngjs") {
    const sharp = await loadSharp();
    if (encoder === "sharp") {
      if (!sharp) throw new DicomError("ENCODE", "sharp could not be loaded");
      return withSharp(sharp, r);
    }
    if (sharp) {
      try {
        return await withSharp(sharp, r);
      } catch {
        // A broken native build: pngjs below needs no binary.
      }
    }
  }
  return withPngjs(r);
}
