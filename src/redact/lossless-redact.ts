// Redaction of losslessly compressed frames: decode, fill, re-encode in the same transfer
// syntax, and prove the new frame decodes to exactly the redacted samples before using it.
import { DicomError } from "../core/errors.js";
import type { Dataset } from "../core/dataset.js";
import { setValue } from "../dataset/edit.js";
import { codecFor, type Codec } from "../pixels/codecs/index.js";
import { isSubsampled422, type DecodedFrame, type PixelFormat } from "../pixels/format.js";
import { encodedFrame, replaceEncapsulatedFrames, type PixelSource } from "../pixels/image.js";
import { encodeJpegLossless } from "./jpeg/index.js";
import { fillFor } from "./fill.js";
import { paintMasked, sameSamples } from "./paint.js";
import { rectMask, widenToPairs } from "./rects.js";
import { toStreamFill } from "./stream-fill.js";
import { streamFormat, type StreamFormat } from "./stream-format.js";
import type { FillRequest, Rect } from "./types.js";

const JPEG_LOSSLESS = new Set(["1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"]);

/** What the lossless path did: pixels per frame, the rectangles used, frames re-encoded, notes. */
export interface LosslessRedaction {
  readonly pixels: Map<number, number>;
  readonly rects: Map<number, Rect[]>;
  readonly reencoded: number;
  /** The fill in the decoded samples' value space. */
  readonly fill: number[];
  readonly notes: string[];
}

/** True when frames of this syntax can be re-encoded here (a codec encoder, or the JPEG lossless encoder). */
export function canReencode(uid: string): boolean {
  return JPEG_LOSSLESS.has(uid) || codecFor(uid).encode !== undefined;
}

async function encodeFrame(codec: Codec, uid: string, frame: DecodedFrame, stream: StreamFormat): Promise<Uint8Array> {
  if (JPEG_LOSSLESS.has(uid)) {
    const px = frame.pixels;
    if (!(px instanceof Uint8Array || px instanceof Uint16Array)) throw new DicomError("UNSUPPORTED", "JPEG lossless needs unsigned 8- or 16-bit samples");
    const f = stream.format;
    return encodeJpegLossless(px, { width: f.columns, height: f.rows, components: f.samplesPerPixel, precision: f.bitsStored, predictor: stream.predictor });
  }
  if (!codec.encode) throw new DicomError("UNSUPPORTED", `codec ${codec.name} cannot encode`);
  return codec.encode(frame, stream.format);
}

/**
 * The Image Pixel attributes the codec's encoder makes the dataset declare, when they differ
 * from today's: e.g. OpenJPEG always applies the reversible colour transform to RGB, so a JPEG
 * 2000 RGB dataset becomes YBR_RCT (PS3.5 A.4.4). Then every frame is re-encoded, so that the
 * file never mixes frames of two photometric interpretations.
 */
function declaredChange(codec: Codec, uid: string, format: PixelFormat): PixelFormat | undefined {
  if (JPEG_LOSSLESS.has(uid) || !codec.encodedFormat) return undefined;
  const next = codec.encodedFormat(format);
  const planarMatters = format.samplesPerPixel > 1;
  if (next.photometric !== format.photometric || (planarMatters && next.planarConfiguration !== format.planarConfiguration)) return next;
  return undefined;
}

/**
 * Redacts frames of RLE, JPEG lossless (4.57, 4.70), JPEG-LS lossless (4.80), JPEG 2000 and
 * HTJ2K lossless (4.90, 4.92, 4.201, 4.202), deflated image frames (1.2.8.1) and encapsulated
 * uncompressed (1.2.1.98) data. Frames are decoded in the codestream's own sample format (see
 * stream-format.ts), so samples outside the rectangles keep every bit; inside, the whole sample
 * becomes the fill. Untouched frames keep their fragments byte for byte. Fails closed (ENCODE)
 * when a re-encoded frame does not decode to exactly the redacted samples; nothing is replaced then.
 */
export async function redactLosslessFrames(
  src: PixelSource,
  frames: ReadonlyMap<number, readonly Rect[]>,
  fill: FillRequest,
  ds: Dataset,
): Promise<LosslessRedaction> {
  const uid = src.transferSyntax.uid;
  const codec = codecFor(uid);
  const change = declaredChange(codec, uid, src.format);
  const targets = change ? Array.from({ length: src.format.numberOfFrames }, (_, i) => i) : [...frames.keys()];
  const notes: string[] = [];
  if (change) notes.push(`the encoder declares ${change.photometric}: every frame re-encoded so all frames agree (PS3.5 A.4)`);
  const replacements = new Map<number, Uint8Array>();
  const pixels = new Map<number, number>();
  const used = new Map<number, Rect[]>();
  let clamped = false;
  let reported: number[] = [];
  for (const i of targets) {
    const encoded = encodedFrame(src, i);
    const stream = streamFormat(uid, encoded, src.format);
    const frame = await codec.decode(encoded, stream.format);
    const rects0 = frames.get(i);
    if (rects0) {
      const pairs = src.format.samplesPerPixel === 3 && isSubsampled422(src.format.photometric);
      const rects = pairs ? widenToPairs(rects0, src.format.columns) : [...rects0];
      const datasetFill = fillFor({ ...src.format, photometric: frame.format.photometric }, fill, ds);
      const streamFill = toStreamFill(datasetFill.values, src.format, stream.format);
      reported = datasetFill.values;
      if (datasetFill.note && !notes.includes(datasetFill.note)) notes.push(datasetFill.note);
      clamped ||= streamFill.clamped;
      const { mask } = rectMask(rects, src.format.columns, src.format.rows);
      pixels.set(i, paintMasked(frame.pixels, mask, streamFill.values));
      used.set(i, rects);
    }
    const next = await encodeFrame(codec, uid, frame, stream);
    const check = await codec.decode(next, stream.format);
    if (!sameSamples(check.pixels, frame.pixels)) {
      throw new DicomError("ENCODE", `frame ${i}: the re-encoded frame does not decode to the redacted samples; nothing was written`);
    }
    replacements.set(i, next);
  }
  replaceEncapsulatedFrames(src, replacements);
  if (change) {
    setValue(ds, "PhotometricInterpretation", [change.photometric]);
    if (change.samplesPerPixel > 1) setValue(ds, "PlanarConfiguration", [change.planarConfiguration]);
  }
  if (clamped) notes.push("the fill was clamped to the codestream's sample range");
  if (src.format.samplesPerPixel === 3 && isSubsampled422(src.format.photometric)) notes.push("rectangles widened to whole 4:2:2 pixel pairs");
  return { pixels, rects: used, reencoded: replacements.size, fill: reported, notes };
}
