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

/** PS3.5 A.5: deflates a dataset as raw RFC 1951 data. */
export function deflateDataset(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(bytes, { level: 6 }));
}
