/**
 * Review flags and a risk score per image, from facts the pixel stage reports (counts and
 * geometry only). The score orders the review page: images most likely to still show PHI, or to
 * have lost the most image, first. Each flag adds a weight w; the score is 1 - prod(1 - w), so it
 * stays in [0, 1] and grows with every flag.
 */

/** Fixed texts of the review flags (the page shows these, never image text). */
export const REVIEW_FLAGS = {
  failed: "processing failed",
  textNotRedacted: "text found, nothing redacted",
  lowConfidence: "low OCR confidence",
  noText: "no OCR text",
  largeRedaction: "redaction covers a large share of the image",
} as const;

/** Weights of the flags in the risk score. */
export const RISK_WEIGHTS = { failed: 1, textNotRedacted: 0.6, lowConfidence: 0.35, noText: 0.15, largeRedaction: 0.3 } as const;

/** What the pixel stage knows about an image. */
export interface ReviewFacts {
  width: number;
  height: number;
  /** Text lines (regions) the detector found. */
  textLines: number;
  /** Words OCR read, when known. */
  words?: number;
  /** Mean OCR word confidence 0-100, when words were read. */
  meanConfidence?: number;
  /** Redaction boxes of the first frame (frame pixels). */
  boxes: readonly { x: number; y: number; w: number; h: number }[];
  /** The file failed to process. */
  failed?: boolean;
}

/** Options of `assessRisk`. */
export interface RiskOptions {
  /** Mean confidence below this is "low". Default 60. */
  lowConfidence?: number;
  /** Redacted share of the image above this is "large". Default 0.25. */
  largeShare?: number;
}

/** Union area of boxes clipped to the image, by a coverage mask (boxes are few and small enough). */
function unionArea(boxes: ReviewFacts["boxes"], width: number, height: number): number {
  if (boxes.length === 0) return 0;
  const mask = new Uint8Array(width * height);
  let area = 0;
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x));
    const x1 = Math.min(width, Math.ceil(b.x + b.w));
    for (let y = Math.max(0, Math.floor(b.y)); y < Math.min(height, Math.ceil(b.y + b.h)); y++) {
      for (let x = x0; x < x1; x++) {
        if (!mask[y * width + x]) {
          mask[y * width + x] = 1;
          area++;
        }
      }
    }
  }
  return area;
}

/** The flags (texts of REVIEW_FLAGS) and risk score in [0, 1] of one image. */
export function assessRisk(facts: ReviewFacts, options: RiskOptions = {}): { flags: string[]; risk: number } {
  const keys: (keyof typeof REVIEW_FLAGS)[] = [];
  if (facts.failed) keys.push("failed");
  const redacted = unionArea(facts.boxes, facts.width, facts.height);
  const hasText = facts.textLines > 0 || (facts.words ?? 0) > 0;
  if (hasText && redacted === 0) keys.push("textNotRedacted");
  if ((facts.words ?? 0) > 0 && facts.meanConfidence !== undefined && facts.meanConfidence < (options.lowConfidence ?? 60)) keys.push("lowConfidence");
  if (!facts.failed && !hasText) keys.push("noText");
  if (facts.width * facts.height > 0 && redacted / (facts.width * facts.height) > (options.largeShare ?? 0.25)) keys.push("largeRedaction");
  const risk = 1 - keys.reduce((keep, k) => keep * (1 - RISK_WEIGHTS[k]), 1);
  return { flags: keys.map((k) => REVIEW_FLAGS[k]), risk };
}
