import { formatTag, type Tag } from "./tag.js";

/** One step of a path into a dataset: an element, and optionally an item of it. */
export interface PathStep {
  tag: Tag;
  /** Item index inside the sequence, or undefined for the element itself. */
  item?: number;
}

/** A path to an element at any depth, e.g. (0008,1140)[0].(0008,1155). */
export type TagPath = readonly PathStep[];

/** Formats a tag path as "(0008,1140)[0].(0008,1155)" (tags only, never values). */
export function formatTagPath(path: TagPath): string {
  return path.map((s) => formatTag(s.tag) + (s.item !== undefined ? `[${s.item}]` : "")).join(".");
}

/** Appends a step to a path without mutating it. */
export function childPath(path: TagPath, tag: Tag, item?: number): TagPath {
  return [...path, item === undefined ? { tag } : { tag, item }];
}
