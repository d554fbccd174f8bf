// PS3.6 data dictionary: generated table (scripts/generate-dictionary.ts) and its lookups.
import { ATTRIBUTES_SOURCE } from "./generated/attributes.js";

export type { DictionaryEntry } from "./entry.js";
export { lookupTag, lookupKeyword, dictionaryVR } from "./lookup.js";

/** Source and edition of the data dictionary this build carries. */
export const DICTIONARY_SOURCE: string = ATTRIBUTES_SOURCE;
