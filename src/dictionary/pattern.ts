import { type Tag, tagGroup } from "../core/tag.js";

/**
 * A tag with wildcard hex digits, as PS3.6 and PS3.15 publish them: "(60xx,3000)", "(0020,31xx)",
 * "(50xx,xxxx)". `value` holds the fixed digits (wildcards as 0), `wildcards` the wildcard bits.
 */
export interface TagPattern {
  /** Normalized text: upper-case hex digits, lower-case "x" for each wildcard digit. */
  readonly text: string;
  /** The pattern's tag with every wildcard digit set to 0 (the first tag it stands for). */
  readonly value: Tag;
  /** Bits of the tag that the wildcards cover (0 for an exact tag). */
  readonly wildcards: number;
  /** How many hex digits are wildcards (0 = exact); fewer means more specific. */
  readonly wildcardDigits: number;
}

/** Parses "(GGGG,EEEE)" where any digit may be "x"/"X"; undefined when the text is not such a pattern. */
export function parseTagPattern(text: string): TagPattern | undefined {
  const m = /^\(([0-9A-Fa-fXx]{4}),([0-9A-Fa-fXx]{4})\)$/.exec(text.trim());
  if (!m) return undefined;
  const digits = (m[1] + m[2]).toUpperCase();
  let value = 0;
  let wildcards = 0;
  let wildcardDigits = 0;
  for (const d of digits) {
    value = value * 16 + (d === "X" ? 0 : parseInt(d, 16));
    wildcards = wildcards * 16 + (d === "X" ? 0xf : 0);
    if (d === "X") wildcardDigits++;
  }
  const norm = digits.replace(/X/g, "x");
  return { text: `(${norm.slice(0, 4)},${norm.slice(4)})`, value: value >>> 0, wildcards: wildcards >>> 0, wildcardDigits };
}

/** The wildcard bits that cover the low byte of the group: the repeating-group form "(ggxx,eeee)". */
const GROUP_LOW_BYTE = 0x00ff0000;

/**
 * True when the tag is one of those the pattern stands for.
 * PS3.5 7.6: a repeating group "ggxx" (curves 50xx, overlays 60xx, variable pixel data 7Fxx)
 * only covers the even groups gg00-gg1E; other wildcard digits cover any hex digit.
 */
export function matchesTagPattern(p: TagPattern, t: Tag): boolean {
  if (((t & ~p.wildcards) >>> 0) !== p.value) return false;
  if ((p.wildcards & GROUP_LOW_BYTE) === GROUP_LOW_BYTE) {
    const low = tagGroup(t) & 0xff;
    return (low & 1) === 0 && low <= 0x1e;
  }
  return true;
}
