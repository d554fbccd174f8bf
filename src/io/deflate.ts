import { deflateRawSync, inflateRawSync, inflateSync } from "node:zlib";
import { DicomError } from "../core/errors.js";

/** Default cap on an inflated dataset, so a deflate bomb ends in an error, not an OOM. */
export const DEFAULT_MAX_INFLATED = 1 << 30;

/**
 * PS3.5 A.5: inflates a deflated dataset (raw RFC 1951, no zlib header). With `lenient`,
 * a stream that wrongly carries a zlib header is accepted too.
 */
export function inflateDataset(bytes: Uint8Array, options: { maxBytes?: number; lenient?: boolean; file?: string; offset?: number } = {}): Uint8Array {
  const maxOutputLength = options.maxBytes ?? DEFAULT_MAX_INFLATED;
  try {
    return new Uint8Array(inflateRawSync(bytes, { maxOutputLength }));
  } catch (e) {
    if (options.lenient) {
      try {
        return new Uint8Array(inflateSync(bytes, { maxOutputLength }));
      } catch { /* fall through to the error below */ }
    }
    const reason = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
      ? `deflated dataset inflates beyond ${maxOutputLength} bytes`
      : "deflated dataset is not a valid raw deflate stream";
    throw new DicomError("DEFLATE", reason, { file: options.file, offset: options.offset });
  }
}

/**
 * An empty stored block that is not the last (RFC 1951 3.2.4: header bits 000, LEN 0, NLEN
 * 0xFFFF). It ends on a byte boundary, so a raw deflate stream can follow it as is.
 */
const EMPTY_STORED_BLOCK = Uint8Array.from([0x00, 0x00, 0x00, 0xff, 0xff]);

/**
 * True when a deflated stream's bytes 4 and 5 both lie in 0x41-0x7F. dicom3tools (dciodvfy,
 * dcdump) reads such a deflated dataset as if it were not deflated (the bytes look like an
 * explicit VR to it) and then fails on the whole file.
 */
export function looksLikeExplicitVr(stream: Uint8Array): boolean {
  const letter = (b: number | undefined) => b !== undefined && b >= 0x41 && b <= 0x7f;
  return letter(stream[4]) && letter(stream[5]);
}

/**
 * PS3.5 A.5: deflates a dataset as raw RFC 1951 data (level 6). A stream that would look like
 * an explicit VR element to readers that guess (`looksLikeExplicitVr`, about 1 in 16) starts
 * with an empty stored block instead, which every inflater reads past. Deterministic.
 */
export function deflateDataset(bytes: Uint8Array): Uint8Array {
  const stream = new Uint8Array(deflateRawSync(bytes, { level: 6 }));
  if (!looksLikeExplicitVr(stream)) return stream;
  const out = new Uint8Array(EMPTY_STORED_BLOCK.length + stream.length);
  out.set(EMPTY_STORED_BLOCK);
  out.set(stream, EMPTY_STORED_BLOCK.length);
  return out;
}
