// Public surface of the evaluation: ground truth, pixel-measured coverage and precision, residual OCR, reports.
export type { GroundTruth, GroundTruthIndex, TruthKey, TruthValue } from "./ground-truth.js";
export { besidePath, foldForMatch, lookupGroundTruth, parseGroundTruth, parseGroundTruthText, parseOverlayPhi, parsePresidioList, valueTokens } from "./ground-truth.js";
export type { RedactedArea, RedactedAreaOptions } from "./redacted-area.js";
export { redactedArea, REDACTED_AREA_DEFAULTS } from "./redacted-area.js";
export type { CoverageOptions, FoundRect, ImageCoverage, ValueCoverage } from "./coverage.js";
export { COVERAGE_DEFAULTS, CoverageAccumulator, measureCoverage } from "./coverage.js";
export type { ResidualOcrOptions, ResidualResult } from "./residual-ocr.js";
export { readableValues, residualOcr, wordMatchesToken } from "./residual-ocr.js";
export type { EvalReport, EvalTotals, ImageEval, ImageStatus } from "./report.js";
export { EVAL_TARGETS, reportJson, totalsOf } from "./report.js";
export { formatEvalTable } from "./table.js";
export type { EvaluateOptions, EvaluatedPair } from "./run.js";
export { evaluateFolders } from "./run.js";
export { EVAL_FLAGS, evalReviewEntry, type EvalReviewOptions } from "./review.js";
