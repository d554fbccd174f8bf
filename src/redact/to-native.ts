// Redaction of frames in a lossy syntax that cannot be redacted in its own bitstream: every
// frame is decoded once, the rectangles filled, and the whole image stored natively in
// Explicit VR Little Endian. Re-encoding lossily would add a new generation of loss; writing
// the decoded samples adds none, so native is the target (PS3.5 A.2).
import { DicomError } from "../core/errors.js";
import type { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { PIXEL_DATA, TRANSFER_SYNTAX_UID, formatTag, tag } from "../core/tag.js";
import { setValue } from "../dataset/edit.js";
import { getText } from "../dataset/values.js";
import type { DicomFile } from "../io/read/read-file.js";
import { EXPLICIT_LITTLE } from "../io/transfer-syntax.js";
import { stringElement } from "../io/write/write-file.js";
import { nativeFrameBytes } from "../pixels/codecs/native-frame.js";
import { frameByteLength, nativeValueLength, type PixelFormat } from "../pixels/format.js";
import { readFrame, type PixelSource } from "../pixels/image.js";
import { fillFor } from "./fill.js";
import { paintMasked } from "./paint.js";
import { rectMask } from "./rects.js";
import type { FillRequest, Rect } from "./types.js";

const T = {
  eot: tag(0x7fe0, 0x0001), eotLengths: tag(0x7fe0, 0x0002),
  lossy: tag(0x0028, 0x2110), method: tag(0x0028, 0x2114),
};

/** PS3.3 C.7.6.1.1.5 Lossy Image Compression Method defined terms, by source transfer syntax. */
function lossyMethod(uid: string): string | undefined {
  if (/^1\.2\.840\.10008\.1\.2\.4\.(5[0-6])$/.test(uid)) return "ISO_10918_1";
  if (uid === "1.2.840.10008.1.2.4.81") return "ISO_14495_1";
  if (uid === "1.2.840.10008.1.2.4.91" || uid === "1.2.840.10008.1.2.4.93") return "ISO_15444_1";
  if (uid === "1.2.840.10008.1.2.4.203") return "ISO_15444_15";
  return undefined;
}

/** Fails closed when encapsulated pixel data sits below the top level (e.g. an icon): it could not stay so natively. */
function checkNoNestedFragments(ds: Dataset, under?: number): void {
  for (const el of ds.elements) {
    if (under !== undefined && el.fragments) {
      throw new DicomError("UNSUPPORTED", "nested encapsulated pixel data (e.g. an icon image) cannot be written natively", { tagPath: formatTag(under) });
    }
    for (const item of el.items ?? []) checkNoNestedFragments(item.dataset, under ?? el.tag);
  }
}

/** What the native conversion did: pixels per redacted frame and notes. */
export interface NativeConversion {
  readonly pixels: Map<number, number>;
  readonly format: PixelFormat;
  /** The fill in the decoded samples' value space. */
  readonly fill: number[];
  readonly notes: string[];
}

/**
 * Decodes every frame, fills the rectangles, writes all frames as native Pixel Data (OB for 8
 * bits, else OW), and switches the file to Explicit VR Little Endian (its transfer syntax and
 * meta). Photometric Interpretation and Planar Configuration become those of the decoded
 * samples (e.g. YBR_ICT or YBR_FULL_422 become RGB, planar 0); Bits stay. Lossy Image
 * Compression (0028,2110) stays "01" with its ratio and method, and is set when absent.
 */
export async function decodeToNative(
  file: DicomFile,
  src: PixelSource,
  frames: ReadonlyMap<number, readonly Rect[]>,
  fill: FillRequest,
): Promise<NativeConversion> {
  const ds = file.dataset;
  checkNoNestedFragments(ds);
  const count = src.format.numberOfFrames;
  const pixels = new Map<number, number>();
  const notes: string[] = [];
  let format: PixelFormat | undefined;
  let value: Uint8Array | undefined;
  let frameBytes = 0;
  let reported: number[] = [];
  for (let i = 0; i < count; i++) {
    const frame = await readFrame(src, i);
    if (!format) {
      format = { ...frame.format, numberOfFrames: count };
      if (format.bitsAllocated === 1) throw new DicomError("UNSUPPORTED", "1-bit frames of an encapsulated syntax cannot be written natively");
      frameBytes = frameByteLength({ ...format, numberOfFrames: 1 });
      const length = nativeValueLength(format);
      value = new Uint8Array(length + (length % 2));
    }
    const rects = frames.get(i);
    if (rects) {
      const f = fillFor(format, fill, ds);
      if (f.note && !notes.includes(f.note)) notes.push(f.note);
      reported = f.values;
      pixels.set(i, paintMasked(frame.pixels, rectMask(rects, format.columns, format.rows).mask, f.values));
    }
    value!.set(nativeFrameBytes(frame, { ...format, numberOfFrames: 1 }).subarray(0, frameBytes), i * frameBytes);
  }
  const el: Element = { tag: PIXEL_DATA, vr: format!.bitsAllocated <= 8 ? "OB" : "OW", length: value!.length, offset: -1, value };
  ds.delete(src.element.tag);
  ds.put(el);
  ds.delete(T.eot);
  ds.delete(T.eotLengths);
  if (format!.photometric !== src.format.photometric) {
    setValue(ds, "PhotometricInterpretation", [format!.photometric]);
    notes.push(`photometric interpretation is now ${format!.photometric}, as decoded`);
  }
  if (format!.samplesPerPixel > 1) setValue(ds, "PlanarConfiguration", [0]);
  if (src.transferSyntax.lossy && getText(ds, T.lossy) === undefined) {
    setValue(ds, "LossyImageCompression", ["01"]);
    const method = lossyMethod(src.transferSyntax.uid);
    if (method && getText(ds, T.method) === undefined) setValue(ds, "LossyImageCompressionMethod", [method]);
    notes.push("LossyImageCompression was absent: set to 01 (the source syntax is lossy)");
  }
  file.transferSyntax = EXPLICIT_LITTLE;
  if (file.hasMeta) file.meta.put(stringElement(TRANSFER_SYNTAX_UID, "UI", EXPLICIT_LITTLE.uid));
  notes.push(`decoded ${count} frame(s) of ${src.transferSyntax.name} and stored them natively in Explicit VR Little Endian (no new loss)`);
  return { pixels, format: format!, fill: reported, notes };
}
