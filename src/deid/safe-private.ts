import type { Tag } from "../core/tag.js";
import { tagElement, tagGroup } from "../core/tag.js";

/** A private attribute by creator, group and element byte (the low byte of the element). */
export interface SafePrivateEntry { creator: string; group: number; element: number }

/**
 * Built-in safe private attributes for E.3.10 (Retain Safe Private): acquisition parameters
 * that carry no identity, after PS3.15 Table E.3.10-1. Deliberately short; extend it with a
 * user list (config `safePrivate`) for the vendors you receive.
 */
export const BUILT_IN_SAFE_PRIVATE: readonly SafePrivateEntry[] = [
  { creator: "SIEMENS MR HEADER", group: 0x0019, element: 0x0c }, // B_value
  { creator: "SIEMENS MR HEADER", group: 0x0019, element: 0x0d }, // DiffusionDirectionality
  { creator: "SIEMENS MR HEADER", group: 0x0019, element: 0x0e }, // DiffusionGradientDirection
  { creator: "SIEMENS MR HEADER", group: 0x0019, element: 0x27 }, // B_matrix
  { creator: "GEMS_PARM_01", group: 0x0043, element: 0x39 }, // Slop_int_6..9 (b-value)
  { creator: "Philips Imaging DD 001", group: 0x2001, element: 0x03 }, // Diffusion B-Factor
  { creator: "Philips Imaging DD 001", group: 0x2001, element: 0x04 }, // Diffusion Direction
  { creator: "Philips MR Imaging DD 001", group: 0x2005, element: 0xb0 }, // Diffusion Direction RL
  { creator: "Philips MR Imaging DD 001", group: 0x2005, element: 0xb1 }, // Diffusion Direction AP
  { creator: "Philips MR Imaging DD 001", group: 0x2005, element: 0xb2 }, // Diffusion Direction FH
];

/** A predicate over (creator, tag) for a list of safe private entries. */
export function safePrivatePredicate(entries: readonly SafePrivateEntry[]): (creator: string, t: Tag) => boolean {
  const keys = new Set(entries.map((e) => `${e.creator.trim().toUpperCase()}|${e.group}|${e.element}`));
  return (creator, t) => keys.has(`${creator.trim().toUpperCase()}|${tagGroup(t)}|${tagElement(t) & 0xff}`);
}
