// Overlap resolution: overlapping findings become one span, led by the best-scoring finding.
import type { Finding } from "./types.js";

const AGREEMENT_BONUS = 0.05;

/** Merges overlapping findings into their union span; the best one gives entity and recognizer, agreement adds a little score. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 0) return;
    const best = cluster.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.end - b.start > a.end - a.start) ? b : a));
    const others = [...new Set(cluster.map((f) => f.recognizer))].filter((r) => r !== best.recognizer);
    const score = Math.min(1, best.score + AGREEMENT_BONUS * others.length);
    out.push({
      entity: best.entity,
      start: Math.min(...cluster.map((f) => f.start)),
      end: Math.max(...cluster.map((f) => f.end)),
      score: Math.round(score * 100) / 100,
      recognizer: best.recognizer,
      explanation: cluster.length > 1
        ? `${best.explanation}; merged with ${cluster.length - 1} overlapping finding(s)${others.length ? ` from ${others.join(", ")}` : ""}`
        : best.explanation,
    });
    cluster = [];
  };
  for (const f of sorted) {
    if (f.end <= f.start) continue;
    if (cluster.length > 0 && f.start >= clusterEnd) flush();
    cluster.push(f);
    clusterEnd = Math.max(clusterEnd, f.end);
  }
  flush();
  return out;
}

/** Small words that sit inside multi-word values ("Nielsen, Jimenez and Aguilar", "Hospital of Saint X"). */
const CONNECTORS = /^[\s,.&'’-]*(?:(?:and|of|the|de|la|del|van|von|da|y|und|et|&)[\s,.&'’-]*)?$/i;

/** Joins neighbouring findings of the same kind on one line when only punctuation or one connector word separates them. */
export function bridgeFindings(findings: readonly Finding[], text: string): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, f.start) : "";
    if (prev && prev.entity === f.entity && !gap.includes("\n") && CONNECTORS.test(gap)) {
      out[out.length - 1] = {
        ...prev,
        end: f.end,
        score: Math.max(prev.score, f.score),
        recognizer: prev.score >= f.score ? prev.recognizer : f.recognizer,
        explanation: `${prev.score >= f.score ? prev.explanation : f.explanation}; joined with a neighbouring finding of the same kind`,
      };
    } else out.push(f);
  }
  return out;
}
