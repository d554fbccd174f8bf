import { DicomError } from "../core/errors.js";

/** Encapsulated Pixel Data as parsed items (PS3.5 A.4). */
export interface EncapsulatedPixelData {
  /** Value of the first item: the Basic Offset Table, possibly empty. */
  basicOffsetTable: Uint8Array;
  /** Values of the fragment items that follow it, in order. */
  fragments: Uint8Array[];
  /** Offset of each fragment's item tag from the first fragment's item tag, as the BOT counts. */
  fragmentOffsets: number[];
}

/** Extended Offset Table (7FE0,0001) and Extended Offset Table Lengths (7FE0,0002), PS3.3 C.7.6.3. */
export interface ExtendedOffsetTable {
  offsets: ArrayLike<bigint>;
  lengths?: ArrayLike<bigint>;
}

/** Options for frameFragments. */
export interface FrameFragmentsOptions {
  numberOfFrames: number;
  extendedOffsetTable?: ExtendedOffsetTable;
  /** Only look for this codec's start markers when the BOT is empty or ignored (default: any known codec). */
  transferSyntaxUid?: string;
  /**
   * Told why a Basic Offset Table that does not fit the fragments was set aside because the
   * codec's start markers give the frames unambiguously (see `frameFragments`).
   */
  onTableIgnored?: (reason: string) => void;
}

const BOT = "PixelData (7FE0,0010) Basic Offset Table";
const EOT = "ExtendedOffsetTable (7FE0,0001)";

type StartTest = (f: Uint8Array) => boolean;

// ITU-T T.81 B.1.1.2: SOI FFD8 then another marker. Also JPEG-LS (ITU-T T.87) and JPEG lossless.
const jpegStart: StartTest = (f) => f.length >= 3 && f[0] === 0xff && f[1] === 0xd8 && f[2] === 0xff;
// ITU-T T.800 A.4.1 / A.5.1: SOC FF4F then SIZ FF51; or a JP2 signature box (T.800 I.5.1).
const j2kStart: StartTest = (f) =>
  (f.length >= 4 && f[0] === 0xff && f[1] === 0x4f && f[2] === 0xff && f[3] === 0x51) ||
  (f.length >= 12 && f[3] === 0x0c && f[4] === 0x6a && f[5] === 0x50 && f[6] === 0x20 && f[7] === 0x20);
// PS3.5 G.5: RLE header: 1..15 segments, first segment at offset 64.
const rleStart: StartTest = (f) => {
  if (f.length < 64) return false;
  const dv = new DataView(f.buffer, f.byteOffset, 64);
  const n = dv.getUint32(0, true);
  return n >= 1 && n <= 15 && dv.getUint32(4, true) === 64;
};

function startTestFor(uid?: string): { test: StartTest; hasEnd: boolean } {
  if (uid === "1.2.840.10008.1.2.5") return { test: rleStart, hasEnd: false };
  if (uid && /^1\.2\.840\.10008\.1\.2\.4\.(9[0-3]|20[1-3])$/.test(uid)) return { test: j2kStart, hasEnd: true };
  if (uid && /^1\.2\.840\.10008\.1\.2\.4\.([5-7]\d|8[01])$/.test(uid)) return { test: jpegStart, hasEnd: true };
  return { test: (f) => jpegStart(f) || j2kStart(f), hasEnd: true };
}

/** True when the fragment ends with an EOI / EOC marker FFD9, allowing one trailing pad byte. */
function endsWithEoi(f: Uint8Array): boolean {
  for (let end = f.length; end >= Math.max(2, f.length - 1); end--) {
    if (f[end - 2] === 0xff && f[end - 1] === 0xd9) return true;
  }
  return false;
}

function fromOffsets(offsets: number[], data: EncapsulatedPixelData, where: string): number[][] {
  const index = new Map(data.fragmentOffsets.map((o, i) => [o, i]));
  const starts = offsets.map((o, frame) => {
    const i = index.get(o);
    if (i === undefined) {
      throw new DicomError("BAD_ITEM", `offset of frame ${frame} does not point at a fragment item`, { tagPath: where });
    }
    return i;
  });
  if (starts[0] !== 0) throw new DicomError("BAD_ITEM", "the first frame does not start at the first fragment", { tagPath: where });
  for (let k = 1; k < starts.length; k++) {
    if (starts[k] <= starts[k - 1]) {
      throw new DicomError("BAD_ITEM", `offsets are not increasing at frame ${k}`, { tagPath: where });
    }
  }
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : data.fragments.length;
    return Array.from({ length: end - s }, (_, j) => s + j);
  });
}

/**
 * Which fragments make up each frame of encapsulated pixel data (PS3.5 A.4): from the
 * Extended Offset Table, else the Basic Offset Table, else one fragment per frame when the
 * counts match, else by finding each codec stream's start marker. A Basic Offset Table that
 * does not fit the fragments (a count other than the frames', offsets that miss the items, as
 * writers of odd-length fragments leave) is set aside only when the start markers find exactly
 * one stream per frame, each after the end of the one before (`onTableIgnored` is told why);
 * otherwise, and for an Extended Offset Table that does not fit, it fails closed.
 */
export function frameFragments(data: EncapsulatedPixelData, options: FrameFragmentsOptions): number[][] {
  const frames = options.numberOfFrames;
  const count = data.fragments.length;
  if (data.fragmentOffsets.length !== count) {
    throw new DicomError("BAD_ITEM", "fragment offsets and fragments differ in number", { tagPath: "PixelData (7FE0,0010)" });
  }
  if (!Number.isInteger(frames) || frames < 1) {
    throw new DicomError("BAD_VALUE", "NumberOfFrames must be at least 1", { tagPath: "NumberOfFrames (0028,0008)" });
  }
  if (count === 0) throw new DicomError("BAD_ITEM", "encapsulated pixel data has no fragments", { tagPath: "PixelData (7FE0,0010)" });

  const eot = options.extendedOffsetTable;
  if (eot) {
    if (eot.offsets.length !== frames) {
      throw new DicomError("BAD_VALUE", `has ${eot.offsets.length} offsets for ${frames} frames`, { tagPath: EOT });
    }
    if (data.basicOffsetTable.length !== 0) {
      // PS3.5 A.4: with an Extended Offset Table the Basic Offset Table shall be empty.
      throw new DicomError("BAD_VALUE", "present together with a non-empty Basic Offset Table", { tagPath: EOT });
    }
    const offsets = Array.from(eot.offsets, (o) => {
      if (o > BigInt(Number.MAX_SAFE_INTEGER)) throw new DicomError("BAD_VALUE", "offset too large", { tagPath: EOT });
      return Number(o);
    });
    const result = fromOffsets(offsets, data, EOT);
    if (eot.lengths) {
      if (eot.lengths.length !== frames) {
        throw new DicomError("BAD_VALUE", `has ${eot.lengths.length} lengths for ${frames} frames`, { tagPath: "ExtendedOffsetTableLengths (7FE0,0002)" });
      }
      result.forEach((frags, k) => {
        const total = frags.reduce((n, i) => n + data.fragments[i].length, 0);
        const want = Number(eot.lengths![k]);
        // The length excludes any trailing pad byte of the fragment.
        if (want !== total && want !== total - 1) {
          throw new DicomError("BAD_VALUE", `length of frame ${k} does not match its fragments`, { tagPath: "ExtendedOffsetTableLengths (7FE0,0002)" });
        }
      });
    }
    return result;
  }

  const bot = data.basicOffsetTable;
  if (bot.length > 0) {
    try {
      return fromBasicTable(bot, data, frames);
    } catch (e) {
      if (!(e instanceof DicomError)) throw e;
      const byMarkers = framesFromStarts(markerStarts(data, options.transferSyntaxUid), frames, count);
      if (!byMarkers) throw e;
      options.onTableIgnored?.(`the Basic Offset Table ${e.reason}; frames found by their start markers`);
      return byMarkers;
    }
  }

  if (frames === 1) return [Array.from({ length: count }, (_, i) => i)];
  if (count === frames) return Array.from({ length: count }, (_, i) => [i]);
  if (count < frames) {
    throw new DicomError("UNSUPPORTED", `${frames} frames in ${count} fragments without an offset table`, { tagPath: "PixelData (7FE0,0010)" });
  }
  const starts = markerStarts(data, options.transferSyntaxUid);
  const byMarkers = framesFromStarts(starts, frames, count);
  if (!byMarkers) {
    throw new DicomError("BAD_ITEM", `found ${starts.length} frame starts in ${count} fragments for ${frames} frames`, {
      tagPath: "PixelData (7FE0,0010)",
    });
  }
  return byMarkers;
}

/** The frames a Basic Offset Table gives; throws BAD_ITEM when it does not fit the fragments. */
function fromBasicTable(bot: Uint8Array, data: EncapsulatedPixelData, frames: number): number[][] {
  if (bot.length % 4 !== 0) throw new DicomError("BAD_ITEM", `length ${bot.length} is not a multiple of 4`, { tagPath: BOT });
  if (bot.length / 4 !== frames) {
    throw new DicomError("BAD_ITEM", `has ${bot.length / 4} offsets for ${frames} frames`, { tagPath: BOT });
  }
  const dv = new DataView(bot.buffer, bot.byteOffset, bot.length);
  const offsets = Array.from({ length: frames }, (_, k) => dv.getUint32(k * 4, true));
  return fromOffsets(offsets, data, BOT);
}

/** Fragments that start a codec stream: the start marker, after an end marker where the codec has one. */
function markerStarts(data: EncapsulatedPixelData, transferSyntaxUid?: string): number[] {
  const { test, hasEnd } = startTestFor(transferSyntaxUid);
  const starts: number[] = [];
  for (let i = 0; i < data.fragments.length; i++) {
    // A marker inside compressed data is possible, so a new frame must also follow an end marker.
    if (test(data.fragments[i]) && (i === 0 || !hasEnd || endsWithEoi(data.fragments[i - 1]))) starts.push(i);
  }
  return starts;
}

/** The frames that stream starts give, when there is exactly one per frame and the first is fragment 0. */
function framesFromStarts(starts: number[], frames: number, count: number): number[][] | undefined {
  if (starts.length !== frames || starts[0] !== 0) return undefined;
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : count;
    return Array.from({ length: end - s }, (_, j) => s + j);
  });
}

/** The bytes of one frame: its fragments joined (a single fragment is returned as is). */
export function joinFragments(data: EncapsulatedPixelData, indices: readonly number[]): Uint8Array {
  if (indices.length === 1) return data.fragments[indices[0]];
  const total = indices.reduce((n, i) => n + data.fragments[i].length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const i of indices) {
    out.set(data.fragments[i], at);
    at += data.fragments[i].length;
  }
  return out;
}
