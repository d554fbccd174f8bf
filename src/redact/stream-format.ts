// The sample format a lossless codestream really holds, so that a frame can be decoded and
// re-encoded with every bit kept, including bits above Bits Stored (e.g. overlay planes that
// some writers leave in the stream): the codecs mask to Bits Stored unless told otherwise.
import { DicomError } from "../core/errors.js";
import type { PixelFormat } from "../pixels/format.js";
import { j2kCodestream, readJ2kHeader } from "../pixels/codecs/j2k-stream.js";
import { readJpegHeader } from "../pixels/codecs/jpeg-header.js";

/** What a lossless frame's own headers say: its sample format and, for JPEG lossless, the predictor. */
export interface StreamFormat {
  /** The dataset format with Bits Stored, High Bit and Pixel Representation of the codestream. */
  readonly format: PixelFormat;
  /** T.81 H.1.2.1 predictor selection value of a JPEG lossless scan (Ss of the first SOS). */
  readonly predictor?: number;
}

const JPEG_LOSSLESS = new Set(["1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"]);
const JPEG_LS = new Set(["1.2.840.10008.1.2.4.80"]);
const J2K = new Set(["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202"]);
const WHOLE_WORDS = new Set(["1.2.840.10008.1.2.5", "1.2.840.10008.1.2.8.1", "1.2.840.10008.1.2.1.98"]);

/** Transfer syntaxes whose frames redactFile re-encodes losslessly in the same syntax. */
export function isLosslessReencodable(uid: string): boolean {
  return JPEG_LOSSLESS.has(uid) || JPEG_LS.has(uid) || J2K.has(uid) || WHOLE_WORDS.has(uid);
}

/** Walks JPEG marker segments (T.81 B.1.1); returns the body of the first segment with this marker. */
function markerSegment(data: Uint8Array, wanted: number): Uint8Array | undefined {
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return undefined;
    const marker = data[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = (data[at + 2] << 8) | data[at + 3];
    if (length < 2 || at + 2 + length > data.length) return undefined;
    if (marker === wanted) return data.subarray(at + 4, at + 2 + length);
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + length;
  }
  return undefined;
}

function withPrecision(format: PixelFormat, precision: number, signed: boolean): PixelFormat {
  if (precision < 1 || precision > format.bitsAllocated) {
    throw new DicomError("UNSUPPORTED", `codestream precision ${precision} does not fit Bits Allocated ${format.bitsAllocated}`, {
      tagPath: "BitsAllocated (0028,0100)",
    });
  }
  return { ...format, bitsStored: precision, highBit: precision - 1, pixelRepresentation: signed ? 1 : 0 };
}

/**
 * The format of the samples one encoded frame holds: RLE, deflated and encapsulated
 * uncompressed frames hold whole Bits Allocated words (PS3.5 G.2, 8.2.16); JPEG lossless and
 * JPEG-LS hold unsigned samples of the SOF precision (T.81 B.2.2, T.87 C.2.2); JPEG 2000 and
 * HTJ2K the SIZ precision and sign of the first component (T.800 A.5.1).
 */
export function streamFormat(uid: string, frame: Uint8Array, format: PixelFormat): StreamFormat {
  if (WHOLE_WORDS.has(uid)) return { format: withPrecision(format, format.bitsAllocated, false) };
  if (JPEG_LOSSLESS.has(uid)) {
    const header = readJpegHeader(frame);
    if (header.sof !== 0xc3) throw new DicomError("UNSUPPORTED", `a ${uid} frame is not Huffman lossless JPEG (SOF3)`);
    const sos = markerSegment(frame, 0xda);
    if (!sos || sos.length < 1 + 2 * sos[0] + 3) throw new DicomError("DECODE", "JPEG lossless frame has no scan header");
    const predictor = sos[1 + 2 * sos[0]];
    if (predictor < 1 || predictor > 7) throw new DicomError("DECODE", `JPEG lossless predictor ${predictor} is not 1..7`);
    return { format: withPrecision(format, header.precision, false), predictor: uid.endsWith(".70") ? 1 : predictor };
  }
  if (JPEG_LS.has(uid)) {
    // T.87 C.2.2: SOF55 (FFF7) holds P, Y, X, Nf like a T.81 frame header.
    const sof = markerSegment(frame, 0xf7);
    if (!sof || sof.length < 6) throw new DicomError("DECODE", "JPEG-LS frame has no SOF55 frame header");
    return { format: withPrecision(format, sof[0], false) };
  }
  if (J2K.has(uid)) {
    const header = readJ2kHeader(j2kCodestream(frame));
    return { format: withPrecision(format, header.precision, header.signed) };
  }
  throw new DicomError("UNSUPPORTED", `frames of transfer syntax ${uid} are not re-encoded losslessly`);
}
