import { DicomError, type DicomErrorCode } from "../../core/errors.js";
import type { Diagnostic } from "../../core/diagnostics.js";
import {
  ITEM, ITEM_DELIMITATION, PIXEL_DATA, SEQUENCE_DELIMITATION, UNDEFINED_LENGTH,
  formatTag, isPrivateTag, tagGroup, type Tag,
} from "../../core/tag.js";
import { childPath, formatTagPath, type TagPath } from "../../core/tag-path.js";
import { hasLongLength, isVR } from "../../core/vr.js";
import { dictionaryVR } from "../../dictionary/index.js";
import { Dataset, type Encoding } from "../../core/dataset.js";
import type { Element, Fragment, Item } from "../../core/element.js";

/** Options of the dataset parser. */
export interface ParseOptions {
  /** Read what can be read and report the rest as warnings instead of failing. */
  lenient?: boolean;
  /** Maximum sequence nesting depth before a TOO_DEEP error (default 64). */
  maxDepth?: number;
  /** File name for error context. */
  file?: string;
}

const IMPLICIT_LE: Encoding = { explicitVR: false, littleEndian: true };

/** Where a parse stopped: at its end, an item delimiter, or a group change (for the meta). */
interface Stop {
  end: number;
  /** Stop (without consuming) at the first element of another group (file meta reading). */
  onlyGroup?: number;
  /** Undefined-length item: stop after (FFFE,E00D). */
  untilItemDelimiter?: boolean;
}

/**
 * Byte-faithful dataset parser: every element keeps a view of its exact source bytes.
 * Bounds are checked before any value is taken, so a declared 3 GB length in a small
 * file is an error, never an allocation; nesting is limited; every loop advances.
 */
export class DatasetParser {
  readonly warnings: Diagnostic[] = [];
  private readonly view: DataView;
  private readonly lenient: boolean;
  private readonly maxDepth: number;

  constructor(private readonly buf: Uint8Array, private readonly options: ParseOptions = {}) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.lenient = options.lenient ?? false;
    this.maxDepth = options.maxDepth ?? 64;
  }

  /** Parses a dataset from `start`; returns it with the offset where parsing stopped. */
  parse(start: number, stop: Stop, encoding: Encoding, parent?: Dataset, path: TagPath = [], depth = 0): { dataset: Dataset; end: number } {
    const ds = new Dataset(encoding, [], parent);
    let pos = start;
    while (pos < stop.end) {
      if (stop.end - pos < 8) {
        if (depth === 0 && this.allZero(pos, stop.end)) break;
        this.fail("TRUNCATED", `${stop.end - pos} bytes left where an element header needs 8`, path, pos);
        return { dataset: ds, end: stop.end };
      }
      const tag = this.tagAt(pos, encoding.littleEndian);
      if (stop.onlyGroup !== undefined && tagGroup(tag) !== stop.onlyGroup) break;
      if (tag === ITEM_DELIMITATION) {
        if (stop.untilItemDelimiter) return { dataset: ds, end: pos + 8 };
        this.fail("BAD_ITEM", "item delimiter outside an undefined-length item", path, pos);
        return { dataset: ds, end: stop.end };
      }
      if (tag === SEQUENCE_DELIMITATION || tag === ITEM) {
        if (depth === 0 && this.allZero(pos, stop.end)) break;
        this.fail("BAD_ITEM", `unexpected ${formatTag(tag)} inside a dataset`, path, pos);
        return { dataset: ds, end: stop.end };
      }
      if (depth === 0 && tag === 0 && this.allZero(pos, stop.end)) break;
      const el = this.element(pos, stop.end, encoding, ds, path, depth);
      if (!el) return { dataset: ds, end: pos };
      ds.elements.push(el);
      pos = el.offset + el.raw!.length;
      if (this.failedLeniently) return { dataset: ds, end: pos };
    }
    if (stop.untilItemDelimiter) {
      this.fail("TRUNCATED", "undefined-length item has no item delimiter", path, pos);
      return { dataset: ds, end: stop.end };
    }
    return { dataset: ds, end: pos };
  }

  /** Reads one element at `pos`; undefined after a lenient failure (the caller stops). */
  private element(pos: number, end: number, enc: Encoding, ds: Dataset, path: TagPath, depth: number): Element | undefined {
    const le = enc.littleEndian;
    const tag = this.tagAt(pos, le);
    const elPath = childPath(path, tag);
    let vr: string;
    let length: number;
    let header: number;
    let explicit = enc.explicitVR;
    if (explicit) {
      const c0 = this.buf[pos + 4];
      const c1 = this.buf[pos + 5];
      const code = String.fromCharCode(c0, c1);
      if (isVR(code)) {
        vr = code;
      } else if (c0 >= 0x41 && c0 <= 0x5a && c1 >= 0x41 && c1 <= 0x5a) {
        // PS3.5 6.2: VRs defined in future use the 32-bit length form; keep it opaque as UN.
        this.warn("unknown-vr", "unknown VR read as an opaque value with a 32-bit length", elPath, pos);
        vr = "UN";
        if (end - pos < 12) {
          this.fail("TRUNCATED", "element header runs past the end", elPath, pos);
          return undefined;
        }
        const len = this.u32(pos + 8, le);
        return this.finish(tag, vr, len, pos, 12, end, enc, ds, elPath, depth, true);
      } else {
        if (!this.lenient) {
          this.fail("BAD_VR", `invalid VR bytes 0x${hex2(c0)}${hex2(c1)} in an explicit VR dataset`, elPath, pos);
          return undefined;
        }
        this.warn("implicit-in-explicit", "element without a valid VR read as implicit VR", elPath, pos);
        explicit = false;
        vr = dictionaryVR(tag);
      }
      if (explicit) {
        if (hasLongLength(vr)) {
          if (end - pos < 12) {
            this.fail("TRUNCATED", "element header runs past the end", elPath, pos);
            return undefined;
          }
          length = this.u32(pos + 8, le);
          header = 12;
        } else {
          length = le ? this.view.getUint16(pos + 6, true) : this.view.getUint16(pos + 6, false);
          header = 8;
        }
        return this.finish(tag, vr, length, pos, header, end, enc, ds, elPath, depth, true);
      }
    }
    vr = dictionaryVR(tag);
    length = this.u32(pos + 4, le);
    return this.finish(tag, vr, length, pos, 8, end, enc, ds, elPath, depth, false);
  }

  /** Reads the value (or items or fragments) of an element whose header is known. */
  private finish(tag: Tag, vr: string, length: number, pos: number, header: number, end: number,
    enc: Encoding, ds: Dataset, path: TagPath, depth: number, explicit: boolean): Element | undefined {
    const valueStart = pos + header;
    const el: Element = { tag, vr, length, offset: pos };
    if (length === UNDEFINED_LENGTH) {
      if (tag === PIXEL_DATA && vr !== "SQ") {
        const r = this.fragments(valueStart, end, path, enc.littleEndian);
        el.fragments = r.fragments;
        el.raw = this.buf.subarray(pos, r.end);
        return el;
      }
      let itemEnc = enc;
      if (vr === "UN") {
        // PS3.5 6.2.2 (CP-246): UN of undefined length holds implicit VR little endian items.
        itemEnc = IMPLICIT_LE;
        el.unAsSequence = true;
      } else if (vr !== "SQ") {
        if (!explicit && (isPrivateTag(tag) || vr === "UN")) {
          el.vr = "SQ";
        } else if (!this.lenient) {
          this.fail("BAD_LENGTH", `undefined length on a ${vr} element`, path, pos);
          return undefined;
        } else {
          this.warn("undefined-length-not-sq", `undefined length on a ${vr} element read as a sequence`, path, pos);
        }
      }
      const r = this.items(valueStart, { end, untilSeqDelimiter: true }, itemEnc, ds, path, depth);
      if (!r) return undefined;
      el.items = r.items;
      el.raw = this.buf.subarray(pos, r.end);
      return el;
    }
    let valueEnd = valueStart + length;
    if (valueEnd > end) {
      const what = `value length ${length} runs ${valueEnd - end} bytes past the end of its ${depth === 0 ? "file" : "container"}`;
      if (!this.lenient) {
        this.fail(depth === 0 ? "TRUNCATED" : "BAD_LENGTH", what, path, pos);
        return undefined;
      }
      this.warn("truncated-value", what, path, pos);
      valueEnd = end;
    }
    el.raw = this.buf.subarray(pos, valueEnd);
    const value = this.buf.subarray(valueStart, valueEnd);
    const looksLikeItems = valueEnd - valueStart >= 8 && this.tagAt(valueStart, enc.littleEndian) === ITEM;
    if (vr === "SQ") {
      const r = this.items(valueStart, { end: valueEnd, untilSeqDelimiter: false }, enc, ds, path, depth);
      if (!r) return undefined;
      el.items = r.items;
      return el;
    }
    if (!explicit && isPrivateTag(tag) && vr === "UN" && looksLikeItems) {
      // Implicit VR private element whose value parses as items: a private sequence.
      const trial = new DatasetParser(this.buf, { ...this.options, lenient: false });
      try {
        const r = trial.items(valueStart, { end: valueEnd, untilSeqDelimiter: false }, enc, ds, path, depth, true);
        if (r) {
          el.items = r.items;
          el.vr = "SQ";
          return el;
        }
      } catch (e) {
        if (!(e instanceof DicomError) || e.code === "TOO_DEEP") throw e;
      }
    }
    el.value = value;
    return el;
  }

  /** Reads sequence items until the end of a defined-length value or a sequence delimiter. */
  private items(start: number, stop: { end: number; untilSeqDelimiter: boolean }, enc: Encoding, parent: Dataset,
    path: TagPath, depth: number, tentative = false): { items: Item[]; end: number } | undefined {
    if (depth + 1 > this.maxDepth) {
      throw new DicomError("TOO_DEEP", `sequences nested deeper than ${this.maxDepth}`, { file: this.options.file, tagPath: formatTagPath(path), offset: start });
    }
    const items: Item[] = [];
    let pos = start;
    while (true) {
      if (!stop.untilSeqDelimiter && pos >= stop.end) return { items, end: pos };
      if (stop.end - pos < 8) {
        if (tentative) throw new DicomError("BAD_ITEM", "not a sequence");
        this.fail("TRUNCATED", "sequence runs past the end", path, pos);
        return undefined;
      }
      const t = this.tagAt(pos, enc.littleEndian);
      const len = this.u32(pos + 4, enc.littleEndian);
      if (t === SEQUENCE_DELIMITATION && stop.untilSeqDelimiter) return { items, end: pos + 8 };
      if (t !== ITEM) {
        if (tentative) throw new DicomError("BAD_ITEM", "not a sequence");
        this.fail("BAD_ITEM", `expected an item tag, found ${formatTag(t)}`, path, pos);
        return undefined;
      }
      const itemPath = childPath(path.slice(0, -1), path[path.length - 1].tag, items.length);
      let item: Item;
      if (len === UNDEFINED_LENGTH) {
        const r = this.parse(pos + 8, { end: stop.end, untilItemDelimiter: true }, enc, parent, itemPath, depth + 1);
        item = { dataset: r.dataset, offset: pos, length: len, raw: this.buf.subarray(pos, r.end) };
        pos = r.end;
      } else {
        let itemEnd = pos + 8 + len;
        if (itemEnd > stop.end) {
          if (tentative) throw new DicomError("BAD_ITEM", "not a sequence");
          if (!this.lenient) {
            this.fail("BAD_LENGTH", `item length ${len} runs ${itemEnd - stop.end} bytes past its sequence`, itemPath, pos);
            return undefined;
          }
          this.warn("truncated-item", "item runs past its sequence", itemPath, pos);
          itemEnd = stop.end;
        }
        const r = this.parse(pos + 8, { end: itemEnd }, enc, parent, itemPath, depth + 1);
        item = { dataset: r.dataset, offset: pos, length: len, raw: this.buf.subarray(pos, itemEnd) };
        pos = itemEnd;
      }
      item.dataset.parent = parent;
      items.push(item);
      if (this.lenient && this.failedLeniently) return { items, end: pos };
    }
  }

  /** Reads encapsulated pixel data fragments up to the sequence delimiter (PS3.5 A.4). */
  private fragments(start: number, end: number, path: TagPath, le: boolean): { fragments: Fragment[]; end: number } {
    const fragments: Fragment[] = [];
    let pos = start;
    while (true) {
      if (end - pos < 8) {
        this.fail("TRUNCATED", "encapsulated pixel data has no sequence delimiter", path, pos);
        return { fragments, end };
      }
      const t = this.tagAt(pos, le);
      const len = this.u32(pos + 4, le);
      if (t === SEQUENCE_DELIMITATION) return { fragments, end: pos + 8 };
      if (t !== ITEM || len === UNDEFINED_LENGTH) {
        this.fail("BAD_ITEM", `expected a fragment item, found ${formatTag(t)}`, path, pos);
        return { fragments, end };
      }
      if (pos + 8 + len > end) {
        this.fail("TRUNCATED", `fragment length ${len} runs ${pos + 8 + len - end} bytes past the end`, path, pos);
        fragments.push({ offset: pos, value: this.buf.subarray(pos + 8, end) });
        return { fragments, end };
      }
      fragments.push({ offset: pos, value: this.buf.subarray(pos + 8, pos + 8 + len) });
      pos += 8 + len;
    }
  }

  private failedLeniently = false;

  /** Strict: throws. Lenient: records an error diagnostic and lets the caller stop. */
  private fail(code: DicomErrorCode, reason: string, path: TagPath, offset: number): void {
    const tagPath = path.length ? formatTagPath(path) : undefined;
    if (!this.lenient) throw new DicomError(code, reason, { file: this.options.file, tagPath, offset });
    this.failedLeniently = true;
    this.warnings.push({ rule: code, severity: "error", reason, tagPath, offset });
  }

  private warn(rule: string, reason: string, path: TagPath, offset: number): void {
    this.warnings.push({ rule, severity: "warning", reason, tagPath: formatTagPath(path), offset });
  }

  private tagAt(pos: number, le: boolean): Tag {
    return ((this.view.getUint16(pos, le) * 0x10000) + this.view.getUint16(pos + 2, le)) >>> 0;
  }

  private u32(pos: number, le: boolean): number {
    return this.view.getUint32(pos, le);
  }

  private allZero(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.buf[i] !== 0) return false;
    return true;
  }

  /** True once a lenient read skipped something. */
  get partial(): boolean {
    return this.failedLeniently;
  }
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, "0");
