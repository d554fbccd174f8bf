import { type Tag, formatTag, isGroupLengthTag, isPrivateCreatorTag, isPrivateTag, tagGroup } from "../core/tag.js";
import { type DictionaryEntry, entryFromRow } from "./entry.js";
import { ATTRIBUTE_ROWS } from "./generated/attributes.js";
import { type TagPattern, matchesTagPattern, parseTagPattern } from "./pattern.js";

/** A repeating-group entry with its parsed pattern. */
interface MaskEntry {
  pattern: TagPattern;
  entry: DictionaryEntry;
}

/** Row index of each exact tag; entries are built from their rows on first lookup. */
const exactRow = new Map<Tag, number>();
const entries: (DictionaryEntry | undefined)[] = [];
/** Repeating-group entries, bucketed by wildcard bits so a lookup is one Map probe per bucket. */
const masks = new Map<number, Map<Tag, MaskEntry>>();

/** The tag of an exact "(GGGG,EEEE)" row without a regular expression (this runs for every row at load). */
function exactTagOf(text: string): Tag | undefined {
  if (text.length !== 11 || text[0] !== "(" || text[5] !== "," || text[10] !== ")") return undefined;
  const g = text.slice(1, 5);
  const e = text.slice(6, 10);
  if (!/^[0-9A-F]{4}$/.test(g) || !/^[0-9A-F]{4}$/.test(e)) return undefined;
  return ((parseInt(g, 16) << 16) | parseInt(e, 16)) >>> 0;
}

for (let i = 0; i < ATTRIBUTE_ROWS.length; i++) {
  const text = ATTRIBUTE_ROWS[i][0];
  const t = exactTagOf(text);
  if (t !== undefined) {
    exactRow.set(t, i);
    continue;
  }
  const pattern = parseTagPattern(text);
  if (!pattern) throw new Error(`generated dictionary holds a bad tag pattern: ${text}`);
  let bucket = masks.get(pattern.wildcards);
  if (!bucket) masks.set(pattern.wildcards, (bucket = new Map()));
  bucket.set(pattern.value, { pattern, entry: entryAt(i) });
}

/** The entry of a generated row (built once). */
function entryAt(i: number): DictionaryEntry {
  return (entries[i] ??= entryFromRow(ATTRIBUTE_ROWS[i]));
}

let byKeyword: Map<string, Tag> | undefined;

/** Keyword -> tag, built on the first keyword lookup. Repeating groups answer with their first group, e.g. OverlayData -> (6000,3000). */
function keywordIndex(): Map<string, Tag> {
  if (byKeyword) return byKeyword;
  byKeyword = new Map();
  for (const row of ATTRIBUTE_ROWS) {
    if (row[1] === "") continue;
    const t = exactTagOf(row[0]) ?? parseTagPattern(row[0])!.value;
    byKeyword.set(row[1], t);
  }
  return byKeyword;
}

/** Finds the repeating-group entry (PS3.5 7.6) a tag belongs to. */
function lookupMask(t: Tag): DictionaryEntry | undefined {
  for (const [wildcards, bucket] of masks) {
    const hit = bucket.get((t & ~wildcards) >>> 0);
    if (hit && matchesTagPattern(hit.pattern, t)) return hit.entry;
  }
  return undefined;
}

const UL: readonly string[] = Object.freeze(["UL"]);
const LO: readonly string[] = Object.freeze(["LO"]);

/** PS3.5 7.2: (gggg,0000) group length, UL; retired except in the command and file meta groups. */
function groupLengthEntry(t: Tag): DictionaryEntry {
  const g = tagGroup(t);
  return Object.freeze({ tag: formatTag(t), keyword: "GroupLength", name: "Group Length", vr: "UL", vrs: UL, vm: "1", retired: g !== 0x0000 && g !== 0x0002 });
}

/** PS3.5 7.8.1: (gggg,0010-00FF) in a private group holds a Private Creator, LO. */
function privateCreatorEntry(t: Tag): DictionaryEntry {
  return Object.freeze({ tag: formatTag(t), keyword: "PrivateCreator", name: "Private Creator", vr: "LO", vrs: LO, vm: "1", retired: false });
}

/**
 * The PS3.6 entry of a tag: exact match first, then repeating-group masks; a synthetic entry for
 * group lengths and private creators; undefined for other private tags and unknown tags.
 */
export function lookupTag(t: Tag): DictionaryEntry | undefined {
  const row = exactRow.get(t);
  if (row !== undefined) return entryAt(row);
  if (isGroupLengthTag(t)) return groupLengthEntry(t);
  if (isPrivateCreatorTag(t)) return privateCreatorEntry(t);
  if (isPrivateTag(t)) return undefined;
  return lookupMask(t);
}

/** The tag of a PS3.6 keyword (for a repeating group, its first group, e.g. 0x60003000); undefined when unknown. */
export function lookupKeyword(keyword: string): Tag | undefined {
  return keywordIndex().get(keyword);
}

/** The VR an implicit-VR reader should use for a tag: the dictionary's VR, or "UN" when unknown. */
export function dictionaryVR(t: Tag): string {
  return lookupTag(t)?.vr ?? "UN";
}
