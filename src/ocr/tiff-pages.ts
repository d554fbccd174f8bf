/**
 * Multi-page TIFF encoding of OCR images, so that one native tesseract process reads a batch of
 * images from stdin (nothing written to disk). Baseline TIFF 6.0, little-endian, uncompressed,
 * one strip per page: 8-bit grey (BlackIsZero) or 8-bit RGB (alpha dropped). No resolution tags,
 * as in PGM: tesseract estimates the resolution from the glyphs the same way for both.
 */
import type { OcrImage } from "./engine.js";

/** Baseline tags written per page, in ascending tag order as TIFF requires. */
const TAGS = 8;
const IFD_BYTES = 2 + TAGS * 12 + 4;

/** Pixel bytes of a page: grey as is, colour as RGB. */
function pagePixels(image: OcrImage): Uint8Array {
  const n = image.width * image.height;
  if (image.channels === 1) return image.data.subarray(0, n);
  const out = new Uint8Array(n * 3);
  for (let i = 0, j = 0, o = 0; i < n; i++, j += image.channels, o += 3) {
    out[o] = image.data[j];
    out[o + 1] = image.data[j + 1];
    out[o + 2] = image.data[j + 2];
  }
  return out;
}

/** Encodes the images as the pages of one TIFF, in order (page i of the file is images[i]). */
export function encodeTiffPages(images: readonly OcrImage[]): Uint8Array {
  if (images.length === 0) throw new RangeError("encodeTiffPages needs at least one image.");
  const pixels = images.map(pagePixels);
  // Layout: header, then per page its samples-per-pixel array (colour), pixels and IFD (word-aligned).
  let size = 8;
  const at = pixels.map((p, i) => {
    const bps = images[i].channels === 1 ? 0 : 6; // BitsPerSample 8,8,8 for colour lives outside the IFD
    const start = size;
    size += bps + p.length;
    size += size & 1;
    const ifd = size;
    size += IFD_BYTES;
    return { start, bps, ifd };
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0], 0); // "II", 42: little-endian TIFF
  view.setUint32(4, at[0].ifd, true);
  images.forEach((image, i) => {
    const { start, bps, ifd } = at[i];
    const colour = image.channels !== 1;
    if (colour) for (let s = 0; s < 3; s++) view.setUint16(start + 2 * s, 8, true);
    const data = start + bps;
    out.set(pixels[i], data);
    let p = ifd;
    view.setUint16(p, TAGS, true);
    p += 2;
    const entry = (tag: number, type: 3 | 4, count: number, value: number): void => {
      view.setUint16(p, tag, true);
      view.setUint16(p + 2, type, true);
      view.setUint32(p + 4, count, true);
      if (type === 3 && count === 1) view.setUint16(p + 8, value, true);
      else view.setUint32(p + 8, value, true);
      p += 12;
    };
    entry(256, 4, 1, image.width); // ImageWidth
    entry(257, 4, 1, image.height); // ImageLength
    if (colour) entry(258, 3, 3, start); // BitsPerSample 8,8,8 (offset)
    else entry(258, 3, 1, 8); // BitsPerSample 8
    entry(259, 3, 1, 1); // Compression: none
    entry(262, 3, 1, colour ? 2 : 1); // PhotometricInterpretation: RGB or BlackIsZero
    entry(273, 4, 1, data); // StripOffsets
    entry(277, 3, 1, colour ? 3 : 1); // SamplesPerPixel
    entry(279, 4, 1, pixels[i].length); // StripByteCounts (RowsPerStrip defaults to the whole image)
    view.setUint32(p, i + 1 < images.length ? at[i + 1].ifd : 0, true);
  });
  return out;
}
