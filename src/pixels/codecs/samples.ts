import { DicomError } from "../../core/errors.js";
import { type DecodedFrame, type PixelArray, type PixelFormat, decodedSampleCount } from "../format.js";
import { pixelArrayFor } from "../native.js";

/** What a decoder reports about the image it decoded. */
export interface DecodedInfo {
  width: number;
  height: number;
  components: number;
}

/** Fails closed when a codec's image does not match the dataset's Rows, Columns and Samples per Pixel. */
export function checkDimensions(codec: string, info: DecodedInfo, format: PixelFormat): void {
  if (info.width !== format.columns || info.height !== format.rows || info.components !== format.samplesPerPixel) {
    throw new DicomError(
      "DECODE",
      `${codec}: frame is ${info.width}x${info.height}x${info.components}, dataset says ` +
        `${format.columns}x${format.rows}x${format.samplesPerPixel}`,
    );
  }
}

/** Reads little endian 16-bit samples from codec output bytes (copied out of WebAssembly memory). */
export function samples16(bytes: Uint8Array, signed: boolean): Uint16Array | Int16Array {
  const copy = bytes.slice();
  const n = copy.length >> 1;
  const out = signed ? new Int16Array(copy.buffer, 0, n) : new Uint16Array(copy.buffer, 0, n);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    const dv = new DataView(copy.buffer);
    for (let i = 0; i < n; i++) out[i] = signed ? dv.getInt16(i * 2, true) : dv.getUint16(i * 2, true);
  }
  return out;
}

/**
 * Turns a codec's samples into the array the dataset's format calls for, keeping Bits Stored
 * bits like native data (PS3.5 8.1.1): bits above them (e.g. overlay planes some writers leave
 * in the stream) are dropped, as dcmtk and GDCM do, and signedness follows Pixel Representation
 * even when the codestream says otherwise. To keep every bit, pass a format whose Bits Stored
 * equals Bits Allocated.
 */
export function toDatasetSamples(raw: ArrayLike<number>, format: PixelFormat): PixelArray {
  const n = decodedSampleCount(format);
  if (raw.length < n) throw new DicomError("DECODE", `decoded frame holds ${raw.length} samples, expected ${n}`);
  const out = pixelArrayFor(format, n);
  const span = 2 ** format.bitsStored;
  if (format.pixelRepresentation === 1) {
    const half = span / 2;
    for (let i = 0; i < n; i++) {
      const v = ((raw[i] % span) + span) % span;
      out[i] = v >= half ? v - span : v;
    }
    return out;
  }
  if ((raw instanceof Uint8Array || raw instanceof Uint16Array) && out.constructor === raw.constructor) {
    let clean = true;
    for (let i = 0; i < n && clean; i++) clean = raw[i] < span;
    if (clean) return raw.length === n ? raw : raw.slice(0, n);
  }
  for (let i = 0; i < n; i++) out[i] = ((raw[i] % span) + span) % span;
  return out;
}

/** A decoded frame in the dataset's format, with the photometric interpretation after decoding. */
export function decodedFrame(pixels: PixelArray, format: PixelFormat, photometric = format.photometric): DecodedFrame {
  return { pixels, format: { ...format, photometric, planarConfiguration: 0, numberOfFrames: 1 } };
}

/** The interleaved samples of a frame to encode, after checking their count against the format. */
export function frameSamples(frame: DecodedFrame, format: PixelFormat): ArrayLike<number> {
  const n = decodedSampleCount(format);
  if (frame.pixels.length !== n) throw new DicomError("ENCODE", `frame holds ${frame.pixels.length} samples, expected ${n}`);
  return frame.pixels;
}

/** Converts planar (RRR...GGG...BBB...) samples to pixel-interleaved order. */
export function planarToInterleaved<T extends PixelArray>(planar: T, pixels: number, components: number): T {
  const out = new (planar.constructor as new (n: number) => T)(planar.length);
  for (let c = 0; c < components; c++) for (let p = 0; p < pixels; p++) out[p * components + c] = planar[c * pixels + p];
  return out;
}
