// Moving a fill from the dataset's value space into a codestream's sample space.
import type { PixelFormat } from "../pixels/format.js";
import { storedPattern, storedRange } from "./fill.js";

/** A fill in codestream samples, and whether a value had to be clamped to the stream's range. */
export interface StreamFill {
  readonly values: number[];
  readonly clamped: boolean;
}

/**
 * The codestream sample that decodes (masked to Bits Stored, signed per Pixel Representation,
 * as the codecs do) to each dataset value: the value itself in a signed stream of a signed
 * dataset, else its Bits Stored pattern (bits above Bits Stored 0); clamped to the stream's range.
 */
export function toStreamFill(values: readonly number[], dataset: PixelFormat, stream: PixelFormat): StreamFill {
  const { min, max } = storedRange(stream);
  let clamped = false;
  const out = values.map((v) => {
    let s = stream.pixelRepresentation === 1 && dataset.pixelRepresentation === 1 ? v : storedPattern(v, dataset.bitsStored);
    if (stream.pixelRepresentation === 1 && s > max) s -= 2 ** stream.bitsStored;
    if (s < min || s > max) {
      clamped = true;
      s = Math.min(max, Math.max(min, s));
    }
    return s;
  });
  return { values: out, clamped };
}
