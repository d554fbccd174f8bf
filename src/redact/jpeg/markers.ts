// JPEG marker codes (ITU-T T.81 Table B.1), the second byte after 0xFF.

/** Start of image. */
export const SOI = 0xd8;
/** End of image. */
export const EOI = 0xd9;
/** Start of scan. */
export const SOS = 0xda;
/** Define quantization table(s). */
export const DQT = 0xdb;
/** Define number of lines. */
export const DNL = 0xdc;
/** Define restart interval. */
export const DRI = 0xdd;
/** Define Huffman table(s). */
export const DHT = 0xc4;
/** Define arithmetic coding conditioning(s). */
export const DAC = 0xcc;
/** Baseline DCT frame (process 1). */
export const SOF0 = 0xc0;
/** Extended sequential DCT frame, Huffman (processes 2 and 4). */
export const SOF1 = 0xc1;
/** Progressive DCT frame, Huffman. */
export const SOF2 = 0xc2;
/** Lossless frame, Huffman (process 14). */
export const SOF3 = 0xc3;
/** First restart marker RST0; RSTm is RST0 + (m mod 8). */
export const RST0 = 0xd0;

/** True for RST0..RST7 (T.81 B.1.1.3: markers without a length). */
export function isRestart(marker: number): boolean {
  return marker >= 0xd0 && marker <= 0xd7;
}

/** True for every SOFn marker (T.81 Table B.1: C0-CF except DHT C4, JPG C8, DAC CC). */
export function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== DHT && marker !== 0xc8 && marker !== DAC;
}

/** True for markers that stand alone, without a length field (T.81 B.1.1.3). */
export function isStandalone(marker: number): boolean {
  return marker === SOI || marker === EOI || isRestart(marker) || marker === 0x01;
}

/** Short human name of a SOF marker's coding process, for error messages. */
export function frameProcessName(marker: number): string {
  switch (marker) {
    case 0xc0:
      return "baseline DCT (SOF0)";
    case 0xc1:
      return "extended sequential DCT (SOF1)";
    case 0xc2:
      return "progressive DCT (SOF2)";
    case 0xc3:
      return "lossless (SOF3)";
    default:
      if (marker >= 0xc5 && marker <= 0xc7) return `hierarchical (SOF${marker - 0xc0})`;
      if (marker >= 0xc9) return `arithmetic-coded (SOF${marker - 0xc0})`;
      return `unknown frame marker 0xFF${marker.toString(16).toUpperCase()}`;
  }
}
