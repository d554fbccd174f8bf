/** Plain-text rendering of an evaluation report: one row per image (index and id, never a name) and totals. */
import type { EvalReport, ImageEval } from "./report.js";

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? "n/a" : v.toFixed(3));

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padStart(widths[i])).join("  ");
}

function row(im: ImageEval, residual: boolean): string[] {
  const c = im.coverage;
  const base = [String(im.index), im.id.slice(0, 8)];
  if (im.status !== "ok" || !c) return [...base, "-", "-", "-", "-", "-", ...(residual ? ["-"] : []), im.status + (im.code ? ` (${im.code})` : "")];
  return [
    ...base,
    im.groundTruth ? String(c.values.length) : "-",
    im.groundTruth ? String(c.hidden) : "-",
    im.groundTruth ? String(c.hiddenStrict) : "-",
    pct(c.precision),
    String(c.redactedPx),
    ...(residual ? [im.residual ? String(im.residual.readable) : "-"] : []),
    im.groundTruth ? (c.hidden < c.values.length ? "missed" : "ok") : "no truth",
  ];
}

/** Target comparison: "0.952 (target >= 0.99: below)". */
function vsTarget(value: number | null, target: number): string {
  if (value === null) return `n/a (target >= ${target})`;
  return `${value.toFixed(4)} (target >= ${target}: ${value >= target ? "met" : "below"})`;
}

/** The table and totals as lines of text (no file names, no PHI). */
export function formatEvalTable(report: EvalReport, options: { rows?: boolean } = {}): string {
  const residual = report.settings.residual;
  const header = ["#", "id", "values", "hidden", "strict", "precision", "redacted px", ...(residual ? ["readable"] : []), "status"];
  const rows = options.rows === false ? [] : report.images.map((im) => row(im, residual));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const t = report.totals;
  const lines = rows.length > 0 ? [pad(header, widths), ...rows.map((r) => pad(r, widths)), ""] : [];
  lines.push(`images: ${t.images} (${t.evaluated} evaluated, ${t.withTruth} with ground truth, ${t.missingOutput} without output, ${t.failed} failed)`);
  lines.push(`values: ${t.values}, hidden: ${t.hidden} (>= ${report.settings.hiddenThreshold * 100} % of the box), strictly hidden: ${t.hiddenStrict} (100 %)`);
  lines.push(`recall: ${vsTarget(t.recall, report.targets.recall)}; strict: ${pct(t.recallStrict)}; images with every value hidden: ${t.imagesAllHidden}/${t.withTruth}`);
  if (t.inkless > 0) lines.push(`values with no ink in the original box (drawn in the background's own value): ${t.inkless}, of them not covered: ${t.inklessMissed}; recall over the other values: ${pct(t.recallInked)}`);
  if (t.values > 0) lines.push(`recall over visible ink (a value counts when its pixels that differ from its box's commonest value are covered as above; inkless values count): ${pct(t.recallInk)} (${t.inkHidden}/${t.values})`);
  lines.push(`redacted px: ${t.redactedPx}, inside the text block (boxes + ${report.settings.blockMargin} px): ${t.insideBlockPx}`);
  lines.push(`precision: ${vsTarget(t.precision, report.targets.precision)}`);
  if (t.redactedPxWithoutTruth > 0) lines.push(`redacted px in images without ground truth (not in precision): ${t.redactedPxWithoutTruth}`);
  const labels = Object.entries(t.byLabel).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length > 1) lines.push(`recall by label: ${labels.map(([l, v]) => `${l} ${v.hidden}/${v.values}`).join(", ")}`);
  if (t.residual) {
    const before = t.residual.readableBefore === undefined ? "" : ` (${t.residual.readableBefore} readable in the originals)`;
    lines.push(`still readable by OCR: ${t.residual.readable} of ${t.residual.valuesChecked} values checked${before}, in ${t.residual.imagesWithReadable} of ${t.residual.images} images`);
  }
  lines.push(`time: ${report.seconds.toFixed(1)} s`);
  return lines.join("\n") + "\n";
}
