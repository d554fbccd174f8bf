// Redaction of rectangles in a DICOM file's pixel data, in every transfer syntax: the method is
// chosen from the syntax so that pixels outside the rectangles keep their decoded values and no
// new generation of loss is added.
import { DicomError, isDicomError } from "../core/errors.js";
import { tag } from "../core/tag.js";
import type { DicomFile } from "../io/read/read-file.js";
import { isSubsampled422 } from "../pixels/format.js";
import { readJpegHeader } from "../pixels/codecs/jpeg-header.js";
import { encodedFrame, openPixels, pixelFormatOf, type PixelSource } from "../pixels/image.js";
import { decodedNativeFormat } from "../pixels/native.js";
import { fillFor } from "./fill.js";
import { redactJpegFrames } from "./jpeg-frames.js";
import { canReencode, redactLosslessFrames } from "./lossless-redact.js";
import { redactNativeFrames } from "./native-redact.js";
import { cleanOverlays } from "./overlays.js";
import { rectsPerFrame, widenToPairs } from "./rects.js";
import { isLosslessReencodable } from "./stream-format.js";
import { decodeToNative } from "./to-native.js";
import type { FillRequest, FrameRedaction, Rect, RectsByFrame, RedactionMethod, RedactionRequest, RedactionResult } from "./types.js";

/** Options of redactFile. */
export interface RedactOptions {
  /** Also clear Overlay Data (60xx,3000) bits inside the rectangles (PS3.15 Clean Graphics). Default true. */
  readonly overlays?: boolean;
  /** Remove the Icon Image Sequence (0088,0200) when something is redacted: it is a thumbnail of the unredacted image. Default true. */
  readonly dropIcon?: boolean;
}

const ICON_IMAGE_SEQUENCE = tag(0x0088, 0x0200);

/** Syntaxes of ITU-T T.81 streams (PS3.5 A.4.1): the method follows each frame's own SOF marker. */
const JPEG_FAMILY = new Set(["50", "51", "52", "53", "54", "55", "56", "57", "70"].map((p) => `1.2.840.10008.1.2.4.${p}`));
/** SOF0 baseline and SOF1 extended sequential Huffman DCT: redacted block by block. */
const SEQUENTIAL_DCT = new Set([0xc0, 0xc1]);

/** How the frames to redact of a T.81 syntax are coded: all sequential DCT, all lossless SOF3, or anything else. */
function jpegCoding(src: PixelSource, frames: ReadonlyMap<number, readonly Rect[]>): "dct" | "lossless" | "other" {
  const sofs = new Set([...frames.keys()].map((i) => readJpegHeader(encodedFrame(src, i)).sof));
  if ([...sofs].every((s) => SEQUENTIAL_DCT.has(s))) return "dct";
  if (sofs.size === 1 && sofs.has(0xc3)) return "lossless";
  return "other";
}

function hasAnyRect(rects: RectsByFrame): boolean {
  if (Array.isArray(rects)) return rects.length > 0;
  return [...(rects as ReadonlyMap<number, readonly Rect[]>).values()].some((l) => l.length > 0);
}

/** What one method reports back to redactFile. */
interface MethodOutcome {
  method: RedactionMethod;
  pixels: ReadonlyMap<number, number>;
  rects: ReadonlyMap<number, readonly Rect[]>;
  blocks?: ReadonlyMap<number, number>;
  fill: readonly number[];
  notes: string[];
}

function redactNative(src: PixelSource, frames: Map<number, Rect[]>, fill: FillRequest): MethodOutcome {
  const format = src.format;
  const notes: string[] = [];
  let rects: Map<number, Rect[]> = frames;
  if (format.samplesPerPixel === 3 && isSubsampled422(format.photometric)) {
    // Widen each distinct list once, so frames sharing a list keep sharing (one mask for all).
    const widened = new Map<Rect[], Rect[]>();
    rects = new Map([...frames].map(([f, list]) => {
      let w = widened.get(list);
      if (!w) widened.set(list, (w = widenToPairs(list, format.columns)));
      return [f, w];
    }));
    notes.push("rectangles widened to whole 4:2:2 pixel pairs (they share chroma, PS3.3 C.7.6.3.1.2)");
  }
  const f = fillFor(decodedNativeFormat(format), fill, src.file.dataset);
  if (f.note) notes.push(f.note);
  const pixels = redactNativeFrames(src, rects, f.values);
  return { method: "native", pixels, rects, fill: f.values, notes };
}

async function redactEncapsulated(file: DicomFile, src: PixelSource, frames: Map<number, Rect[]>, fill: FillRequest): Promise<MethodOutcome> {
  const ts = src.transferSyntax;
  const ds = file.dataset;
  const notes: string[] = [];
  const coding = JPEG_FAMILY.has(ts.uid) ? jpegCoding(src, frames) : undefined;
  if (coding === "dct") {
    const jpeg = redactJpegFrames(src, frames, fill, ds);
    if (jpeg) {
      const pick = <T>(g: (v: { pixels: number; blocks: number; rects: Rect[] }) => T) => new Map([...jpeg.frames].map(([i, v]) => [i, g(v)]));
      notes.push(...jpeg.notes, "JPEG blocks meeting a rectangle set flat in the DCT domain; other blocks keep their coefficients");
      if (!ts.lossy) notes.push(`the frames are DCT JPEG although ${ts.name} says lossless: redacted as DCT blocks, syntax kept`);
      return { method: "jpeg-blocks", pixels: pick((v) => v.pixels), rects: pick((v) => v.rects), blocks: pick((v) => v.blocks), fill: jpeg.fill, notes };
    }
    notes.push("a frame could not be redacted in the DCT domain: decoded instead");
  } else if (coding === "other") {
    notes.push(`the frames are not sequential DCT or lossless JPEG (e.g. progressive): decoded instead`);
  } else if ((coding === "lossless" || !ts.lossy) && isLosslessReencodable(ts.uid) && canReencode(ts.uid)) {
    try {
      const r = await redactLosslessFrames(src, frames, fill, ds);
      notes.push(...r.notes, `${r.reencoded} frame(s) re-encoded in ${ts.name} and verified lossless`);
      return { method: "reencoded-lossless", pixels: r.pixels, rects: r.rects, fill: r.fill, notes };
    } catch (e) {
      // The encoder cannot take this format (nothing was replaced): native storage is lossless too.
      if (!isDicomError(e) || e.code !== "UNSUPPORTED") throw e;
      notes.push(`${ts.name} cannot re-encode this format: decoded to native instead (lossless)`);
    }
  } else if (!ts.lossy) {
    notes.push(`no encoder for ${ts.name}: decoded to native instead (lossless)`);
  }
  const r = await decodeToNative(file, src, frames, fill);
  notes.push(...r.notes);
  return { method: "decoded-to-native", pixels: r.pixels, rects: frames, fill: r.fill, notes };
}

/**
 * Redacts rectangles (for all frames, or per frame) in a file's pixel data and edits the
 * DicomFile so that writeDicom writes the redacted file; the result says how, without values.
 * By transfer syntax: native data is overwritten in place (bits outside Bits Stored cleared
 * inside the rectangles, every other byte kept); lossless compressed frames are decoded,
 * filled, re-encoded in the same syntax and verified; JPEG baseline/extended frames are
 * redacted block by block in the DCT domain; other lossy syntaxes are decoded and stored natively
 * in Explicit VR Little Endian. Rectangles are clipped to the image; when none meets it nothing
 * at all changes. Untouched frames of encapsulated data keep their fragments byte for byte.
 * Overlay Data bits inside the rectangles are cleared too (options.overlays, default true).
 * Fails closed with a DicomError (UNSUPPORTED, DECODE, ENCODE, BAD_VALUE) and then may have
 * left the file half edited: the caller quarantines it.
 */
export async function redactFile(file: DicomFile, request: RedactionRequest, options: RedactOptions = {}): Promise<RedactionResult> {
  const ds = file.dataset;
  const before = file.transferSyntax;
  const unchanged = (notes: string[]): RedactionResult => ({
    changed: false, frames: [], transferSyntax: before, transferSyntaxChanged: false, pixelsChanged: 0, overlayBitsCleared: 0, fill: [], notes,
  });
  const format = pixelFormatOf(ds);
  if (!format) {
    if (hasAnyRect(request.rects)) throw new DicomError("BAD_VALUE", "rectangles given for a file without pixel data", { tagPath: "PixelData (7FE0,0010)" });
    return unchanged(["no rectangles and no pixel data"]);
  }
  const frames = rectsPerFrame(request.rects, { columns: format.columns, rows: format.rows, frames: format.numberOfFrames });
  if (frames.size === 0) return unchanged(["no rectangle meets the image: pixel data untouched"]);
  const fill = request.fill ?? "auto";
  if (fill !== "auto" && !Number.isFinite(fill)) throw new DicomError("BAD_VALUE", 'Argument "fill" must be a number or "auto"');
  const src = openPixels(file);
  // The icon shows the burned-in text the rectangles hide (and, encapsulated, could not stay in a file decoded to native).
  const iconDropped = options.dropIcon !== false && ds.has(ICON_IMAGE_SEQUENCE);
  if (iconDropped) ds.delete(ICON_IMAGE_SEQUENCE);
  const outcome = src.encapsulated ? await redactEncapsulated(file, src, frames, fill) : redactNative(src, frames, fill);
  const overlayBitsCleared = options.overlays === false ? 0 : cleanOverlays(file, request.rects).bitsCleared;
  const notes = [...outcome.notes];
  if (iconDropped) notes.push("Icon Image Sequence (0088,0200) removed: a thumbnail of the unredacted image");
  if (src.tableIgnored) notes.push(src.tableIgnored);
  if (overlayBitsCleared > 0) notes.push("overlay data bits inside the rectangles cleared (PS3.15 Clean Graphics)");
  const result: FrameRedaction[] = [...frames.keys()].map((f) => ({
    frame: f,
    method: outcome.method,
    pixels: outcome.pixels.get(f) ?? 0,
    rects: outcome.rects.get(f) ?? [],
    ...(outcome.blocks ? { blocks: outcome.blocks.get(f) ?? 0 } : {}),
  }));
  return {
    changed: true,
    frames: result,
    transferSyntax: file.transferSyntax,
    transferSyntaxChanged: file.transferSyntax.uid !== before.uid,
    pixelsChanged: result.reduce((n, r) => n + r.pixels, 0),
    overlayBitsCleared,
    fill: outcome.fill,
    notes,
    ...(src.tableIgnored ? { tableIgnored: true } : {}),
  };
}
