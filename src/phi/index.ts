// Public surface of the text-PHI detector (detect only; deciding and acting happen in later stages).
export type { EntityType, Finding, WordFinding, OcrWord, Recognizer, RecognizerInput } from "./types.js";
export { ENTITY_TYPES } from "./types.js";
export type { PhiContext, HeaderValue } from "./context.js";
export { contextFromValues, emptyContext } from "./context.js";
export type { AllowList, AllowListOptions } from "./allow-list.js";
export { createAllowList, DEFAULT_ALLOW_LIST } from "./allow-list.js";
export { RecognizerRegistry, createDefaultRegistry, BUILT_IN_RECOGNIZERS } from "./registry.js";
export type { AnalyzeOptions, CleanOptions } from "./analyzer.js";
export { analyzeText, analyzeWords, cleanText, joinWords, DEFAULT_MIN_SCORE } from "./analyzer.js";
export { LABELS } from "./labels.js";
export { labelledLines } from "./line-labels.js";
export { unreadDateRemainder, unreadRemainder, wholeHeaderValue } from "./value-extent.js";
export { BARE_AGE_SCORE } from "./recognizers/header-values.js";
export type { ValueRemainder } from "./value-extent.js";
export type { LabelledLine } from "./line-labels.js";
export type { LabelDef } from "./labels.js";
