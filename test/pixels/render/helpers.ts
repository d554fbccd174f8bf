// Test-only: small synthetic datasets, files and frames for the renderer's tests.
import { Dataset } from "../../../src/core/dataset.js";
import type { Element } from "../../../src/core/element.js";
import { UNDEFINED_LENGTH } from "../../../src/core/tag.js";
import { encodeValues } from "../../../src/dataset/values.js";
import type { DicomFile } from "../../../src/io/read/read-file.js";
import type { DecodedFrame, PixelArray, PixelFormat } from "../../../src/pixels/format.js";

/** One element: values (encoded for the VR), raw bytes, or sequence items. */
export type Entry = [tag: number, vr: string, value: readonly (string | number)[] | Uint8Array | Dataset[]];

/** A dataset from entries, in either byte order. */
export function dataset(entries: Entry[], littleEndian = true): Dataset {
  const ds = new Dataset({ explicitVR: true, littleEndian });
  for (const [t, vr, value] of entries) {
    let el: Element;
    if (vr === "SQ") {
      const items = (value as Dataset[]).map((d) => {
        d.parent = ds;
        return { dataset: d, offset: -1, length: UNDEFINED_LENGTH };
      });
      el = { tag: t, vr, length: UNDEFINED_LENGTH, offset: -1, items };
    } else {
      const bytes = value instanceof Uint8Array ? value : encodeValues(ds, t, vr, value as (string | number)[]);
      el = { tag: t, vr, length: bytes.length, offset: -1, value: bytes };
    }
    ds.put(el);
  }
  return ds;
}

/** 16-bit words as bytes in the given byte order (for OW LUT data). */
export function words(values: readonly number[], littleEndian = true): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setUint16(i * 2, x, littleEndian));
  return out;
}

/** A DicomFile holding just a dataset (all the renderer reads). */
export function fileOf(ds: Dataset): DicomFile {
  return { dataset: ds } as unknown as DicomFile;
}

/** A grey 8-bit unsigned 1-row format, overridable. */
export function format(over: Partial<PixelFormat> = {}): PixelFormat {
  return {
    rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, highBit: 15,
    pixelRepresentation: 0, photometric: "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1, ...over,
  };
}

/** A decoded frame of one row holding these samples. */
export function row(pixels: PixelArray, over: Partial<PixelFormat> = {}): DecodedFrame {
  const spp = over.samplesPerPixel ?? 1;
  return { pixels, format: format({ columns: pixels.length / spp, ...over }) };
}
