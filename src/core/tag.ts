/** A DICOM attribute tag packed as an unsigned 32-bit number: (group << 16) | element. */
export type Tag = number;

/** Packs a group and element number into a Tag. */
export function tag(group: number, element: number): Tag {
  return ((group & 0xffff) * 0x10000 + (element & 0xffff)) >>> 0;
}

/** The group number of a tag. */
export function tagGroup(t: Tag): number {
  return t >>> 16;
}

/** The element number of a tag. */
export function tagElement(t: Tag): number {
  return t & 0xffff;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

/** Formats a tag as "(GGGG,EEEE)". */
export function formatTag(t: Tag): string {
  return `(${hex4(tagGroup(t))},${hex4(tagElement(t))})`;
}

/** Formats a tag as "GGGGEEEE" (the DICOM JSON model key). */
export function tagKey(t: Tag): string {
  return hex4(tagGroup(t)) + hex4(tagElement(t));
}

/** Parses "(GGGG,EEEE)", "GGGG,EEEE" or "GGGGEEEE"; returns undefined when the text is not a tag. */
export function parseTag(text: string): Tag | undefined {
  const m = /^\(?([0-9A-Fa-f]{4}),?([0-9A-Fa-f]{4})\)?$/.exec(text.trim());
  return m ? tag(parseInt(m[1], 16), parseInt(m[2], 16)) : undefined;
}

/** PS3.5 7.8: odd groups (other than 0001, 0003, 0005, 0007, FFFF) are private. */
export function isPrivateTag(t: Tag): boolean {
  const g = tagGroup(t);
  return (g & 1) === 1 && g > 0x0007 && g !== 0xffff;
}

/** PS3.5 7.8.1: (gggg,0010-00FF) in a private group reserves a block for a private creator. */
export function isPrivateCreatorTag(t: Tag): boolean {
  const e = tagElement(t);
  return isPrivateTag(t) && e >= 0x0010 && e <= 0x00ff;
}

/** The creator element (gggg,00xx) that reserves the block a private data element (gggg,xxyy) lives in. */
export function privateCreatorTagFor(t: Tag): Tag | undefined {
  const e = tagElement(t);
  if (!isPrivateTag(t) || e < 0x1000) return undefined;
  return tag(tagGroup(t), e >>> 8);
}

/** PS3.5 7.2: (gggg,0000) is a group length element. */
export function isGroupLengthTag(t: Tag): boolean {
  return tagElement(t) === 0x0000;
}

/** Item, item delimitation and sequence delimitation tags (PS3.5 7.5). */
export const ITEM = tag(0xfffe, 0xe000);
export const ITEM_DELIMITATION = tag(0xfffe, 0xe00d);
export const SEQUENCE_DELIMITATION = tag(0xfffe, 0xe0dd);
/** (7FE0,0010) Pixel Data. */
export const PIXEL_DATA = tag(0x7fe0, 0x0010);
/** (0008,0005) Specific Character Set. */
export const SPECIFIC_CHARACTER_SET = tag(0x0008, 0x0005);
/** (0002,0010) Transfer Syntax UID. */
export const TRANSFER_SYNTAX_UID = tag(0x0002, 0x0010);
/** Undefined length marker (PS3.5 7.1.1). */
export const UNDEFINED_LENGTH = 0xffffffff;
